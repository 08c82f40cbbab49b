import AriannaProtocol
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import ServiceTestSupport
import Testing

@testable import PlannerService
@testable import ServiceKit

/// `GET /api/queue`: the queue a page at a time in urgency order (keyset pagination on the
/// urgency index), the refusals of a bad limit or cursor, and no unpaged answer any more.
@Suite struct QueuePageTests {
    func withApp(
        generate: Bool = false,
        _ test: @escaping @Sendable (PlannerFixture, any TestClientProtocol) async throws -> Void
    ) async throws {
        let fixture = try await PlannerFixture(generate: generate)
        let app = Application(router: ServiceRuntime.buildRouter(PlannerService.definition, context: fixture.context))
        try await app.test(.router) { client in try await test(fixture, client.loggedIn(to: fixture.context)) }
    }

    struct Page: Decodable {
        struct Item: Decodable { let ticketID: String }
        let items: [Item]
        let nextCursor: String?
    }

    static func page(_ client: any TestClientProtocol, _ query: String) async throws -> Page {
        let response = try await client.executeRequest(
            uri: "/api/queue?\(query)", method: .get, headers: [:], body: nil)
        #expect(response.status == .ok, "\(String(buffer: response.body))")
        return try JSONDecoder().decode(Page.self, from: Data(buffer: response.body))
    }

    /// Every page of `query` in turn (at most 20), following `nextCursor`.
    static func allPages(_ client: any TestClientProtocol, _ query: String) async throws -> [[String]] {
        var pages: [[String]] = []
        var cursor: String?
        repeat {
            let page = try await page(client, query + (cursor.map { "&cursor=\($0)" } ?? ""))
            pages.append(page.items.map(\.ticketID))
            cursor = page.nextCursor
        } while cursor != nil && pages.count < 20
        return pages
    }

    @Test func pages_coverTheQueueOnce_inUrgencyOrder_evenWithTiedOpeningTimes() async throws {
        try await withApp { fixture, client in
            let day: TimeInterval = 86_400
            // five calls opened at the same instant: the ticket id breaks the tie
            for index in [3, 1, 5, 2, 4] {
                _ = try await fixture.openTicket("t\(index)", number: "TCK/2030/00000\(index)")
            }
            // due dates come first, the soonest (or overdue) first, whatever their age
            try await fixture.openCall("due-late", dueIn: 3 * day)
            try await fixture.openCall("due-overdue", openedAgo: 0, dueIn: -day)
            try await fixture.openCall("old", openedAgo: 10 * day)
            let pages = try await Self.allPages(client, "limit=2")
            #expect(pages.flatMap { $0 } == ["due-overdue", "due-late", "old", "t1", "t2", "t3", "t4", "t5"])
            #expect(pages.count == 4)
        }
    }

    @Test func aCursor_staysRight_whileCallsArriveAndLeave() async throws {
        try await withApp(generate: true) { fixture, client in
            for index in 1...6 { try await fixture.openCall("c\(index)", openedAgo: TimeInterval(100 - index)) }
            let first = try await Self.page(client, "limit=3")
            #expect(first.items.map(\.ticketID) == ["c1", "c2", "c3"])
            let cursor = try #require(first.nextCursor)
            // a call older than the page's end arrives, one after it arrives, and c2 and c5 are scheduled
            try await fixture.openCall("older", openedAgo: 500)
            try await fixture.openCall("newer", openedAgo: 1)
            for ticket in ["c2", "c5"] {
                _ = try await fixture.store.schedule(
                    ScheduleRequest(
                        ticketID: ticket, operatorID: ticket == "c2" ? "op-mario" : "op-lucia",
                        start: PlannerFixture.monday))
            }
            let second = try await Self.page(client, "limit=3&cursor=\(cursor)")
            #expect(second.items.map(\.ticketID) == ["c4", "c6", "newer"])
            #expect(second.nextCursor == nil)
        }
    }

    @Test func withoutParameters_theFirstPageOfFifty_withCounts() async throws {
        try await withApp { fixture, client in
            for index in 1...55 {
                try await fixture.openCall(String(format: "n%02d", index), openedAgo: TimeInterval(100 - index))
            }
            let response = try await client.executeRequest(uri: "/api/queue", method: .get, headers: [:], body: nil)
            let json = try #require(
                try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
            #expect((json["items"] as? [Any])?.count == 50)
            #expect(json["nextCursor"] is String)
            #expect((json["counts"] as? [String: Any])?["total"] as? Int == 55)
            let last = try await Self.page(client, "limit=200")
            #expect(last.items.count == 55)
            #expect(last.nextCursor == nil)
            let bare = try await client.executeRequest(
                uri: "/api/queue?counts=false", method: .get, headers: [:], body: nil)
            #expect(!String(buffer: bare.body).contains("\"counts\""))
        }
    }

    @Test(arguments: [
        ("limit=0", "limit must be a whole number from 1 to 200"),
        ("limit=201", "limit must be a whole number from 1 to 200"),
        ("limit=ten", "limit must be a whole number from 1 to 200"),
        ("cursor=%25%25%25", "cursor is not valid"),
        ("cursor=bm90LWEtY3Vyc29y", "cursor is not valid"),
        // a cursor of another list (one value instead of the queue's three)
        ("cursor=\(PageCursor(["x"]).token)", "cursor is not valid"),
        ("dueBefore=tomorrow", "dueBefore must be a date such as 2030-03-04")
    ])
    func aBadLimitCursorOrFilter_is400WithAMessage(query: String, message: String) async throws {
        try await withApp { _, client in
            for language in ["en", "it"] {
                let response = try await client.executeRequest(
                    uri: "/api/queue?\(query)", method: .get, headers: [.acceptLanguage: language], body: nil)
                #expect(response.status == .badRequest)
                let text = String(buffer: response.body)
                if language == "en" {
                    #expect(text.contains(message), "\(text)")
                } else {
                    #expect(!text.contains(message), "\(text)")
                }
            }
        }
    }

    @Test func thePageQueries_walkTheirIndexes_withoutSortingTheQueue() async throws {
        let fixture = try await PlannerFixture(generate: false)
        let plan = try await fixture.context.database.read { db in
            let (condition, arguments) = QueueFilter().condition(initialStateID: nil)
            return try Row.fetchAll(
                db,
                sql: """
                    EXPLAIN QUERY PLAN SELECT * FROM queueEntry WHERE \(condition)
                    AND (\(QueueMigrations.urgencyKey), openedAt, ticketID) > (?, ?, ?)
                    ORDER BY \(QueueMigrations.urgencyKey), openedAt, ticketID LIMIT 51
                    """, arguments: arguments + ["a", "b", "c"]
            ).map { $0["detail"] as String? ?? "" }.joined(separator: " | ")
        }
        #expect(plan.contains("queueEntry_urgency"), "\(plan)")
        #expect(!plan.contains("TEMP B-TREE"), "\(plan)")

        // One zone's page walks that zone's slice of its index in the same order.
        let zonePlan = try await fixture.context.database.read { db in
            let (condition, arguments) = QueueFilter(zone: "Milano").condition(initialStateID: nil)
            return try Row.fetchAll(
                db,
                sql: """
                    EXPLAIN QUERY PLAN SELECT * FROM queueEntry WHERE \(condition)
                    ORDER BY \(QueueMigrations.urgencyKey), openedAt, ticketID LIMIT 51
                    """, arguments: arguments
            ).map { $0["detail"] as String? ?? "" }.joined(separator: " | ")
        }
        #expect(zonePlan.contains("queueEntry_zone"), "\(zonePlan)")
        #expect(!zonePlan.contains("TEMP B-TREE"), "\(zonePlan)")
    }

    /// With a zone chosen, every count (total, per zone, type, practice, state) reads only an
    /// index of `queueEntry`, never its rows: the statements `QueueQueries.counts` really runs
    /// are traced and each one's plan is asked of SQLite.
    @Test func theCountsOfOneZone_readOnlyCoveringIndexes() async throws {
        let fixture = try await PlannerFixture(generate: false)
        let plans = try await fixture.context.database.read { db in
            var statements: [String] = []
            db.trace(options: .statement) { event in
                if case .statement(let statement) = event { statements.append(statement.expandedSQL) }
            }
            _ = try QueueQueries.counts(QueueFilter(zone: "Milano"), initialStateID: nil, in: db)
            db.trace(options: [], nil)
            return try statements.filter { $0.contains("FROM queueEntry") }.map { sql in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN \(sql)").map { $0["detail"] as String? ?? "" }
                    .filter { $0.contains("queueEntry") }
            }
        }
        #expect(plans.count == 5, "\(plans)")
        for plan in plans {
            #expect(!plan.isEmpty && plan.allSatisfy { $0.contains("USING COVERING INDEX") }, "\(plan)")
        }
        #expect(plans.joined().contains { $0.contains("queueEntry_zoneType") }, "\(plans)")
        #expect(plans.joined().contains { $0.contains("queueEntry_zoneState") }, "\(plans)")
    }
}

extension PlannerFixture {
    /// Queues a call the way intake announces it, with the given age, due date, zone, type and
    /// customer (`openedAgo` seconds before the fixture's now).
    func openCall(
        _ id: String, openedAgo: TimeInterval = 0, dueIn: TimeInterval? = nil, zone: String? = "Milano",
        type: String = "at-repair", customer: String = "Acme", description: String = "Broken"
    ) async throws {
        try await apply(
            .ticketOpened(
                TicketOpened(
                    ticketID: id, number: "TCK/\(id)",
                    activityType: ActivityTypeRef(
                        id: type, code: type.uppercased(), name: type, expectedDurationMinutes: 60, billable: true),
                    customer: CustomerRef(id: "c-\(customer)", name: customer, email: nil),
                    siteZone: zone, description: description, channel: .api,
                    openedAt: Self.start.addingTimeInterval(-openedAgo),
                    dueAt: dueIn.map { Self.start.addingTimeInterval($0) })))
    }
}
