import Foundation
import Hummingbird
import ServiceKit

/// The billing clerk's document pages: the list with filters, the detail with lines, totals per
/// VAT rate, the ticket's link and the change log, a line's edit form, confirm, credit note, the
/// printable page (`billing.read` or `billing.edit` to look, `billing.edit` to change).
struct DocumentPages: Sendable {
    let store: BillingStore
    let renderer: PageRenderer
    let clock: ServiceClock
    let ids: IDGenerator
    /// Intake's base URL, for the link to the billed ticket.
    let intakeURL: String

    static let stylesheet = "/assets/billing/billing.css"

    func addRoutes(to router: ServiceRouter) {
        let read = router.group().add(middleware: RequirePermission(anyOf: [.billingRead, .billingEdit]))
        read.get("/") { _, _ in Response(status: .seeOther, headers: [.location: "/documents"]) }
        read.get("documents", use: list)
        read.get("documents/summary") { request, context in try await DocumentSummaryPage(store: store, renderer: renderer).render(request) }
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
                return try await detail(request, context: context, id: id, problems: error.problems, status: error.status)
            }
            return Response(status: .seeOther, headers: [.location: "/documents/\(id)?saved=1"])
        }
        edit.post(":id/credit-note") { request, context -> Response in
            let id = try context.parameters.require("id")
            do {
                let note = try await store.startCreditNote(for: id, newID: ids.next(), at: clock.now())
                return Response(status: .seeOther, headers: [.location: "/documents/\(note.id)"])
            } catch let error as BillingError {
                return try await detail(request, context: context, id: id, problems: error.problems, status: error.status)
            }
        }
    }

    struct Row {
        let id: String
        let label: String
        let status: String
        let customerName: String
        let ticketNumber: String
        let activityTypeCode: String
        let day: String
        let total: String
    }

    struct ListModel {
        let rows: [Row]
        let statuses: [BillingPages.Option]
        let customer: String
        let activityType: String
        let from: String
        let to: String
    }

    @Sendable func list(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let language = PageLanguage.of(request)
        let t = renderer.strings.table(for: language)
        let format = DocumentPageModels.Format(language: language, zone: store.timeZone)
        let filter = BillingController.filter(request)
        let rows = try await store.documents(filter).map {
            Row(id: $0.id, label: $0.label, status: t["status-\($0.status.rawValue)"] ?? $0.status.rawValue,
                customerName: $0.customerName, ticketNumber: $0.ticketNumber ?? "", activityTypeCode: $0.activityTypeCode ?? "",
                day: $0.issueDate ?? LocalDay.string($0.createdAt, in: store.timeZone), total: format.money($0.totalCents))
        }
        let statuses = [BillingPages.Option(value: "", label: t["allStates"] ?? "", selected: filter.status == nil)]
            + BillingDocumentRecord.Status.allCases.map {
                BillingPages.Option(value: $0.rawValue, label: t["status-\($0.rawValue)"] ?? $0.rawValue, selected: $0 == filter.status)
            }
        return try renderer.render(
            "documents", page: .init(titleKey: "documentsTitle", stylesheets: [Self.stylesheet]),
            model: ListModel(rows: rows, statuses: statuses, customer: filter.customer ?? "",
                             activityType: filter.activityTypeCode ?? "", from: filter.from ?? "", to: filter.to ?? ""),
            request: request)
    }

    func model(
        _ view: BillingDocumentView, request: Request, context: ServiceRequestContext, problems: [BillingProblem]
    ) -> DocumentPageModels.Detail {
        let language = PageLanguage.of(request)
        return DocumentPageModels.detail(
            view, format: .init(language: language, zone: store.timeZone), strings: renderer.strings.table(for: language),
            intakeURL: intakeURL, canEdit: context.identity?.permissions.contains(.billingEdit) ?? false,
            problems: problems, saved: request.uri.queryParameters.get("saved") != nil,
            csrf: context.identity?.csrfToken ?? "")
    }

    func detail(
        _ request: Request, context: ServiceRequestContext, id: String, problems: [BillingProblem],
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let view = try await store.document(id: id)
        return try renderer.render(
            "document", page: .init(titleKey: "documentTitle", stylesheets: [Self.stylesheet]),
            model: model(view, request: request, context: context, problems: problems), request: request, status: status)
    }

    struct LineFormModel {
        let documentID: String
        let label: String
        let position: Int
        let articleCode: String
        let description: String
        let quantity: String
        let price: String
        let discount: String
        let vatRates: [BillingPages.Option]
        let needsPrice: Bool
        let problems: [BillingProblem.Shown]
        let hasProblems: Bool
        let csrf: String
    }

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
            price: values?.price ?? (line.needsPrice ? "" : MoneyText.text(cents: line.unitPriceCents, decimalSeparator: language == .en ? "." : ",")),
            discount: values?.discountPercent ?? MoneyText.text(quantity: line.discountPercent),
            vatRates: ["22", "10", "4", "0"].map { BillingPages.Option(value: $0, label: "\($0)%", selected: $0 == vat) },
            needsPrice: line.needsPrice, problems: problems.map { $0.shown(language) }, hasProblems: !problems.isEmpty,
            csrf: context.identity?.csrfToken ?? "")
        return try renderer.render(
            "document-line", page: .init(titleKey: "editLine", stylesheets: [Self.stylesheet]), model: model,
            request: request, status: status)
    }

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
            return try await lineForm(request, context: context, values: edit, problems: error.problems, status: error.status)
        }
        return Response(status: .seeOther, headers: [.location: "/documents/\(id)?saved=1"])
    }
}
