import AriannaProtocol
import Foundation
import Hummingbird
import HummingbirdTesting
import ServiceKit
import ServiceTestSupport
import Testing

@testable import WebReportService

/// Web-report's lists are paged (issue 15 point 2): `limit` with a maximum, an opaque `cursor`
/// on an indexed order, `nextCursor` until the last page, bilingual 400s for bad values.
@Suite("Paged lists")
struct PagedListsTests {
    /// One page as the API answers it.
    struct Page<Item: Decodable>: Decodable {
        var items: [Item]
        var nextCursor: String?
    }

    struct Appointment: Decodable { var appointmentID: String }
    struct Deadline: Decodable { var ticketID: String }

    /// `2026-12-0N` at `hour`:00 UTC.
    static func december(_ day: Int, _ hour: Int) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: DateComponents(year: 2026, month: 12, day: day, hour: hour))!
    }

    static func appointment(_ id: String, day: Int, hour: Int) -> AppointmentScheduled {
        .mock(id: id, ticketID: nil, start: december(day, hour), end: december(day, hour + 1))
    }

    static func get<Item: Decodable>(
        _ client: some TestClientProtocol, _ uri: String, as item: Item.Type
    ) async throws -> Page<Item> {
        try await client.execute(uri: uri, method: .get) { response in
            #expect(response.status == .ok, "\(uri): \(String(buffer: response.body))")
            return try APIJSON.decoder.decode(Page<Item>.self, from: Data(response.body.readableBytesView))
        }
    }

    @Test func theToDoList_pagesOnItsOrder_andACursorSurvivesInserts() async throws {
        let service = try TestService()
        for (index, id) in ["a1", "a2", "a3", "a4", "a5"].enumerated() {
            try await service.schedule(Self.appointment(id, day: 2 + index, hour: 9), eventID: "evt-\(id)")
        }
        // Two at the same minute: the id breaks the tie.
        try await service.schedule(Self.appointment("a6", day: 6, hour: 9), eventID: "evt-a6")
        try await TechnicianPagesTests.app(service).test(.router) { anonymous in
            let giulia = anonymous.loggedIn(to: service.context, permissions: [.reportsFill], operatorID: "op-3")
            let first = try await Self.get(giulia, "/api/operators/op-3/todo?limit=2", as: Appointment.self)
            #expect(first.items.map(\.appointmentID) == ["a1", "a2"])
            let cursor = try #require(first.nextCursor)

            // Rows arrive meanwhile: one before the cursor (never repeated), one after (not skipped).
            try await service.schedule(Self.appointment("early", day: 1, hour: 9), eventID: "evt-early")
            try await service.schedule(Self.appointment("late", day: 7, hour: 9), eventID: "evt-late")

            var seen = first.items.map(\.appointmentID)
            var next: String? = cursor
            while let token = next {
                let page = try await Self.get(
                    giulia, "/api/operators/op-3/todo?limit=2&cursor=\(token)", as: Appointment.self)
                #expect(page.items.count <= 2)
                seen += page.items.map(\.appointmentID)
                next = page.nextCursor
            }
            #expect(seen == ["a1", "a2", "a3", "a4", "a5", "a6", "late"])

            // Without a limit: the default page, all eight here, and no next page.
            let whole = try await Self.get(giulia, "/api/operators/op-3/todo", as: Appointment.self)
            #expect(whole.items.map(\.appointmentID) == ["early", "a1", "a2", "a3", "a4", "a5", "a6", "late"])
            #expect(whole.nextCursor == nil)
        }
    }

    @Test func theDeadlines_pageTheSameWay() async throws {
        let service = try TestService()
        for (index, id) in ["d1", "d2", "d3"].enumerated() {
            try await service.deliver(
                .mock(
                    TicketOpened.mock(ticketID: id, dueAt: Self.december(10 + index, 12), operatorInChargeID: "op-3"),
                    id: "evt-\(id)", as: AriannaEvent.ticketOpened))
        }
        try await TechnicianPagesTests.app(service).test(.router) { anonymous in
            let giulia = anonymous.loggedIn(to: service.context, permissions: [.reportsFill], operatorID: "op-3")
            let first = try await Self.get(giulia, "/api/operators/op-3/deadlines?limit=2", as: Deadline.self)
            #expect(first.items.map(\.ticketID) == ["d1", "d2"])
            let cursor = try #require(first.nextCursor)
            try await service.deliver(
                .mock(
                    TicketOpened.mock(ticketID: "d0", dueAt: Self.december(1, 12), operatorInChargeID: "op-3"),
                    id: "evt-d0", as: AriannaEvent.ticketOpened))
            let second = try await Self.get(
                giulia, "/api/operators/op-3/deadlines?limit=2&cursor=\(cursor)", as: Deadline.self)
            #expect(second.items.map(\.ticketID) == ["d3"])
            #expect(second.nextCursor == nil)
        }
    }

    @Test func aBadLimitOrCursor_isA400_inTheCallersLanguage() async throws {
        let service = try TestService()
        try await service.schedule()
        try await TechnicianPagesTests.app(service).test(.router) { anonymous in
            let giulia = anonymous.loggedIn(to: service.context, permissions: [.reportsFill], operatorID: "op-3")
            for list in ["todo", "deadlines"] {
                for (query, english) in [
                    ("limit=201", "limit must be a whole number from 1 to 200, not '201'."),
                    ("limit=0", "limit must be a whole number from 1 to 200, not '0'."),
                    ("limit=many", "limit must be a whole number from 1 to 200, not 'many'."),
                    ("cursor=not-a-cursor", "cursor is not valid"),
                    // A well-formed cursor of another shape (one value, not a date).
                    ("cursor=\(PageCursor(["x"]).token)", "cursor is not valid")
                ] {
                    try await giulia.execute(
                        uri: "/api/operators/op-3/\(list)?\(query)", method: .get, headers: [.acceptLanguage: "en"]
                    ) { response in
                        #expect(response.status == .badRequest, "\(list)?\(query)")
                        #expect(String(buffer: response.body).contains(english), "\(list)?\(query)")
                    }
                }
                try await giulia.execute(
                    uri: "/api/operators/op-3/\(list)?limit=500", method: .get, headers: [.acceptLanguage: "it"]
                ) { response in
                    #expect(response.status == .badRequest)
                    #expect(String(buffer: response.body).contains("limit deve essere un numero intero da 1 a 200"))
                }
                // Someone else's list stays a 403, whatever the query.
                try await giulia.execute(uri: "/api/operators/op-4/\(list)?limit=0", method: .get) {
                    #expect($0.status == .forbidden)
                }
            }
        }
    }
}
