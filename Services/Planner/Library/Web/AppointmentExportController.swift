import Foundation
import Hummingbird
import PlannerDomain
import ServiceKit

/// `GET /appointments/export.csv?operatorID=&from=&to=`: a technician's appointments in a
/// period as a CSV for Italian Excel (`SpreadsheetCSV`), or as a workbook at
/// `/appointments/export.xlsx`. The back office (planner.schedule)
/// exports anyone's, or everyone's without `operatorID`; a technician (reports.fill) only
/// their own — `operatorID` defaults to theirs, another's is 403. `from`/`to` are days
/// (`to` included) or RFC 3339 instants; the default period is the current month, the longest
/// 92 days, so one file is bounded by the period instead of the whole history (issue 15).
struct AppointmentExportController: Sendable {
    /// The longest period one export covers.
    static let maximumDays = 92

    /// Where the appointments are read.
    let store: PlannerStore
    /// The company's: the period's days and the file's times are local.
    let timeZone: TimeZone
    /// "Now", for the default period (the current month).
    let clock: ServiceClock

    /// Adds `GET /appointments/export.csv` and `.xlsx`, for the back office or a technician (their own only).
    func addRoutes(to router: ServiceRouter) {
        router.group("appointments").add(middleware: RequirePermission(anyOf: [.plannerSchedule, .reportsFill]))
            .get("export.csv", use: export).get("export.xlsx", use: export)
    }

    /// The appointments of the requested period and operator as a CSV or XLSX download.
    @Sendable func export(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let query = PlannerQuery(request, timeZone: timeZone)
        let user = context.identity?.user
        let mayExportAnyone = context.identity?.permissions.contains(.plannerSchedule) ?? false
        let operatorID = query.text("operatorID") ?? (mayExportAnyone ? nil : user?.operatorID)
        if !mayExportAnyone, operatorID == nil || operatorID != user?.operatorID {
            throw HTTPError(
                .forbidden,
                message: Wording(
                    it: "Puoi esportare solo i tuoi appuntamenti.",
                    en: "You may export only your own appointments."
                ).text(query.language))
        }
        let today = LocalDate(containing: clock.now(), in: timeZone)
        let monthStart = today.adding(days: 1 - today.day)
        let from = try query.instant("from") ?? monthStart.startInstant(in: timeZone)
        let to = try query.instant("to", endOfDay: true) ?? monthStart.adding(days: 31).startInstant(in: timeZone)
        guard to > from else {
            throw query.badRequest(Wording(it: "to dev'essere dopo from.", en: "to must be after from."))
        }
        // An hour's slack: a period across the spring change of time is an hour short of whole days.
        guard to.timeIntervalSince(from) <= Double(Self.maximumDays) * 86_400 + 3_600 else {
            throw query.badRequest(
                Wording(
                    it: "Un'esportazione copre al massimo \(Self.maximumDays) giorni: dividi il periodo.",
                    en: "One export covers at most \(Self.maximumDays) days: split the period."))
        }
        let appointments = try await store.appointments(operatorID: operatorID, from: from, to: to)
        let names = Dictionary(try await store.operators().map { ($0.id, $0.name) }) { first, _ in first }
        let italian = query.language == .it
        var file = SpreadsheetTable(
            sheetName: italian ? "Appuntamenti" : "Appointments",
            header: italian
                ? ["Inizio", "Fine", "Durata (min)", "Tecnico", "Ticket", "Cliente", "Attività"]
                : ["Start", "End", "Duration (min)", "Technician", "Ticket", "Customer", "Activity"], timeZone: timeZone
        )
        for appointment in appointments {
            file.append([
                .dateTime(appointment.start), .dateTime(appointment.end),
                .number((appointment.end.timeIntervalSince(appointment.start) / 60).rounded()),
                .text(names[appointment.operatorID] ?? appointment.operatorID), .text(appointment.ticketNumber ?? ""),
                .text(appointment.customerName ?? ""), .text(appointment.title)
            ])
        }
        let who = operatorID.map { "-\($0)" } ?? ""
        return try file.response(for: request, baseName: (italian ? "appuntamenti" : "appointments") + who)
    }
}
