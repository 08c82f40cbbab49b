import BillingDomain
import Foundation
import Hummingbird
import ServiceKit

/// `GET /billing-documents/export.csv?from=&to=` (billing.read or billing.edit): the billing documents created
/// in a period (days, `to` included; the current month by default) as a CSV for Italian Excel
/// (`SpreadsheetCSV`): amounts in euros with a decimal comma, dates `dd/mm/yyyy hh:mm`; the same
/// as an Excel workbook at `/billing-documents/export.xlsx`.
struct BillingExportController: Sendable {
    /// The documents exported.
    let store: BillingStore
    /// The company's zone: the period's days and the file's times are its.
    let timeZone: TimeZone
    /// Today, for the default period (the current month).
    let clock: ServiceClock

    /// Adds the routes, each behind its permission.
    func addRoutes(to router: ServiceRouter) {
        router.group("billing-documents").add(middleware: RequirePermission(anyOf: [.billingRead, .billingEdit])).get(
            "export.csv", use: export
        ).get("export.xlsx", use: export)
    }

    /// The file of the period asked, CSV or Excel by the path's extension, headers in the user's language.
    @Sendable func export(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let language = PageLanguage.of(request)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        func day(_ name: String) throws -> Date? {
            guard let text = request.uri.queryParameters.get(name), !text.isEmpty else { return nil }
            let parts = text.split(separator: "-").compactMap { Int($0) }
            guard parts.count == 3,
                let date = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))
            else {
                throw BillingError.unreadable([
                    BillingProblem(
                        name,
                        Wording(
                            it: "\(name) dev'essere una data come 2030-03-31, non '\(text)'.",
                            en: "\(name) must be a date such as 2030-03-31, not '\(text)'."))
                ])
            }
            return date
        }
        let monthStart = calendar.date(from: calendar.dateComponents([.year, .month], from: clock.now())) ?? clock.now()
        let from = try day("from") ?? monthStart
        let to =
            try day("to").flatMap { calendar.date(byAdding: .day, value: 1, to: $0) }
            ?? calendar.date(byAdding: .month, value: 1, to: monthStart) ?? monthStart
        guard to > from else {
            throw BillingError.unreadable([
                BillingProblem("to", Wording(it: "to dev'essere dopo from.", en: "to must be after from."))
            ])
        }
        let italian = language == .it
        var file = SpreadsheetTable(
            sheetName: italian ? "Documenti" : "Documents",
            header: italian
                ? [
                    "Tipo", "Numero", "Stato", "Ticket", "Cliente", "Email cliente", "Tipo attività", "Minuti lavorati",
                    "Minuti di viaggio", "Imponibile (EUR)", "IVA (EUR)", "Totale (EUR)", "Chiuso il", "Creato il"
                ]
                : [
                    "Kind", "Number", "Status", "Ticket", "Customer", "Customer email", "Activity type",
                    "Minutes worked",
                    "Travel minutes", "Taxable (EUR)", "VAT (EUR)", "Total (EUR)", "Closed", "Created"
                ], timeZone: timeZone)
        for document in try await store.exportRows(createdFrom: from, before: to) {
            file.append([
                .text(document.kind), .text(document.number ?? ""), .text(document.status),
                .text(document.ticketNumber ?? ""),
                .text(document.customerName), .text(document.customerEmail ?? ""),
                .text(document.activityTypeCode ?? ""),
                .number(Double(document.workedMinutes)), .number(Double(document.travelMinutes)),
                .euros(cents: document.taxableCents), .euros(cents: document.vatCents),
                .euros(cents: document.totalCents),
                .dateTime(document.closedAt), .dateTime(document.createdAt)
            ])
        }
        return try file.response(for: request, baseName: italian ? "documenti-fatturazione" : "billing-documents")
    }
}
