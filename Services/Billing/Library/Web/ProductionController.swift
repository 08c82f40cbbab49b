import Foundation
import GRDB
import Hummingbird
import ServiceKit

/// The production JSON API: bills of materials, production orders, warehouses, stock levels,
/// receipts, transfers and expected receipts. Reading needs any billing or stock permission;
/// changing needs `stock.edit`.
struct ProductionController {
    let boms: BOMStore
    let stock: StockStore
    let database: ServiceDatabase
    let clock: ServiceClock

    static let readers: Set<Permission> = [.billingRead, .billingEdit, .stockEdit]

    func addRoutes(to router: ServiceRouter) {
        let read = router.group("api").add(middleware: RequirePermission(anyOf: Self.readers))
        read.get("boms/:code") { _, context in try await boms.bom(of: try context.parameters.require("code")) }
        read.get("production-orders") { _, _ in
            try await database.read { db in
                try ProductionOrderRecord.order(Column("createdAt").desc).fetchAll(db).map(ProductionOrderView.init)
            }
        }
        read.get("warehouses") { _, _ in try await stock.warehouses() }
        read.get("stock") { _, _ in try await stock.levels() }
        let edit = router.group("api").add(middleware: RequirePermission(.stockEdit))
        edit.put("boms/:code") { request, context in
            let input = try await request.decodeJSON(as: BOMStore.Input.self, describedAs: "a bill of materials")
            return try await boms.replace(try context.parameters.require("code"), with: input)
        }
        edit.post("stock/receipts") { request, context -> Response in
            let input = try await request.decodeJSON(as: StockStore.MovementInput.self, describedAs: "a receipt")
            let movements = try await stock.book(input, transfer: false, by: BillingController.user(context), at: clock.now())
            return try JSONResponse.make(.created, movements.map(\.id))
        }
        edit.post("stock/transfers") { request, context -> Response in
            let input = try await request.decodeJSON(as: StockStore.MovementInput.self, describedAs: "a transfer")
            let movements = try await stock.book(input, transfer: true, by: BillingController.user(context), at: clock.now())
            return try JSONResponse.make(.created, movements.map(\.id))
        }
    }
}

extension BOMStore.View: ResponseEncodable {}
