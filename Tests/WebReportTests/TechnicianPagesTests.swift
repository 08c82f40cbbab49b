import AriannaProtocol
import Foundation
import Hummingbird
import HummingbirdTesting
import ServiceKit
import ServiceTestSupport
import Testing

@testable import WebReportService

/// The technician's pages (R15, R16): `/` → the to-do list, the list's facts and links, the
/// appointment page with its report form, then read-only once closed.
@Suite("Technician pages")
struct TechnicianPagesTests {
    static let html: HTTPFields = [.accept: "text/html", .acceptLanguage: "en"]

    /// An appointment with its ticket, customer and activity type known.
    static func service() async throws -> TestService {
        let service = try TestService()
        try await service.deliver(.mock(TicketOpened.mock(), id: "evt-t", as: AriannaEvent.ticketOpened))
        try await service.deliver(
            .mock(
                CustomerSnapshot(
                    customerID: "cus-42", name: "Rossi Impianti S.r.l.", email: nil, phone: "+39 02 1234567",
                    active: true,
                    sites: [
                        .init(
                            siteID: "s1", name: "Sede", address: "Via Roma 1, Milano", zone: "Milano Nord", active: true
                        )
                    ]),
                id: "evt-c", as: AriannaEvent.customerSnapshot))
        try await service.deliver(
            .mock(
                ActivityTypeSnapshot(
                    activityTypeID: "at-7", code: "MAINT", name: "Boiler maintenance", macroType: .appointment,
                    expectedDurationMinutes: 90, billable: true, colour: "#1f77b4", active: true,
                    billingArticles: [
                        .init(code: "CALL-FEE", description: "Diritto di chiamata", quantity: 1, unitPriceCents: 3_500)
                    ]),
                id: "evt-at", as: AriannaEvent.activityTypeSnapshot))
        try await service.schedule()
        return service
    }

    static func app(_ service: TestService) -> some ApplicationProtocol {
        Application(router: ServiceRuntime.buildRouter(WebReportService.definition, context: service.context))
    }

    @Test func everyWord_isInBothLanguages() {
        #expect(WebReportStrings.all.missingKeys(in: .it).isEmpty)
        #expect(WebReportStrings.all.missingKeys(in: .en).isEmpty)
    }

    @Test func home_redirectsToTheToDoList() async throws {
        let service = try TestService()
        try await Self.app(service).test(.router) { anonymous in
            let giulia = anonymous.loggedIn(to: service.context, permissions: [.reportsFill], operatorID: "op-3")
            try await giulia.execute(uri: "/", method: .get, headers: Self.html) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/todo")
            }
        }
    }

    @Test func theToDoList_showsTodaysAppointment_withItsLinks() async throws {
        let service = try await Self.service()
        try await Self.app(service).test(.router) { anonymous in
            let giulia = anonymous.loggedIn(to: service.context, permissions: [.reportsFill], operatorID: "op-3")
            try await giulia.execute(uri: "/todo", method: .get, headers: Self.html) { response in
                #expect(response.status == .ok)
                let page = String(buffer: response.body)
                #expect(page.contains("href=\"/appointments/app-5\""))
                #expect(page.contains("href=\"tel:+39021234567\""))
                #expect(page.contains("Via Roma 1, Milano"))
                #expect(page.contains("https://maps.google.com/?q=Via%20Roma%201,%20Milano"))
                #expect(page.contains("--type:#1f77b4"))
                #expect(page.contains("TCK/2026/000123"))
                #expect(page.contains("Boiler makes a knocking noise"))
                #expect(page.contains("10:00–11:30"), "the time in the company's zone")
                #expect(page.contains("<main id=\"main\""), "inside the shared layout")
            }
            // Someone else's list is refused.
            try await giulia.execute(uri: "/todo?operator=op-4", method: .get, headers: Self.html) {
                #expect($0.status == .forbidden)
            }
        }
    }

    @Test func theAppointmentPage_proposesTheTypesArticles_andTurnsReadOnlyOnceClosed() async throws {
        let service = try await Self.service()
        try await Self.app(service).test(.router) { anonymous in
            let giulia = anonymous.loggedIn(to: service.context, permissions: [.reportsFill], operatorID: "op-3")
            try await giulia.execute(uri: "/appointments/app-5", method: .get, headers: Self.html) { response in
                #expect(response.status == .ok)
                let page = String(buffer: response.body)
                #expect(page.contains("id=\"report-form\""))
                #expect(page.contains("data-code=\"CALL-FEE\""))
                #expect(page.contains("Ticket opened: Boiler makes a knocking noise"))
                #expect(page.contains("<label for=\"work-done\">"))
            }
            try await giulia.execute(
                uri: "/api/appointments/app-5/report", method: .post,
                body: ByteBuffer(string: ReportRoutesTests.validReport)
            ) { #expect($0.status == .created) }
            try await giulia.execute(uri: "/appointments/app-5", method: .get, headers: Self.html) { response in
                let page = String(buffer: response.body)
                #expect(!page.contains("id=\"report-form\""))
                #expect(page.contains("The report is closed and can no longer be changed."))
                #expect(page.contains("95 min"))
                #expect(page.contains("Luca Rossi"))
            }
        }
    }
}

/// The ticket's custom fields (issue 9): intake sends their values with the ticket, the type's
/// layout gives their labels, and an edit replaces them.
@Suite("Custom fields on the technician's pages")
struct CustomFieldPagesTests {
    @Test func theListAndTheAppointmentPage_showEachFilledField_byItsLabel_escaped() async throws {
        let service = try TestService()
        var ticket = TicketOpened.mock()
        ticket.customFields = ["boilerModel": "Vaillant <ecoTEC>", "floor": "", "legacyCode": "L-7"]
        try await service.deliver(.mock(ticket, id: "evt-t", as: AriannaEvent.ticketOpened))
        try await service.deliver(
            .mock(
                ActivityTypeSnapshot(
                    activityTypeID: "at-7", code: "MAINT", name: "Boiler maintenance", macroType: .appointment,
                    expectedDurationMinutes: 90, billable: true, colour: "#1f77b4", active: true,
                    layout: [
                        .init(key: "floor", label: "Floor", kind: "number", required: false),
                        .init(key: "boilerModel", label: "Boiler model", kind: "text", required: true)
                    ]),
                id: "evt-at", as: AriannaEvent.activityTypeSnapshot))
        try await service.schedule()
        try await TechnicianPagesTests.app(service).test(.router) { anonymous in
            let technician = anonymous.loggedIn(to: service.context, permissions: [.reportsFill], operatorID: "op-3")
            for uri in ["/todo", "/appointments/app-5"] {
                try await technician.execute(uri: uri, method: .get, headers: TechnicianPagesTests.html) { response in
                    #expect(response.status == .ok)
                    let page = String(buffer: response.body)
                    #expect(page.contains("<dt>Boiler model</dt><dd>Vaillant &lt;ecoTEC&gt;</dd>"), "\(uri)")
                    #expect(
                        page.contains("<dt>legacyCode</dt><dd>L-7</dd>"), "a key the layout lost keeps its key: \(uri)")
                    #expect(!page.contains("<dt>Floor</dt>"), "an empty field is left out: \(uri)")
                    #expect(!page.contains("<ecoTEC>"))
                }
            }
            // When the back office edits the ticket, the page shows the new values
            try await service.deliver(
                .mock(
                    TicketEdited(
                        ticketID: "tck-123", number: "TCK/2026/000123", version: 2, description: "Boiler knocks louder",
                        siteZone: "Milano Nord", dueAt: nil, contact: nil,
                        customFields: ["boilerModel": "Baxi", "floor": "2"],
                        editedAt: Instant.now, editedBy: "Giulia"),
                    id: "evt-e", as: AriannaEvent.ticketEdited))
            try await technician.execute(uri: "/appointments/app-5", method: .get, headers: TechnicianPagesTests.html) {
                response in
                let page = String(buffer: response.body)
                #expect(page.contains("<dt>Floor</dt><dd>2</dd>"))
                #expect(page.contains("<dt>Boiler model</dt><dd>Baxi</dd>"))
                #expect(
                    page.range(of: "<dt>Floor</dt>")!.lowerBound < page.range(of: "<dt>Boiler model</dt>")!.lowerBound,
                    "in the layout's order")
                #expect(!page.contains("legacyCode"))
                #expect(page.contains("Boiler knocks louder"))
            }
        }
    }
}

@Suite("Calendar view")
struct CalendarViewTests {
    @Test func theWeek_placesTheAppointmentByItsTime() async throws {
        let service = try await TechnicianPagesTests.service()
        try await TechnicianPagesTests.app(service).test(.router) { anonymous in
            let giulia = anonymous.loggedIn(to: service.context, permissions: [.reportsFill], operatorID: "op-3")
            try await giulia.execute(
                uri: "/calendar?range=week&day=2026-11-30", method: .get, headers: TechnicianPagesTests.html
            ) { response in
                #expect(response.status == .ok)
                let page = String(buffer: response.body)
                // 10:00–11:30 in Rome on a 07:00–20:00 grid: 180/780 from the top, 90/780 high.
                #expect(page.contains("style=\"top: 23.08%; height: 11.54%; --type-colour: #1f77b4\""))
                #expect(page.contains("href=\"/appointments/app-5\""))
                #expect(page.components(separatedBy: "<section class=\"wr-column").count - 1 == 7)
            }
            try await giulia.execute(uri: "/calendar?operator=op-4", method: .get, headers: TechnicianPagesTests.html) {
                #expect($0.status == .forbidden)
            }
        }
    }

    @Test func theBlock_isClampedToTheGrid() {
        let day = Instant.morningStart.addingTimeInterval(-9 * 3600)  // 00:00Z
        let style = CalendarPageModel.style(
            start: day.addingTimeInterval(5 * 3600), end: day.addingTimeInterval(8 * 3600), dayStart: day,
            colour: "#000")
        #expect(style == "top: 0.00%; height: 7.69%; --type-colour: #000")
    }
}

@Suite("Materials proposed from the production order")
struct BillOfMaterialsTests {
    @Test func theFormProposes_theTypesArticles_andTheOrdersComponents() async throws {
        // Given the ticket's production order, exploded by billing into components
        let service = try await TechnicianPagesTests.service()
        let order = ProductionOrderCreated(
            productionOrderID: "po-1", number: "ODP/2026/000001", ticketID: "tck-123", documentType: "ODP",
            articleCode: "KIT-MAINT", quantity: 1,
            components: [
                MaterialLine(articleCode: "FILTER-01", description: "Filtro", quantity: 2),
                MaterialLine(articleCode: "GASKET-7", description: "Guarnizione", quantity: 1)
            ])
        try await service.deliver(.mock(order, id: "evt-po", as: AriannaEvent.productionOrderCreated))
        try await service.deliver(.mock(order, id: "evt-po-again", as: AriannaEvent.productionOrderCreated))

        // When the technician opens the appointment
        let detail = try await service.store.appointment("app-5", access: .giulia)

        // Then both the type's article and the components are there, once each
        #expect(detail.billOfMaterials.map(\.articleCode) == ["FILTER-01", "GASKET-7"])
        #expect(detail.billOfMaterials.map(\.quantity) == [2, 1])
        let model = AppointmentPageModel(
            detail, table: WebReportStrings.all.table(for: .en), language: .en,
            format: LocalTimeFormat(timeZone: rome), now: Instant.now)
        #expect(model.form?.proposed.map(\.code) == ["CALL-FEE", "FILTER-01", "GASKET-7"])
    }
}

@Suite("The back office's to-do lists")
struct BackOfficeListTests {
    @Test func theBackOffice_seesEveryone_andPicksAnOperator() async throws {
        let service = try await TechnicianPagesTests.service()
        try await service.schedule(.mock(id: "app-9", operatorID: "op-9"), eventID: "evt-s9")
        try await TechnicianPagesTests.app(service).test(.router) { anonymous in
            let office = anonymous.loggedIn(
                to: service.context, permissions: [.plannerSchedule], operatorID: "op-giulia")
            try await office.execute(uri: "/todo?day=2026-11-30", method: .get, headers: TechnicianPagesTests.html) {
                response in
                let page = String(buffer: response.body)
                #expect(page.contains("href=\"/appointments/app-5\""))
                #expect(page.contains("href=\"/appointments/app-9\""))
                #expect(page.contains("&amp;operator=op-9"), "a link to op-9's own list")
            }
            try await office.execute(
                uri: "/todo?day=2026-11-30&operator=op-9", method: .get, headers: TechnicianPagesTests.html
            ) { response in
                let page = String(buffer: response.body)
                #expect(!page.contains("href=\"/appointments/app-5\""))
                #expect(page.contains("href=\"/appointments/app-9\""))
            }
            // A technician gets no operator picker and only their own appointments.
            let giulia = anonymous.loggedIn(to: service.context, permissions: [.reportsFill], operatorID: "op-3")
            try await giulia.execute(uri: "/todo?day=2026-11-30", method: .get, headers: TechnicianPagesTests.html) {
                response in
                let page = String(buffer: response.body)
                #expect(!page.contains("href=\"/appointments/app-9\""))
                #expect(!page.contains("operator=op-9"))
            }
        }
    }
}
