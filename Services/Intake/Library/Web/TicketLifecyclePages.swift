import Foundation
import Hummingbird
import IntakeDomain
import ServiceKit

/// The back-office forms of the ticket page (issue 12): edit, reassign, change state, cancel.
/// Plain HTML forms with the CSRF token and the ticket's version; a refused change shows the
/// ticket page again with the reason (409 when someone else changed it first, 422 for bad input).
struct TicketLifecyclePages: Sendable {
    /// The ticket pages, whose store and renderer the forms share.
    let pages: TicketPages

    /// The ticket page's back-office forms: `POST /tickets/{id}/edit`, `/reassign`, `/state` and
    /// `/cancel`.
    func addRoutes(to router: ServiceRouter) {
        let forms = router.group("tickets").add(middleware: RequirePermission(.plannerSchedule))
        forms.post(":id/edit", use: edit)
        forms.post(":id/reassign", use: reassign)
        forms.post(":id/state", use: changeState)
        forms.post(":id/cancel", use: cancel)
    }

    /// `POST /tickets/{id}/edit`: changes the ticket's details, then back to its page.
    @Sendable func edit(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let fields = try await FormFields.read(request)
        let current: TicketView
        do {
            current = try await pages.store.ticket(id: id, visibleTo: context.identity.visiblePracticeIDs)
        } catch let error as IntakeError {
            throw error.httpError(PageLanguage.of(request))
        }
        var dueAt = fields["dueDate"].flatMap { TicketPages.day($0, timeZone: pages.format.timeZone) }
            .map { $0.addingTimeInterval(17 * 3600) }
        // The form shows the day only: the same day keeps the time the due date had.
        if let due = current.dueAt, fields["dueDate"] == Self.dayText(due, timeZone: pages.format.timeZone) {
            dueAt = due
        }
        let edit = TicketEdit(
            version: fields["version"].flatMap(Int.init), description: fields["description"] ?? "",
            customFields: fields.group("field.").filter { !$0.value.isEmpty }, siteID: fields["siteID"],
            siteZone: fields["siteID"] == nil ? (fields["siteZone"] ?? current.siteZone) : nil,
            contact: fields["contact"], dueAt: dueAt)
        return try await perform(request, context: context, id: id) {
            try await pages.store.edit(ticket: id, edit, by: TicketLifecycleController.actor(context))
        }
    }

    /// `POST /tickets/{id}/reassign`: gives the ticket to another group and/or operator.
    @Sendable func reassign(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let fields = try await FormFields.read(request)
        let change = TicketReassignment(
            version: fields["version"].flatMap(Int.init), group: fields["group"], operatorID: fields["operatorID"])
        return try await perform(request, context: context, id: id) {
            try await pages.store.reassign(ticket: id, change, by: TicketLifecycleController.actor(context))
        }
    }

    /// `POST /tickets/{id}/state`: moves the ticket to another activity state (a final one closes
    /// it).
    @Sendable func changeState(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let fields = try await FormFields.read(request)
        let change = TicketStateChange(version: fields["version"].flatMap(Int.init), stateID: fields["stateID"] ?? "")
        return try await perform(request, context: context, id: id) {
            try await pages.store.changeState(ticket: id, change, by: TicketLifecycleController.actor(context))
        }
    }

    /// `POST /tickets/{id}/cancel`: cancels the ticket with a reason.
    @Sendable func cancel(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let fields = try await FormFields.read(request)
        let cancellation = TicketCancellation(
            version: fields["version"].flatMap(Int.init), reason: fields["reason"] ?? "")
        return try await perform(request, context: context, id: id) {
            try await pages.store.cancel(ticket: id, cancellation, by: TicketLifecycleController.actor(context))
        }
    }

    /// Back to the ticket page after a change (303), or the page again with the refusal.
    private func perform(
        _ request: Request, context: ServiceRequestContext, id: String, _ change: () async throws -> TicketView
    ) async throws -> Response {
        let language = PageLanguage.of(request)
        do {
            _ = try await change()
            return Response(status: .seeOther, headers: [.location: "/tickets/\(id)"])
        } catch let error as TicketChangeError {
            let status = error.httpError(language).status
            return try await pages.renderDetail(
                request, context: context, id: id, problem: error.wording.text(language), status: status)
        } catch let error as IntakeError {
            throw error.httpError(language)
        }
    }

    /// `yyyy-MM-dd` of `date` in the company's time zone, as a date input shows it.
    static func dayText(_ date: Date, timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }
}
