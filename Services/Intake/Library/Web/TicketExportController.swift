import Foundation
import Hummingbird
import ServiceKit

/// `GET /tickets/export.csv?q=&state=&type=&practice=&from=&to=` (tickets.read): the tickets
/// of the list page's search — the same fields, the same practices the caller sees — as a CSV
/// for Italian Excel (`SpreadsheetCSV`), columns named in the request's language; the same as
/// an Excel workbook at `/tickets/export.xlsx`. The list page's search form submits here with
/// its export buttons.
struct TicketExportController: Sendable {
    /// Where the tickets are searched.
    let store: IntakeStore
    /// The company's time zone, for the instants in the file.
    let timeZone: TimeZone

    /// Most tickets one export holds.
    static let rowLimit = 10_000

    /// `GET /tickets/export.csv` and `/tickets/export.xlsx`, for users who may read tickets.
    func addRoutes(to router: ServiceRouter) {
        router.group("tickets").add(middleware: RequirePermission(.ticketsRead)).get("export.csv", use: export).get(
            "export.xlsx", use: export)
    }

    /// The tickets the list's filters find, as a spreadsheet the user's practices allow.
    @Sendable func export(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        let search = TicketSearch(
            text: query.get("q"), state: query.get("state"), activityTypeCode: query.get("type"),
            practiceID: query.get("practice"),
            openedFrom: query.get("from").flatMap { TicketPages.day($0, timeZone: timeZone) },
            openedBefore: query.get("to").flatMap { TicketPages.day($0, timeZone: timeZone) }.map {
                $0.addingTimeInterval(24 * 3600)
            },
            visiblePracticeIDs: context.identity.visiblePracticeIDs, limit: Self.rowLimit)
        let tickets = try await store.tickets(matching: search)
        let italian = PageLanguage.of(request) == .it
        var file = SpreadsheetTable(
            sheetName: "Ticket",
            header: italian
                ? [
                    "Numero", "Stato", "Tipo attività", "Cliente", "Email cliente", "Sede", "Zona", "Descrizione",
                    "Aperto il",
                    "Scadenza", "Chiuso il", "Canale", "Gruppo", "Minuti lavorati"
                ]
                : [
                    "Number", "State", "Activity type", "Customer", "Customer email", "Site", "Zone", "Description",
                    "Opened",
                    "Due", "Closed", "Channel", "Group", "Minutes worked"
                ], timeZone: timeZone)
        for ticket in tickets {
            file.append([
                .text(ticket.number), .text(ticket.activityState?.name ?? ticket.state.rawValue),
                .text(ticket.activityType.name),
                .text(ticket.customer.name), .text(ticket.customer.email ?? ""), .text(ticket.siteName ?? ""),
                .text(ticket.siteZone ?? ""), .text(ticket.description), .dateTime(ticket.openedAt),
                .dateTime(ticket.dueAt),
                .dateTime(ticket.closedAt), .text(ticket.channel.rawValue), .text(ticket.assignedGroup ?? ""),
                ticket.workedMinutes.map { .number(Double($0)) } ?? .text("")
            ])
        }
        return try file.response(for: request, baseName: italian ? "ticket" : "tickets")
    }
}
