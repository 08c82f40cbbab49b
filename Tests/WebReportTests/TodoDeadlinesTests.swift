import AriannaProtocol
import Foundation
import Hummingbird
import HummingbirdTesting
import ServiceKit
import ServiceTestSupport
import Testing

@testable import WebReportService

/// The to-do page's deadlines (R15) whatever range it shows, and the appointment page's head.
@Suite("To-do page: deadlines and times")
struct TodoDeadlinesTests {
    /// A deadline ticket in Giulia's (op-3) charge, numbered `number`, due at `dueAt`.
    static func deadline(_ id: String, _ number: String, dueAt: Date) -> ReceivedEvent {
        .mock(
            TicketOpened(
                ticketID: id, number: number,
                activityType: ActivityTypeRef(
                    id: "at-7", code: "MAINT", name: "Boiler maintenance", expectedDurationMinutes: 90, billable: true),
                customer: CustomerRef(id: "cus-42", name: "Rossi Impianti S.r.l.", email: nil), siteZone: "Milano Nord",
                description: "Deadline \(number)", channel: .callCentre,
                openedAt: Instant.morningStart.addingTimeInterval(-30 * 86_400),
                dueAt: dueAt, operatorInChargeID: "op-3"),
            id: "evt-\(id)", as: AriannaEvent.ticketOpened)
    }

    @Test func overdueDeadlines_showOnEveryRange_first_thenThoseDueInTheRange() async throws {
        let service = try await TechnicianPagesTests.service()
        // Now is Mon 30/11/2026 12:45 in Rome.
        try await service.deliver(
            Self.deadline("late", "DL-LATE", dueAt: PagedListsTests.december(1, 0).addingTimeInterval(-10 * 86_400)))
        try await service.deliver(Self.deadline("next", "DL-NEXT", dueAt: PagedListsTests.december(8, 10)))
        try await service.deliver(
            Self.deadline("far", "DL-FAR", dueAt: PagedListsTests.december(1, 10).addingTimeInterval(60 * 86_400)))
        try await TechnicianPagesTests.app(service).test(.router) { anonymous in
            let giulia = anonymous.loggedIn(to: service.context, permissions: [.reportsFill], operatorID: "op-3")
            func page(_ uri: String) async throws -> String {
                try await giulia.execute(uri: uri, method: .get, headers: TechnicianPagesTests.html) { response in
                    #expect(response.status == .ok)
                    return String(buffer: response.body)
                }
            }
            // Next week: the overdue one first, flagged, then the one due that week; not the far one.
            let nextWeek = try await page("/todo?range=week&day=2026-12-07")
            let late = try #require(nextWeek.range(of: "Deadline DL-LATE"))
            let next = try #require(nextWeek.range(of: "Deadline DL-NEXT"))
            #expect(late.lowerBound < next.lowerBound)
            #expect(!nextWeek.contains("DL-FAR"))
            #expect(nextWeek.contains("Open deadlines"))
            #expect(
                nextWeek.components(separatedBy: "class=\"wr-flag\">Overdue").count - 1 == 1,
                "only the overdue one is flagged")
            // This week: the overdue one, not next week's.
            let thisWeek = try await page("/todo?range=week")
            #expect(thisWeek.contains("Deadline DL-LATE"))
            #expect(!thisWeek.contains("DL-NEXT"))
            // A day in the past still shows what is overdue now.
            let pastDay = try await page("/todo?range=day&day=2026-11-02")
            #expect(pastDay.contains("Deadline DL-LATE"))
            #expect(!pastDay.contains("DL-NEXT"))
        }
    }

    @Test func theAppointmentPage_printsItsTimeRangeOnce() async throws {
        let service = try await TechnicianPagesTests.service()
        try await TechnicianPagesTests.app(service).test(.router) { anonymous in
            let giulia = anonymous.loggedIn(to: service.context, permissions: [.reportsFill], operatorID: "op-3")
            try await giulia.execute(uri: "/appointments/app-5", method: .get, headers: TechnicianPagesTests.html) {
                response in
                let page = String(buffer: response.body)
                #expect(page.components(separatedBy: "10:00–11:30").count - 1 == 1, "one time range")
                #expect(page.contains("30/11/2026 10:00–11:30"), "with its day")
            }
        }
    }
}
