import BillingDomain
import Foundation
import Hummingbird
import ServiceKit

/// The JSON API of billing documents: read (`billing.read` or `billing.edit`), edit lines,
/// confirm, start a credit note and export a period (`billing.edit`).
struct BillingController {
    /// The documents the routes read and change.
    let store: BillingStore
    /// When an edit or a confirmation happens.
    let clock: ServiceClock
    /// Ids of new credit notes.
    let ids: IDGenerator

    /// Adds the routes, each behind its permission.
    func addRoutes(to router: ServiceRouter) {
        let read = router.group("api/billing-documents")
            .add(middleware: RequirePermission(anyOf: [.billingRead, .billingEdit]))
        read.get(use: list)
        read.get(":id") { _, context in try await store.document(id: try context.parameters.require("id")) }
        let edit = router.group("api/billing-documents").add(middleware: RequirePermission(.billingEdit))
        edit.patch(":id/lines/:position") { request, context in
            let edit = try await request.decodeJSON(
                as: LineEdit.self, describedAs: Wording(it: "una modifica di riga", en: "a line edit"))
            return try await store.editLine(
                documentID: try context.parameters.require("id"), position: try Self.position(context),
                edit: edit, by: Self.user(context), at: clock.now())
        }
        edit.post(":id/confirm") { _, context in
            try await store.confirm(
                documentID: try context.parameters.require("id"), by: Self.user(context), at: clock.now())
        }
        edit.post(":id/credit-note") { _, context -> Response in
            let note = try await store.startCreditNote(
                for: try context.parameters.require("id"), newID: ids.next(), at: clock.now())
            return try JSONResponse.make(.created, note)
        }
        edit.post("export") { request, _ in
            try await store.export(
                from: request.uri.queryParameters.get("from") ?? "", to: request.uri.queryParameters.get("to") ?? "",
                at: clock.now())
        }
    }

    /// `GET /api/billing-documents[?ticketID=&status=&customer=&activityType=&from=&to=&limit=&cursor=]`:
    /// newest first, one page `{"items": […], "nextCursor": "…"}` (limit 50 by default, at most 200).
    @Sendable func list(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let page = try PageRequest(request, defaultLimit: 50, maximum: 200)
        return try JSONResponse.make(.ok, try await store.documentPage(Self.filter(request), page: page))
    }

    /// The list filter from a query string; unknown or blank values do not filter.
    static func filter(_ request: Request) -> BillingStore.Filter {
        let query = request.uri.queryParameters
        func value(_ name: String) -> String? { ArticleInput.clean(query.get(name)) }
        return BillingStore.Filter(
            ticketID: value("ticketID"), status: value("status").flatMap(BillingDocumentRecord.Status.init(rawValue:)),
            customer: value("customer"), activityTypeCode: value("activityType"),
            from: value("from").flatMap { LocalDay.isDay($0) ? $0 : nil },
            to: value("to").flatMap { LocalDay.isDay($0) ? $0 : nil })
    }

    /// The display name recorded on changes and confirmations.
    static func user(_ context: ServiceRequestContext) -> String {
        context.identity?.displayName ?? "?"
    }

    /// The line number in the path, refused (422) unless a positive integer.
    static func position(_ context: ServiceRequestContext) throws -> Int {
        guard let position = Int(try context.parameters.require("position")), position > 0 else {
            throw BillingError.invalid([
                BillingProblem(
                    "position",
                    Wording(
                        it: "Il numero di riga deve essere un intero positivo.",
                        en: "The line number must be a positive integer."))
            ])
        }
        return position
    }
}
