import AriannaProtocol
import Foundation
import Hummingbird
import HummingbirdTesting
import ServiceKit
import ServiceTestSupport
import Testing

@testable import BillingService

@Suite("Document pages")
struct DocumentPagesTests {
    static let page: HTTPFields = [.accept: "text/html", .acceptLanguage: "en"]
    static let form: HTTPFields = [
        .contentType: "application/x-www-form-urlencoded", .accept: "text/html", .acceptLanguage: "en"
    ]

    @Test func theClerkPricesAFlaggedLine_confirms_andSeesTheNumberInListPrintAndSummary() async throws {
        let service = try TestService()
        try await service.deliver(.closed(.mock(), id: "evt-1"))
        let app = Application(router: ServiceRuntime.buildRouter(BillingService.definition, context: service.context))
        try await app.test(.router) { anonymous in
            let clerk = anonymous.loggedIn(to: service.context, permissions: [.billingEdit])
            try await clerk.execute(uri: "/documents/doc-1", method: .get, headers: Self.page) { response in
                let html = String(buffer: response.body)
                #expect(response.status == .ok)
                #expect(html.contains(#"class="line--flagged""#))
                #expect(html.contains("/tickets/tck-123"), "links the billed ticket in intake")
            }
            try await clerk.execute(uri: "/documents/doc-1/confirm", method: .post, headers: Self.form) { response in
                #expect(response.status == .unprocessableContent)
                #expect(String(buffer: response.body).contains("set its price before confirming"))
            }
            try await clerk.execute(
                uri: "/documents/doc-1/lines/4", method: .post, headers: Self.form,
                body: ByteBuffer(
                    string: "description=Valvola+speciale&quantity=1&price=1.234&discountPercent=0&vatRatePercent=22")
            ) { response in
                #expect(response.status == .unprocessableContent)
                #expect(String(buffer: response.body).contains(#"data-field="price""#))
            }
            try await clerk.execute(
                uri: "/documents/doc-1/lines/4", method: .post, headers: Self.form,
                body: ByteBuffer(
                    string: "description=Valvola+speciale&quantity=1&price=80&discountPercent=0&vatRatePercent=22")
            ) { response in
                #expect(response.status == .seeOther)
            }
            try await clerk.execute(uri: "/documents/doc-1/confirm", method: .post, headers: Self.form) { response in
                #expect(response.status == .seeOther)
            }
            try await clerk.execute(uri: "/documents?status=confirmed", method: .get, headers: Self.page) { response in
                #expect(String(buffer: response.body).contains("FAT/2026/000001"))
            }
            try await clerk.execute(uri: "/documents?status=draft", method: .get, headers: Self.page) { response in
                #expect(!String(buffer: response.body).contains("FAT/2026/000001"))
            }
            try await clerk.execute(uri: "/documents/doc-1/print", method: .get, headers: Self.page) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("FAT/2026/000001"))
                #expect(html.contains("/assets/billing/billing.css"))
            }
            try await clerk.execute(uri: "/documents/summary?month=2026-11", method: .get, headers: Self.page) {
                response in
                let html = String(buffer: response.body)
                #expect(response.status == .ok)
                #expect(html.contains(#"<dd id="issued-count">1</dd>"#))
            }
            try await clerk.execute(uri: "/documents/doc-1", method: .get, headers: Self.page) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("Start a credit note"))
                #expect(!html.contains("confirm-form"), "a confirmed document offers no edit")
            }
        }
    }

    @Test func aReader_seesDocumentsButNoEditButtons() async throws {
        let service = try TestService()
        try await service.deliver(.closed(.mock(), id: "evt-1"))
        let app = Application(router: ServiceRuntime.buildRouter(BillingService.definition, context: service.context))
        try await app.test(.router) { anonymous in
            let reader = anonymous.loggedIn(to: service.context, permissions: [.billingRead])
            try await reader.execute(uri: "/documents/doc-1", method: .get, headers: Self.page) { response in
                let html = String(buffer: response.body)
                #expect(response.status == .ok)
                #expect(!html.contains("edit-line-1"))
                #expect(!html.contains("confirm-form"))
            }
        }
    }

    @Test func theStockPage_warnsAboutNegativeStock_andBooksAReceipt() async throws {
        let service = try TestService()
        try await service.database.write { db in
            try StockMovementRecord(
                id: "m-1", articleCode: "PIPE-22", warehouseID: "WH-CENTRAL", quantity: -2, kind: "issue",
                reference: "report:r-1", createdAt: Instant.now, createdBy: "op-mario"
            ).insert(db)
        }
        let app = Application(router: ServiceRuntime.buildRouter(BillingService.definition, context: service.context))
        try await app.test(.router) { anonymous in
            let keeper = anonymous.loggedIn(to: service.context, permissions: [.stockEdit])
            try await keeper.execute(uri: "/stock", method: .get, headers: Self.page) { response in
                let html = String(buffer: response.body)
                #expect(response.status == .ok)
                #expect(html.contains(#"id="negative-warning""#))
            }
            try await keeper.execute(
                uri: "/stock/receipts", method: .post, headers: Self.form,
                body: ByteBuffer(string: "articleCode=PIPE-22&quantity=5&warehouseID=WH-CENTRAL&note=DDT+12")
            ) { response in
                #expect(response.status == .seeOther)
            }
            try await keeper.execute(uri: "/stock", method: .get, headers: Self.page) { response in
                #expect(!String(buffer: response.body).contains(#"id="negative-warning""#))
            }
        }
    }

    @Test func theBOMPage_savesComponents_andRefusesACycleWithItsPath() async throws {
        let service = try TestService()
        let app = Application(router: ServiceRuntime.buildRouter(BillingService.definition, context: service.context))
        try await app.test(.router) { anonymous in
            let keeper = anonymous.loggedIn(to: service.context, permissions: [.stockEdit])
            try await keeper.execute(
                uri: "/articles/CALLOUT/bom", method: .post, headers: Self.form,
                body: ByteBuffer(string: "components=FILTER-01+2%0APIPE-22+1%2C5")
            ) { response in
                #expect(response.status == .seeOther)
            }
            try await keeper.execute(uri: "/articles/CALLOUT/bom", method: .get, headers: Self.page) { response in
                let html = String(buffer: response.body)
                #expect(html.contains(#"<td class="amount">1.5</td>"#))
            }
            try await keeper.execute(
                uri: "/articles/FILTER-01/bom", method: .post, headers: Self.form,
                body: ByteBuffer(string: "components=CALLOUT+1")
            ) { response in
                #expect(response.status == .unprocessableContent)
                #expect(String(buffer: response.body).contains("FILTER-01 → CALLOUT → FILTER-01"))
            }
        }
    }

    @Test func thePriceRulesPage_savesAllOrNothing() async throws {
        let service = try TestService()
        let app = Application(router: ServiceRuntime.buildRouter(BillingService.definition, context: service.context))
        let all =
            "billable.billsDocument=on&billable.typeArticles=0&billable.labour=0&billable.materials=0"
            + "&underContract.billsDocument=on&underContract.typeArticles=0&underContract.labour=100&underContract.materials=0"
            + "&warranty.billsDocument=on&warranty.typeArticles=0&warranty.labour=0"
            + "&notBillable.typeArticles=0&notBillable.labour=0&notBillable.materials=0"
        try await app.test(.router) { anonymous in
            let clerk = anonymous.loggedIn(to: service.context, permissions: [.billingEdit])
            try await clerk.execute(
                uri: "/settings/price-rules", method: .post, headers: Self.form,
                body: ByteBuffer(
                    string: all.replacingOccurrences(of: "billable.labour=0", with: "billable.labour=20")
                        + "&warranty.materials=150")
            ) { response in
                #expect(response.status == .unprocessableContent)
                #expect(String(buffer: response.body).contains(#"data-field="warranty.materialsDiscountPercent""#))
            }
            let unchanged = try await service.database.read { db in try PriceRuleRecord.rule(for: .billable, in: db) }
            #expect(unchanged.labourDiscountPercent == 0, "nothing half-written")
            try await clerk.execute(
                uri: "/settings/price-rules", method: .post, headers: Self.form,
                body: ByteBuffer(string: all + "&warranty.materials=50")
            ) { response in
                #expect(response.status == .seeOther)
            }
            let warranty = try await service.database.read { db in try PriceRuleRecord.rule(for: .warranty, in: db) }
            #expect(warranty.materialsDiscountPercent == 50)
        }
    }
}
