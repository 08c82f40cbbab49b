import Foundation
import Hummingbird
import HummingbirdTesting
import ServiceTestSupport
import Testing

@testable import PlannerService
@testable import ServiceKit

/// Every planner list endpoint answers a page at a time (issue 15): `limit` with a maximum,
/// `cursor` keyset on an indexed order, `nextCursor`; pages cover the list once even while rows
/// arrive; a bad limit or cursor is a 400 with a message in the user's language.
@Suite struct ListPaginationTests {
    enum List: String, CaseIterable, Sendable {
        case appointments, absences, presences, presenceRules, holidays, operators

        /// The list with its filters, as a client asks for it.
        var path: String {
            switch self {
            case .appointments: "/api/appointments?operatorID=op-mario"
            case .absences: "/api/absences?operatorID=op-mario"
            case .presences: "/api/presences?from=2030-03-01&to=2030-03-10&operatorID=op-mario,op-lucia"
            case .presenceRules: "/api/presence-rules"
            case .holidays: "/api/holidays"
            case .operators: "/api/operators"
            }
        }

        /// What tells two rows apart.
        func identity(_ row: [String: Any]) -> String {
            switch self {
            case .appointments, .absences, .presenceRules, .operators: row["id"] as? String ?? "?"
            case .presences: "\(row["operatorID"] ?? "?") \(row["start"] ?? "?") \(row["zone"] ?? "?")"
            case .holidays: row["day"] as? String ?? "?"
            }
        }

        /// Adds row number `index` of the list (index 0…20).
        func add(_ index: Int, fixture: PlannerFixture, client: any TestClientProtocol) async throws {
            let day = String(format: "2030-05-%02d", index + 1)
            switch self {
            case .appointments:
                // Direct appointments at 08:00–09:00 on successive weekdays of March 2030.
                let monday = PlannerFixture.monday.addingTimeInterval(Double(index / 5 * 7 + index % 5) * 86_400)
                _ = try await fixture.store.schedule(
                    ScheduleRequest(
                        ticketID: nil, operatorID: "op-mario", start: monday, end: monday.addingTimeInterval(3600),
                        title: "Visit \(index)"))
                return
            case .absences:
                try await post(
                    client, "/api/absences",
                    #"{"operatorID":"op-mario","firstDay":"\#(day)","reason":"Leave \#(index)"}"#)
            case .presences:
                // Another zone's rule, generated over the listed days: more rows inside the range.
                try await post(
                    client, "/api/presence-rules",
                    #"{"operatorID":"op-mario","zone":"Zone \#(index)","frequency":"daily","weekdays":[1,2,3,4,5,6,7],"start":"18:00","end":"19:00","validFrom":"2030-03-01","validTo":"2030-03-10"}"#
                )
                try await fixture.generatePresences(from: "2030-03-01", to: "2030-03-10", operatorIDs: ["op-mario"])
            case .presenceRules:
                try await post(
                    client, "/api/presence-rules",
                    #"{"operatorID":"op-lucia","zone":"Zone \#(index)","frequency":"daily","weekdays":[1],"start":"08:00","end":"09:00","validFrom":"2031-01-01"}"#
                )
            case .holidays:
                try await post(client, "/api/holidays", #"{"day":"\#(day)","name":"Holiday \#(index)"}"#)
            case .operators:
                // Operators come from intake's setup snapshots.
                try await fixture.addOperator(String(format: "op-%02d", index), name: "Tecnico \(index)")
            }
        }

        func post(_ client: any TestClientProtocol, _ uri: String, _ body: String) async throws {
            let response = try await client.executeRequest(
                uri: uri, method: .post, headers: [:], body: ByteBuffer(string: body))
            #expect(response.status == .created, "\(uri): \(String(buffer: response.body))")
        }
    }

    func withApp(_ test: @escaping @Sendable (PlannerFixture, any TestClientProtocol) async throws -> Void) async throws
    {
        let fixture = try await PlannerFixture(generate: true)
        let app = Application(router: ServiceRuntime.buildRouter(PlannerService.definition, context: fixture.context))
        try await app.test(.router) { client in try await test(fixture, client.loggedIn(to: fixture.context)) }
    }

    /// One page: its rows and its `nextCursor`.
    static func page(_ client: any TestClientProtocol, _ list: List, _ extra: String) async throws -> (
        [[String: Any]], String?
    ) {
        let response = try await client.executeRequest(
            uri: list.path + (list.path.contains("?") ? "&" : "?") + extra,
            method: .get, headers: [:], body: nil)
        #expect(response.status == .ok, "\(list): \(String(buffer: response.body))")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
        return (try #require(json["items"] as? [[String: Any]]), json["nextCursor"] as? String)
    }

    @Test(arguments: List.allCases)
    func pages_coverTheListOnce_inItsOrder_evenWhileRowsArrive(list: List) async throws {
        try await withApp { fixture, client in
            for index in 0..<5 { try await list.add(index, fixture: fixture, client: client) }
            let (whole, wholeNext) = try await Self.page(client, list, "limit=200")
            #expect(wholeNext == nil)
            #expect(whole.count >= 5)
            let order = whole.map(list.identity)

            // Two at a time: every row once, in the same order as the single page.
            var walked: [String] = []
            var cursor: String?
            var pages = 0
            repeat {
                let (rows, next) = try await Self.page(client, list, "limit=2" + (cursor.map { "&cursor=\($0)" } ?? ""))
                #expect(rows.count <= 2)
                walked += rows.map(list.identity)
                cursor = next
                pages += 1
                // A row arrives after the first page: the rows already there still come exactly once.
                if pages == 1 { try await list.add(10, fixture: fixture, client: client) }
            } while cursor != nil && pages < 100
            #expect(Set(order).isSubset(of: Set(walked)), "\(list)")
            #expect(walked.count == Set(walked).count, "\(list): a row came twice")
            #expect(walked.filter(Set(order).contains) == order, "\(list)")
        }
    }

    @Test(arguments: List.allCases)
    func aBadLimitOrCursor_is400WithAMessage_inTheUsersLanguage(list: List) async throws {
        try await withApp { _, client in
            let otherList = PageCursor(["a", "b", "c", "d", "e"]).token
            for (query, english, italian) in [
                (
                    "limit=201", "limit must be a whole number from 1 to 200",
                    "limit deve essere un numero intero da 1 a 200"
                ),
                (
                    "limit=0", "limit must be a whole number from 1 to 200",
                    "limit deve essere un numero intero da 1 a 200"
                ),
                ("cursor=not-a-cursor", "cursor is not valid", "cursor non è valido"),
                ("cursor=\(otherList)", "cursor is not valid", "cursor non è valido")
            ] {
                for (language, message) in [("en", english), ("it", italian)] {
                    let response = try await client.executeRequest(
                        uri: list.path + (list.path.contains("?") ? "&" : "?") + query, method: .get,
                        headers: [.acceptLanguage: language], body: nil)
                    #expect(response.status == .badRequest, "\(list) \(query)")
                    #expect(
                        String(buffer: response.body).contains(message),
                        "\(list) \(query): \(String(buffer: response.body))")
                }
            }
        }
    }

    @Test func aToDoList_coversAtMost62Days() async throws {
        try await withApp { _, client in
            let response = try await client.executeRequest(
                uri: "/api/operators/op-mario/todo?from=2030-03-01&to=2030-06-01", method: .get,
                headers: [.acceptLanguage: "en"], body: nil)
            #expect(response.status == .badRequest)
            #expect(String(buffer: response.body).contains("at most 62 days"))
        }
    }
}
