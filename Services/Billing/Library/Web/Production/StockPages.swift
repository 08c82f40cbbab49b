import BillingDomain
import Foundation
import Hummingbird
import ServiceKit

/// The warehouse keeper's page: stock on hand per warehouse (negative stock flagged), and the
/// receipt and transfer forms (`stock.edit`).
struct StockPages: Sendable {
    /// Stock levels and the movements booked.
    let stock: StockStore
    /// Billing's pages in the shared layout.
    let renderer: PageRenderer
    /// When a movement is booked.
    let clock: ServiceClock

    /// Adds the routes, each behind its permission.
    func addRoutes(to router: ServiceRouter) {
        router.group("stock").add(middleware: RequirePermission(anyOf: ProductionController.readers)).get {
            request, context in
            try await page(request, context: context, problems: [])
        }
        let edit = router.group("stock").add(middleware: RequirePermission(.stockEdit))
        edit.post("receipts") { request, context in try await book(request, context: context, transfer: false) }
        edit.post("transfers") { request, context in try await book(request, context: context, transfer: true) }
    }

    /// One article in one warehouse.
    struct Row {
        /// The warehouse's name.
        let warehouse: String
        /// The article.
        let articleCode: String
        /// Stock on hand, formatted.
        let quantity: String
        /// Below zero: flagged.
        let negative: Bool
    }

    /// The stock page with its receipt and transfer forms.
    struct Model {
        /// Stock per warehouse and article.
        let rows: [Row]
        /// Whether to show the negative-stock warning.
        let hasNegative: Bool
        /// The warehouses the forms offer.
        let warehouses: [BillingPages.Option]
        /// Whether the user may change things here (shows the forms and buttons).
        let canEdit: Bool
        /// The refusal's problems in the page's language, shown above the form.
        let problems: [BillingProblem.Shown]
        /// Whether to show the problems box.
        let hasProblems: Bool
        /// Whether the page follows a successful save (`?saved=1`).
        let saved: Bool
        /// The CSRF token the page's forms post back.
        let csrf: String
    }

    /// `GET /stock`, or the page again with the problems of a refused movement.
    func page(
        _ request: Request, context: ServiceRequestContext, problems: [BillingProblem],
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let language = PageLanguage.of(request)
        let rows = try await stock.levels().map {
            Row(
                warehouse: $0.warehouseName, articleCode: $0.articleCode,
                quantity: MoneyText.text(quantity: $0.quantity).replacingOccurrences(
                    of: ".", with: language == .en ? "." : ","),
                negative: $0.negative)
        }
        let warehouses = try await stock.warehouses().map {
            BillingPages.Option(value: $0.id, label: $0.name, selected: false)
        }
        let model = Model(
            rows: rows, hasNegative: rows.contains(where: \.negative), warehouses: warehouses,
            canEdit: context.identity?.permissions.contains(.stockEdit) ?? false,
            problems: problems.map { $0.shown(language) }, hasProblems: !problems.isEmpty,
            saved: request.uri.queryParameters.get("saved") != nil, csrf: context.identity?.csrfToken ?? "")
        return try renderer.render(
            "stock", page: .init(titleKey: "stockTitle", stylesheets: [DocumentPages.stylesheet]), model: model,
            request: request, status: status)
    }

    /// `POST /stock/receipts` or `/stock/transfers` from the page's form; back to the page.
    func book(_ request: Request, context: ServiceRequestContext, transfer: Bool) async throws -> Response {
        let form = try await FormBody.read(request)
        let quantity = MoneyText.quantity(form["quantity"] ?? "") ?? 0
        let input = StockStore.MovementInput(
            articleCode: (form["articleCode"] ?? "").trimmingCharacters(in: .whitespaces), quantity: quantity,
            warehouseID: form["warehouseID"] ?? "", fromWarehouseID: form["fromWarehouseID"], note: form["note"])
        do {
            _ = try await stock.book(input, transfer: transfer, by: BillingController.user(context), at: clock.now())
        } catch let error as BillingError {
            return try await page(request, context: context, problems: error.problems, status: error.status)
        }
        return Response(status: .seeOther, headers: [.location: "/stock?saved=1"])
    }
}
