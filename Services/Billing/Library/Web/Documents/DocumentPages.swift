import BillingDomain
import Foundation
import Hummingbird
import ServiceKit

/// The billing clerk's document pages: the list with filters, the detail with lines, totals per
/// VAT rate, the ticket's link and the change log, a line's edit form, confirm, credit note, the
/// printable page (`billing.read` or `billing.edit` to look, `billing.edit` to change).
struct DocumentPages: Sendable {
    /// The documents the pages show and change.
    let store: BillingStore
    /// Billing's pages in the shared layout.
    let renderer: PageRenderer
    /// When an edit or a confirmation happens.
    let clock: ServiceClock
    /// Ids of new credit notes.
    let ids: IDGenerator
    /// Intake's base URL, for the link to the billed ticket.
    let intakeURL: String

    /// Billing's stylesheet, added to the layout's.
    static let stylesheet = "/assets/billing/billing.css"

    /// Adds the routes, each behind its permission.
    func addRoutes(to router: ServiceRouter) {
        let read = router.group().add(middleware: RequirePermission(anyOf: [.billingRead, .billingEdit]))
        read.get("/") { _, _ in Response(status: .seeOther, headers: [.location: "/documents"]) }
        read.get("documents", use: list)
        read.get("documents/summary") { request, context in
            try await DocumentSummaryPage(store: store, renderer: renderer).render(request)
        }
        read.get("documents/:id") { request, context in
            try await detail(request, context: context, id: try context.parameters.require("id"), problems: [])
        }
        read.get("documents/:id/print") { request, context in
            let view = try await store.document(id: try context.parameters.require("id"))
            return try renderer.render(
                "document-print", page: .init(titleKey: "printTitle", stylesheets: [Self.stylesheet]),
                model: model(view, request: request, context: context, problems: []), request: request)
        }
        let edit = router.group("documents").add(middleware: RequirePermission(.billingEdit))
        edit.get(":id/lines/:position") { request, context in
            try await lineForm(request, context: context, values: nil, problems: [])
        }
        edit.post(":id/lines/:position", use: saveLine)
        edit.post(":id/confirm") { request, context -> Response in
            let id = try context.parameters.require("id")
            do {
                _ = try await store.confirm(documentID: id, by: BillingController.user(context), at: clock.now())
            } catch let error as BillingError {
                return try await detail(
                    request, context: context, id: id, problems: error.problems, status: error.status)
            }
            return Response(status: .seeOther, headers: [.location: "/documents/\(id)?saved=1"])
        }
        edit.post(":id/credit-note") { request, context -> Response in
            let id = try context.parameters.require("id")
            do {
                let note = try await store.startCreditNote(for: id, newID: ids.next(), at: clock.now())
                return Response(status: .seeOther, headers: [.location: "/documents/\(note.id)"])
            } catch let error as BillingError {
                return try await detail(
                    request, context: context, id: id, problems: error.problems, status: error.status)
            }
        }
    }

    /// One document in the list.
    struct Row {
        /// The document's id, for its link.
        let id: String
        /// Its number or draft label.
        let label: String
        /// Its state in the page's language.
        let status: String
        /// Who is billed.
        let customerName: String
        /// The billed ticket's number.
        let ticketNumber: String
        /// The ticket's activity type.
        let activityTypeCode: String
        /// Its issue day, or its creation day while a draft.
        let day: String
        /// What the customer pays, formatted.
        let total: String
    }

    /// The document list with its filter form.
    struct ListModel {
        /// The documents shown.
        let rows: [Row]
        /// The state filter's choices.
        let statuses: [BillingPages.Option]
        /// The customer filter as typed.
        let customer: String
        /// The activity type filter as typed.
        let activityType: String
        /// The first day of the filter, `yyyy-MM-dd`.
        let from: String
        /// The last day of the filter, `yyyy-MM-dd`.
        let to: String
    }

    /// `GET /documents`: the filtered list, newest first.
    @Sendable func list(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let language = PageLanguage.of(request)
        let t = renderer.strings.table(for: language)
        let format = DocumentPageModels.Format(language: language, zone: store.timeZone)
        let filter = BillingController.filter(request)
        let rows = try await store.documents(filter).map {
            Row(
                id: $0.id, label: $0.label, status: t["status-\($0.status.rawValue)"] ?? $0.status.rawValue,
                customerName: $0.customerName, ticketNumber: $0.ticketNumber ?? "",
                activityTypeCode: $0.activityTypeCode ?? "",
                day: $0.issueDate ?? LocalDay.string($0.createdAt, in: store.timeZone),
                total: format.money($0.totalCents))
        }
        let statuses =
            [BillingPages.Option(value: "", label: t["allStates"] ?? "", selected: filter.status == nil)]
            + BillingDocumentRecord.Status.allCases.map {
                BillingPages.Option(
                    value: $0.rawValue, label: t["status-\($0.rawValue)"] ?? $0.rawValue, selected: $0 == filter.status)
            }
        return try renderer.render(
            "documents", page: .init(titleKey: "documentsTitle", stylesheets: [Self.stylesheet]),
            model: ListModel(
                rows: rows, statuses: statuses, customer: filter.customer ?? "",
                activityType: filter.activityTypeCode ?? "", from: filter.from ?? "", to: filter.to ?? ""),
            request: request)
    }

    /// The detail page's model of `view` for this request's user and language.
    func model(
        _ view: BillingDocumentView, request: Request, context: ServiceRequestContext, problems: [BillingProblem]
    ) -> DocumentPageModels.Detail {
        let language = PageLanguage.of(request)
        return DocumentPageModels.detail(
            view, format: .init(language: language, zone: store.timeZone),
            strings: renderer.strings.table(for: language),
            intakeURL: intakeURL, canEdit: context.identity?.permissions.contains(.billingEdit) ?? false,
            problems: problems, saved: request.uri.queryParameters.get("saved") != nil,
            csrf: context.identity?.csrfToken ?? "")
    }

    /// `GET /documents/{id}`, or the same page answering a refused change with its problems.
    func detail(
        _ request: Request, context: ServiceRequestContext, id: String, problems: [BillingProblem],
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let view = try await store.document(id: id)
        return try renderer.render(
            "document", page: .init(titleKey: "documentTitle", stylesheets: [Self.stylesheet]),
            model: model(view, request: request, context: context, problems: problems), request: request, status: status
        )
    }

    /// The form that edits one draft line.
    struct LineFormModel {
        /// The document being edited.
        let documentID: String
        /// Its number or draft label.
        let label: String
        /// The line's position.
        let position: Int
        /// The line's article code.
        let articleCode: String
        /// The description as it will print.
        let description: String
        /// The quantity as typed or stored.
        let quantity: String
        /// The unit price as typed or stored; empty while the line needs a price.
        let price: String
        /// The discount in percent.
        let discount: String
        /// The VAT rates offered, the line's selected.
        let vatRates: [BillingPages.Option]
        /// Whether the catalogue did not know the article (the form says so).
        let needsPrice: Bool
        /// The refusal's problems in the page's language, shown above the form.
        let problems: [BillingProblem.Shown]
        /// Whether to show the problems box.
        let hasProblems: Bool
        /// The CSRF token the page's forms post back.
        let csrf: String
    }

    /// `GET /documents/{id}/lines/{position}`, or the form again with the typed values and the problems.
    func lineForm(
        _ request: Request, context: ServiceRequestContext, values: LineEdit?, problems: [BillingProblem],
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let id = try context.parameters.require("id")
        let position = try BillingController.position(context)
        let view = try await store.document(id: id)
        guard let line = view.lines.first(where: { $0.position == position }) else {
            throw BillingError.notFound(kind: Wording(it: "la riga", en: "line"), id: "\(view.label) #\(position)")
        }
        let language = PageLanguage.of(request)
        let vat = values?.vatRatePercent ?? MoneyText.text(quantity: line.vatRatePercent)
        let model = LineFormModel(
            documentID: id, label: view.label, position: position, articleCode: line.articleCode ?? "",
            description: values?.description ?? line.description,
            quantity: values?.quantity ?? MoneyText.text(quantity: line.quantity),
            price: values?.price
                ?? (line.needsPrice
                    ? "" : MoneyText.text(cents: line.unitPriceCents, decimalSeparator: language == .en ? "." : ",")),
            discount: values?.discountPercent ?? MoneyText.text(quantity: line.discountPercent),
            vatRates: ["22", "10", "4", "0"].map {
                BillingPages.Option(value: $0, label: "\($0)%", selected: $0 == vat)
            },
            needsPrice: line.needsPrice, problems: problems.map { $0.shown(language) }, hasProblems: !problems.isEmpty,
            csrf: context.identity?.csrfToken ?? "")
        return try renderer.render(
            "document-line", page: .init(titleKey: "editLine", stylesheets: [Self.stylesheet]), model: model,
            request: request, status: status)
    }

    /// `POST /documents/{id}/lines/{position}`: applies the edit, back to the document; the form again when refused.
    @Sendable func saveLine(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let position = try BillingController.position(context)
        let form = try await FormBody.read(request)
        let edit = LineEdit(
            quantity: form["quantity"], price: form["price"], discountPercent: form["discountPercent"],
            vatRatePercent: form["vatRatePercent"], description: form["description"])
        do {
            _ = try await store.editLine(
                documentID: id, position: position, edit: edit, by: BillingController.user(context), at: clock.now())
        } catch let error as BillingError {
            return try await lineForm(
                request, context: context, values: edit, problems: error.problems, status: error.status)
        }
        return Response(status: .seeOther, headers: [.location: "/documents/\(id)?saved=1"])
    }
}
