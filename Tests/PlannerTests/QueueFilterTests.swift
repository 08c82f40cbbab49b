import AriannaProtocol
import Foundation
import Hummingbird
import HummingbirdTesting
import ServiceTestSupport
import Testing

@testable import PlannerService
@testable import ServiceKit

/// The queue's filters (zone, activity type, practice, state, due and opened dates, customer,
/// free text) and its counts per filter value, through `GET /api/queue` and the board.
@Suite struct QueueFilterTests {
    static let day: TimeInterval = 86_400

    /// A queue of seven calls in two zones, two types of two practices, two states.
    func withQueue(_ test: @escaping @Sendable (PlannerFixture, any TestClientProtocol) async throws -> Void)
        async throws
    {
        let fixture = try await PlannerFixture(generate: false)
        for (id, practice) in [("at-boiler", "p-tech"), ("at-quote", "p-sales")] {
            try await fixture.apply(
                .activityTypeSnapshot(
                    ActivityTypeSnapshot(
                        activityTypeID: id, code: id.uppercased(), name: id == "at-boiler" ? "Boiler" : "Quote",
                        macroType: .appointment,
                        expectedDurationMinutes: 60, billable: true, colour: "#3366cc", active: true,
                        practiceID: practice)))
        }
        try await fixture.apply(
            .practiceSnapshot(
                PracticeSnapshot(
                    practiceID: "p-tech", code: "TECH", name: "Technical assistance", active: true)))
        for (id, position) in [("s-new", 1), ("s-waiting", 2)] {
            try await fixture.apply(
                .activityStateSnapshot(
                    ActivityStateSnapshot(
                        stateID: id, code: id, name: id == "s-new" ? "New" : "Waiting for parts", colour: "#123456",
                        isFinal: false,
                        position: position, active: true)))
        }
        try await fixture.openCall(
            "m1", openedAgo: 5 * Self.day, dueIn: Self.day, zone: "Milano", type: "at-boiler", customer: "Bar Sport")
        try await fixture.openCall("m2", openedAgo: 4 * Self.day, zone: "Milano", type: "at-boiler", customer: "Acme")
        try await fixture.openCall(
            "m3", openedAgo: 1 * Self.day, zone: "Milano", type: "at-quote", customer: "Acme",
            description: "Caldaia rumorosa")
        try await fixture.openCall(
            "t1", openedAgo: 3 * Self.day, dueIn: -Self.day, zone: "Torino", type: "at-boiler", customer: "Zeta")
        try await fixture.openCall("t2", openedAgo: 2 * Self.day, zone: "Torino", type: "at-quote", customer: "Zeta")
        try await fixture.openCall("t3", openedAgo: 0, zone: "Torino", type: "at-quote", customer: "Bar 100%")
        try await fixture.openCall("nz", openedAgo: 6 * Self.day, zone: nil, type: "at-boiler", customer: "Acme")
        try await fixture.apply(
            .ticketStateChanged(
                TicketStateChanged(
                    ticketID: "t2", number: "TCK/t2", version: 2, stateID: "s-waiting", stateCode: "s-waiting",
                    stateName: "Waiting for parts", colour: "#123456", isFinal: false, changedAt: PlannerFixture.start,
                    changedBy: "u")))
        let app = Application(router: ServiceRuntime.buildRouter(PlannerService.definition, context: fixture.context))
        try await app.test(.router) { client in try await test(fixture, client.loggedIn(to: fixture.context)) }
    }

    struct Answer: Decodable {
        struct Item: Decodable { let ticketID: String }
        struct Value: Decodable, Equatable {
            let value: String?
            let label: String
            let count: Int
        }
        struct Counts: Decodable {
            let total: Int
            let zones: [Value]
            let activityTypes: [Value]
            let practices: [Value]
            let states: [Value]
        }
        let items: [Item]
        let counts: Counts
        var ids: [String] { items.map(\.ticketID) }
    }

    static func queue(_ client: any TestClientProtocol, _ query: String) async throws -> Answer {
        let response = try await client.executeRequest(
            uri: "/api/queue?\(query)", method: .get, headers: [:], body: nil)
        #expect(response.status == .ok, "\(String(buffer: response.body))")
        return try JSONDecoder().decode(Answer.self, from: Data(buffer: response.body))
    }

    @Test func eachFilter_keepsOnlyItsCalls_inUrgencyOrder() async throws {
        try await withQueue { _, client in
            let cases: [(String, [String])] = [
                ("", ["t1", "m1", "nz", "m2", "t2", "m3", "t3"]),
                ("zone=Torino", ["t1", "t2", "t3"]),
                ("type=at-quote", ["t2", "m3", "t3"]),
                ("practice=p-tech", ["t1", "m1", "nz", "m2"]),
                // a call no one has moved is in the first state
                ("state=s-waiting", ["t2"]),
                ("state=s-new&zone=Torino", ["t1", "t3"]),
                ("dueBefore=2030-03-17", ["t1"]),
                ("dueBefore=2030-03-18", ["t1", "m1"]),
                ("openedBefore=2030-03-13", ["m1", "nz", "m2"]),
                ("customer=bar", ["m1", "t3"]),
                ("customer=c-Zeta", ["t1", "t2"]),
                // as an HTML form sends a space
                ("customer=Bar+Sport", ["m1"]),
                // free text in the description, any case; LIKE's wildcards are taken literally
                ("q=CALDAIA", ["m3"]),
                ("q=100%25", ["t3"]),
                ("q=0_", []),
                ("zone=Milano&type=at-boiler&customer=Acme", ["m2"])
            ]
            for (query, expected) in cases {
                let ids = try await Self.queue(client, query).ids
                #expect(ids == expected, "\(query)")
            }
        }
    }

    @Test func counts_perValue_leaveTheirOwnFilterOut() async throws {
        try await withQueue { _, client in
            let all = try await Self.queue(client, "").counts
            #expect(all.total == 7)
            #expect(
                all.zones == [
                    .init(value: "Milano", label: "Milano", count: 3),
                    .init(value: "Torino", label: "Torino", count: 3),
                    .init(value: nil, label: "", count: 1)
                ])
            #expect(
                all.activityTypes == [
                    .init(value: "at-boiler", label: "Boiler", count: 4),
                    .init(value: "at-quote", label: "Quote", count: 3)
                ])
            // a practice the planner has a snapshot of shows its name, another its id
            #expect(
                all.practices == [
                    .init(value: "p-tech", label: "Technical assistance", count: 4),
                    .init(value: "p-sales", label: "p-sales", count: 3)
                ])
            #expect(
                all.states == [
                    .init(value: "s-new", label: "New", count: 6),
                    .init(value: "s-waiting", label: "Waiting for parts", count: 1)
                ])

            let torino = try await Self.queue(client, "zone=Torino").counts
            #expect(torino.total == 3)
            // the zones' counts ignore the zone filter (how many each other zone would show)…
            #expect(torino.zones.map(\.count) == [3, 3, 1])
            // …the others follow it
            #expect(
                torino.activityTypes == [
                    .init(value: "at-quote", label: "Quote", count: 2),
                    .init(value: "at-boiler", label: "Boiler", count: 1)
                ])
            #expect(torino.states.map(\.count) == [2, 1])
        }
    }

    @Test func aUserBoundToAPractice_seesOnlyItsCalls_andCounts() async throws {
        try await withQueue { fixture, _ in
            let (page, counts) = try await fixture.store.queuePage(
                QueueFilter(visiblePractices: ["p-sales"]), request: PageRequest(limit: 50), withCounts: true)
            #expect(page.items.map(\.ticketID) == ["t2", "m3", "t3"])
            #expect(counts?.total == 3)
            #expect(counts?.practices.map(\.value) == ["p-sales"])
        }
    }

    @Test func theBoard_showsOnePageOfTheFilteredQueue_withCountsAndAPageLink() async throws {
        try await withQueue { fixture, client in
            for index in 1...55 {
                try await fixture.openCall(String(format: "x%02d", index), openedAgo: 0, zone: "Genova")
            }
            let response = try await client.executeRequest(
                uri: "/api/board?zone=Genova", method: .get, headers: [:], body: nil)
            let board = try #require(
                try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
            let calls = try #require(board["calls"] as? [[String: Any]])
            #expect(calls.count == 50)
            #expect(calls.allSatisfy { $0["zone"] as? String == "Genova" })
            #expect(board["callCount"] as? Int == 55)
            let queue = try #require(board["queue"] as? [String: Any])
            let next = try #require(queue["nextHref"] as? String)
            #expect(next.contains("zone=Genova") && next.contains("cursor="))
            // the live refresh asks for the same filters
            #expect((board["query"] as? String)?.contains("zone=Genova") == true)

            let second = try await client.executeRequest(
                uri: "/api/board" + next, method: .get, headers: [:], body: nil)
            let secondBoard = try #require(
                try JSONSerialization.jsonObject(with: Data(buffer: second.body)) as? [String: Any])
            #expect((secondBoard["calls"] as? [Any])?.count == 5)
            #expect((secondBoard["query"] as? String)?.contains("cursor=") == true)
            #expect((secondBoard["queue"] as? [String: Any])?["nextHref"] == nil)

            // the page: a labelled filter form with the counts, and the next page link
            let page = try await client.executeRequest(uri: "/board?zone=Genova", method: .get, headers: [:], body: nil)
            let html = String(buffer: page.body)
            #expect(html.contains(#"<label class="queue-filters__field" for="queue-filter-zone">"#))
            #expect(html.contains(#"<option value="Genova" selected>Genova (55)</option>"#))
            #expect(html.contains(#"id="queue-next" href="?"#))
            #expect(html.components(separatedBy: #"<li class="card""#).count - 1 == 50)

            let bad = try await client.executeRequest(
                uri: "/board?cursor=nope", method: .get, headers: [.acceptLanguage: "en"], body: nil)
            #expect(bad.status == .badRequest)
            #expect(String(buffer: bad.body).contains("cursor is not valid"))
            // Issue 15: the board's own error view in the shared layout, not the API's JSON.
            #expect(bad.headers[.contentType] == "text/html; charset=utf-8")
            #expect(
                String(buffer: bad.body).contains(#"<main id="main""#)
                    && String(buffer: bad.body).contains(#"role="alert""#))
            #expect(String(buffer: bad.body).contains(#"href="/board""#), "a link back to the board's first page")
        }
    }

    @Test func aCallsDueDate_followsTheTicketsEdits() async throws {
        try await withQueue { fixture, client in
            try await fixture.apply(
                .ticketEdited(
                    TicketEdited(
                        ticketID: "t3", number: "TCK/t3", version: 2, description: "Urgent now", siteZone: "Torino",
                        dueAt: PlannerFixture.start.addingTimeInterval(-2 * Self.day), contact: nil, customFields: [:],
                        editedAt: PlannerFixture.start, editedBy: "u")))
            let ids = try await Self.queue(client, "zone=Torino").ids
            #expect(ids == ["t3", "t1", "t2"])
        }
    }
}
