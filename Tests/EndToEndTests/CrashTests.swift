import Foundation
import Testing

/// Delivery guarantees under `kill -9`: at-least-once delivery plus the inbox gives
/// exactly-once effects.
@Suite("EndToEnd crash recovery", .serialized)
struct CrashTests {
    /// Opens `count` tickets over HTTP, `concurrency` at a time; returns the ids of the ones
    /// intake acknowledged, calling `midway` once half were sent.
    static func openTickets(
        _ cluster: ServiceCluster, count: Int, keyPrefix: String, concurrency: Int = 16,
        midway: @Sendable () async -> Void = {}
    ) async throws -> [Int: String] {
        var opened: [Int: String] = [:]
        var next = 0
        var midwayDone = false
        try await withThrowingTaskGroup(of: (Int, String?).self) { group in
            func add(_ index: Int) {
                group.addTask {
                    let result = try? await HTTP.send(
                        "POST", cluster.url(.intake, "/api/tickets"),
                        json: [
                            "activityTypeCode": "REPAIR", "customer": ["name": "Customer \(index % 37)"],
                            "description": "Burst ticket \(index)", "customFields": ["appliance": "Forno"]
                        ],
                        headers: ["Idempotency-Key": "\(keyPrefix)-\(index)"])
                    guard let (data, status) = result, status == 201 || status == 200,
                        let id = (try? HTTP.object(data))?["id"] as? String
                    else { return (index, nil) }
                    return (index, id)
                }
            }
            while next < min(concurrency, count) {
                add(next)
                next += 1
            }
            while let (index, id) = try await group.next() {
                if let id { opened[index] = id }
                if !midwayDone && next >= count / 2 {
                    midwayDone = true
                    await midway()
                }
                if next < count {
                    add(next)
                    next += 1
                }
            }
        }
        return opened
    }

    static func queuedTicketIDs(_ cluster: ServiceCluster) async throws -> [String] {
        // The queue answers a page at a time: follow nextCursor to the end.
        var ids: [String] = []
        var cursor: String?
        repeat {
            let query = "/api/queue?limit=200&counts=false" + (cursor.map { "&cursor=\($0)" } ?? "")
            let (data, status) = try await HTTP.get(cluster.url(.planner, query))
            guard status == 200 else { throw HarnessError("planner answered \(status)") }
            ids += try HTTP.items(data).compactMap { $0["ticketID"] as? String }
            cursor = try HTTP.nextCursor(data)
        } while cursor != nil
        return ids
    }

    @Test func planner_killedMidBurst_queuesEveryTicketExactlyOnce() async throws {
        let cluster = try ServiceCluster()
        defer { cluster.stop() }
        try await cluster.start([.intake, .planner])

        // Given 500 tickets in a burst, with the planner killed -9 in the middle
        let opened = try await Self.openTickets(cluster, count: 500, keyPrefix: "burst") {
            cluster.kill9(.planner)
        }
        #expect(opened.count == 500, "intake keeps accepting while the planner is down")
        #expect(!cluster.isRunning(.planner))

        // When the planner restarts
        try cluster.launch(.planner)
        try await cluster.waitUntilReady(.planner)

        // Then every ticket is in its queue exactly once
        let expected = Set(opened.values)
        let queued = try await eventually("500 tickets in the planner's queue", timeout: .seconds(120)) {
            () -> [String]? in
            let ids = try await Self.queuedTicketIDs(cluster)
            return Set(ids).isSuperset(of: expected) ? ids : nil
        }
        try await Task.sleep(for: .seconds(2))
        let settled = try await Self.queuedTicketIDs(cluster)
        #expect(settled.count == 500)
        #expect(Set(settled) == expected)
        #expect(queued.count == Set(queued).count)
    }

    @Test func intake_killedBetweenPublishAndMarkSent_losesNothingAndDoublesNothing() async throws {
        let cluster = try ServiceCluster()
        defer { cluster.stop() }
        try await cluster.start([.planner])
        // Given intake set to die (SIGKILL) after its relay delivered 40 events and before it marks them sent
        try await cluster.start([.intake], extraEnvironment: ["ARIANNA_FAULT_KILL_AFTER_PUBLISH": "40"])

        // When 120 tickets arrive
        var opened = try await Self.openTickets(cluster, count: 120, keyPrefix: "fault", concurrency: 4)
        let status = try await cluster.waitForExit(.intake, timeout: .seconds(60))
        #expect(status == SIGKILL, "intake died by the injected SIGKILL")

        // and intake restarts normally; requests that were cut off are retried with their keys
        try await cluster.start([.intake])
        for index in 0..<120 where opened[index] == nil {
            let (data, code) = try await HTTP.send(
                "POST", cluster.url(.intake, "/api/tickets"),
                json: [
                    "activityTypeCode": "REPAIR", "customer": ["name": "Customer \(index % 37)"],
                    "description": "Burst ticket \(index)", "customFields": ["appliance": "Forno"]
                ],
                headers: ["Idempotency-Key": "fault-\(index)"])
            #expect(code == 201 || code == 200)
            opened[index] = try HTTP.object(data)["id"] as? String
        }
        let intakeTickets = try await HTTP.allItems(cluster.url(.intake, "/api/tickets")).compactMap {
            $0["id"] as? String
        }
        #expect(intakeTickets.count == 120, "no ticket doubled by the retries")

        // Then the planner has every ticket exactly once, although some events were published twice
        let expected = Set(opened.values)
        #expect(expected.count == 120)
        _ = try await eventually("120 tickets in the planner's queue", timeout: .seconds(120)) { () -> Bool? in
            Set(try await Self.queuedTicketIDs(cluster)).isSuperset(of: expected) ? true : nil
        }
        try await Task.sleep(for: .seconds(2))
        let queued = try await Self.queuedTicketIDs(cluster)
        #expect(queued.count == 120)
        #expect(Set(queued) == expected)
        let (metrics, _) = try await HTTP.get(cluster.url(.planner, "/metrics"))
        let duplicates =
            String(decoding: metrics, as: UTF8.self).split(separator: "\n")
            .first { $0.hasPrefix("arianna_events_duplicate_total") }
            .flatMap { $0.split(separator: " ").last }
            .flatMap { Double($0) } ?? 0
        #expect(duplicates > 0, "the planner saw republished events and skipped them")
    }
}
