import AriannaProtocol
import BillingDomain
import Foundation
import Testing

@testable import BillingService

@Suite("Article catalogue")
struct ArticleCatalogueTests {
    static func input(
        code: String? = "VALVE-3W", price: String? = "48,00", vat: String? = "22", kind: String? = "material"
    ) -> ArticleInput {
        ArticleInput(
            code: code, description: "Valvola a tre vie", descriptionEN: "Three-way valve", unit: "pz",
            price: price, vatRatePercent: vat, kind: kind)
    }

    @Test func create_storesTheArticle_andPublishesItsSnapshot() async throws {
        let service = try TestService(withCatalogue: false)
        let catalogue = ArticleCatalogue(database: service.database, outbox: service.context.outbox)

        let article = try await catalogue.create(Self.input(code: "valve-3w"))

        #expect(article.code == "VALVE-3W")
        #expect(article.unitPriceCents == 4800)
        #expect(try await catalogue.article(code: "VALVE-3W") == article)
        let events = try await service.outbox()
        #expect(events.map(\.event) == [.articleSnapshot(article.snapshot)])
        #expect(events.first?.metadata.subject == "article:VALVE-3W")
    }

    @Test(arguments: [
        ("12.345", "price"), ("-1", "price"), ("abc", "price"), ("", "price"), ("1,", "price")
    ])
    func create_refusesABadPrice_andWritesNothing(price: String, field: String) async throws {
        let service = try TestService(withCatalogue: false)
        let catalogue = ArticleCatalogue(database: service.database, outbox: service.context.outbox)

        await #expect(throws: BillingError.self) { try await catalogue.create(Self.input(price: price)) }
        do {
            _ = try await catalogue.create(Self.input(price: price))
        } catch let error as BillingError {
            #expect(error.problems.map(\.field) == [field])
            #expect(error.message(language: .it).contains("al massimo due decimali"))
            #expect(error.message(language: .en).contains("at most two decimals"))
        }
        #expect(try await catalogue.articles().isEmpty)
        #expect(try await service.outbox().isEmpty)
    }

    @Test func create_refusesAVATRateThatDoesNotExist_andAnUnknownKind_together() async throws {
        let service = try TestService(withCatalogue: false)
        let catalogue = ArticleCatalogue(database: service.database, outbox: service.context.outbox)

        do {
            _ = try await catalogue.create(Self.input(vat: "23", kind: "gadget"))
            Issue.record("expected a refusal")
        } catch let error as BillingError {
            #expect(error.problems.map(\.field) == ["vatRatePercent", "kind"])
            #expect(error.message(language: .en).contains("The VAT rate must be one of 22, 10, 4, 0."))
            #expect(error.message(language: .it).contains("L'aliquota IVA deve essere una di 22, 10, 4, 0."))
        }
    }

    @Test func create_refusesATakenCode() async throws {
        let service = try TestService()
        let catalogue = ArticleCatalogue(database: service.database, outbox: service.context.outbox)

        await #expect(
            throws: BillingError.conflict(
                .init(
                    it: "Esiste già un articolo con il codice 'FILTER-01'.",
                    en: "There already is an article with the code 'FILTER-01'."))
        ) {
            try await catalogue.create(Self.input(code: "FILTER-01"))
        }
    }

    @Test func update_changesEverythingButTheCode_andDeactivateKeepsIt() async throws {
        let service = try TestService()
        let catalogue = ArticleCatalogue(database: service.database, outbox: service.context.outbox)

        let updated = try await catalogue.update(
            code: "filter-01", with: Self.input(code: "OTHER", price: "13.5", vat: "10"))
        let deactivated = try await catalogue.deactivate(code: "FILTER-01")

        #expect(updated.code == "FILTER-01")
        #expect(updated.unitPriceCents == 1350)
        #expect(updated.vatRatePercent == 10)
        #expect(deactivated.active == false)
        #expect(try await catalogue.articles(includeInactive: false).contains { $0.code == "FILTER-01" } == false)
        #expect(try await service.outbox().count == 2)
    }

    @Test func delete_refusesAnArticleADocumentNames_butDeletesAnUnusedOne() async throws {
        let service = try TestService()
        let catalogue = ArticleCatalogue(database: service.database, outbox: service.context.outbox)
        try await service.deliver(.closed(.mock(), id: "evt-1"))

        await #expect(throws: BillingError.self) { try await catalogue.delete(code: "FILTER-01") }
        try await catalogue.delete(code: "CALLOUT")

        #expect(try await catalogue.article(code: "FILTER-01").active)
        await #expect(throws: BillingError.articleNotFound("CALLOUT")) { try await catalogue.article(code: "CALLOUT") }
    }

    @Test func search_matchesCodeAndDescriptions() async throws {
        let service = try TestService()
        let catalogue = ArticleCatalogue(database: service.database, outbox: service.context.outbox)

        #expect(try await catalogue.articles(search: "rame").map(\.code) == ["PIPE-22"])
        #expect(try await catalogue.articles(search: "boiler").map(\.code) == ["FILTER-01"])
        #expect(try await catalogue.articles(search: "lab-").map(\.code) == ["LAB-HOUR", "LAB-TRAVEL"])
    }

    @Test(arguments: [("12", 1200), ("12.5", 1250), ("12,50", 1250), ("0", 0), ("0.07", 7)])
    func moneyText_readsPricesExactly(text: String, cents: Int) {
        #expect(MoneyText.cents(text) == cents)
    }
}
