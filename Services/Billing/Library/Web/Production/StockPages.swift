import Foundation
import Hummingbird
import ServiceKit

/// The warehouse keeper's page: stock on hand per warehouse (negative stock flagged), and the
/// receipt and transfer forms (`stock.edit`).
struct StockPages: Sendable {
    let stock: StockStore
    let renderer: PageRenderer
    let clock: ServiceClock

    func addRoutes(to router: ServiceRouter) {
        router.group("stock").add(middleware: RequirePermission(anyOf: ProductionController.readers)).get { request, context in
            try await page(request, context: context, problems: [])
        }
        let edit = router.group("stock").add(middleware: RequirePermission(.stockEdit))
        edit.post("receipts") { request, context in try await book(request, context: context, transfer: false) }
        edit.post("transfers") { request, context in try await book(request, context: context, transfer: true) }
    }

    struct Row {
        let warehouse: String
        let articleCode: String
        let quantity: String
        let negative: Bool
    }

    struct Model {
        let rows: [Row]
        let hasNegative: Bool
        let warehouses: [BillingPages.Option]
        let canEdit: Bool
        let problems: [BillingProblem.Shown]
        let hasProblems: Bool
        let saved: Bool
        let csrf: String
    }

    func page(
        _ request: Request, context: ServiceRequestContext, problems: [BillingProblem], status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let language = PageLanguage.of(request)
        let rows = try await stock.levels().map {
            Row(warehouse: $0.warehouseName, articleCode: $0.articleCode,
                quantity: MoneyText.text(quantity: $0.quantity).replacingOccurrences(of: ".", with: language == .en ? "." : ","),
                negative: $0.negative)
        }
        let warehouses = try await stock.warehouses().map { BillingPages.Option(value: $0.id, label: $0.name, selected: false) }
        let model = Model(
            rows: rows, hasNegative: rows.contains(where: \.negative), warehouses: warehouses,
            canEdit: context.identity?.permissions.contains(.stockEdit) ?? false,
            problems: problems.map { $0.shown(language) }, hasProblems: !problems.isEmpty,
            saved: request.uri.queryParameters.get("saved") != nil, csrf: context.identity?.csrfToken ?? "")
        return try renderer.render(
            "stock", page: .init(titleKey: "stockTitle", stylesheets: [DocumentPages.stylesheet]), model: model,
            request: request, status: status)
    }

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
