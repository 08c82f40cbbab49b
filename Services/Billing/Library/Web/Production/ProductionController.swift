import Foundation
import Hummingbird
import ServiceKit

/// The production JSON API: bills of materials, production orders, warehouses, stock levels,
/// receipts, transfers and expected receipts. Reading needs any billing or stock permission;
/// changing needs `stock.edit`.
struct ProductionController {
    /// The bills of materials the routes read and replace.
    let boms: BOMStore
    /// Warehouses, stock levels, movements and expected receipts.
    let stock: StockStore
    /// When movements and expected receipts are booked.
    let clock: ServiceClock

    /// Who may read production: anyone who sees billing, and the warehouse keeper.
    static let readers: Set<Permission> = [.billingRead, .billingEdit, .stockEdit]

    /// Adds the production routes, each behind its permission.
    func addRoutes(to router: ServiceRouter) {
        let read = router.group("api").add(middleware: RequirePermission(anyOf: Self.readers))
        read.get("boms/:code") { _, context in try await boms.bom(of: try context.parameters.require("code")) }
        // Issue 15: each list one page `{"items": […], "nextCursor": "…"}`, limit 50 by default (at most 200).
        read.get("production-orders") { request, _ -> Response in
            try JSONResponse.make(
                .ok, try await stock.productionOrderPage(page: try PageRequest(request, defaultLimit: 50, maximum: 200))
            )
        }
        read.get("warehouses") { request, _ -> Response in
            try JSONResponse.make(
                .ok, try await stock.warehousePage(page: try PageRequest(request, defaultLimit: 50, maximum: 200)))
        }
        read.get("stock") { request, _ -> Response in
            try JSONResponse.make(
                .ok, try await stock.levelPage(page: try PageRequest(request, defaultLimit: 50, maximum: 200)))
        }
        let edit = router.group("api").add(middleware: RequirePermission(.stockEdit))
        edit.put("boms/:code") { request, context in
            let input = try await request.decodeJSON(
                as: BOMStore.Input.self, describedAs: Wording(it: "una distinta base", en: "a bill of materials"))
            return try await boms.replace(try context.parameters.require("code"), with: input)
        }
        edit.post("stock/receipts") { request, context -> Response in
            let input = try await request.decodeJSON(
                as: StockStore.MovementInput.self, describedAs: Wording(it: "un carico", en: "a receipt"))
            let movements = try await stock.book(
                input, transfer: false, by: BillingController.user(context), at: clock.now())
            return try JSONResponse.make(.created, movements.map(\.id))
        }
        edit.post("stock/transfers") { request, context -> Response in
            let input = try await request.decodeJSON(
                as: StockStore.MovementInput.self, describedAs: Wording(it: "un trasferimento", en: "a transfer"))
            let movements = try await stock.book(
                input, transfer: true, by: BillingController.user(context), at: clock.now())
            return try JSONResponse.make(.created, movements.map(\.id))
        }
        edit.post("stock/expected-receipts") { request, _ -> Response in
            let input = try await request.decodeJSON(
                as: StockStore.ExpectedReceipt.self,
                describedAs: Wording(it: "un arrivo previsto", en: "an expected receipt"))
            try await stock.expect(input, at: clock.now())
            return Response(status: .created)
        }
    }
}
