import AriannaProtocol
import BillingDomain
import Foundation
import Testing

@testable import BillingService

/// The price rules of every registration type, on one closed ticket: the type's articles
/// (call-out from the catalogue, logbook at the palette's price and 4 % VAT), 95 minutes of
/// labour at €45/h, 30 of travel at €30/h, a filter, copper pipe and an article nobody knows.
@Suite("Drafting a document from a closed ticket")
struct DocumentDrafterTests {
    static let catalogue = Dictionary(uniqueKeysWithValues: TestCatalogue.articles.map { ($0.code, $0.snapshot) })
    static let ticket = TicketClosed.mock(travelMinutes: 30)
    static let typeArticles = ActivityTypeSnapshot.repair().billingArticles ?? []

    static func lines(_ registration: RegistrationType) -> [DocumentLine] {
        DocumentDrafter.lines(
            for: ticket, typeArticles: typeArticles, rule: registration.rule, article: { catalogue[$0] })
    }

    @Test func billable_chargesTheTypesArticlesHoursAndMaterials() {
        let lines = Self.lines(.billable)

        #expect(
            lines.map(\.source) == [.activityType, .activityType, .labour, .travel, .material, .material, .material])
        #expect(
            lines.map(\.articleCode) == [
                "CALLOUT", "BOOK-10", "LAB-HOUR", "LAB-TRAVEL", "FILTER-01", "PIPE-22", "XYZ-9"
            ])
        #expect(lines.map(\.amountCents) == [3500, 1200, 7125, 1500, 2500, 2225, 0])
        #expect(lines.map(\.vatRatePercent) == [22, 4, 22, 22, 22, 22, 22])
        #expect(lines.map(\.needsPrice) == [false, false, false, false, false, false, true])
        let totals = DocumentTotals(lines: lines)
        #expect(
            totals.rates == [
                .init(vatRatePercent: 22, taxableCents: 16_850, vatCents: 3707),
                .init(vatRatePercent: 4, taxableCents: 1200, vatCents: 48)
            ])
        #expect(totals.taxableCents == 18_050)
        #expect(totals.totalCents == 21_805)
    }

    @Test func underContract_includesLabourAndTravel_butChargesMaterialsAndTheTypesArticles() {
        let lines = Self.lines(.underContract)

        #expect(lines.map(\.amountCents) == [3500, 1200, 0, 0, 2500, 2225, 0])
        #expect(lines.filter { $0.source == .labour || $0.source == .travel }.allSatisfy { $0.discountPercent == 100 })
    }

    @Test func warranty_doesNotChargeMaterials_butChargesLabour() {
        let lines = Self.lines(.warranty)

        #expect(lines.map(\.amountCents) == [3500, 1200, 7125, 1500, 0, 0, 0])
        #expect(lines.last?.needsPrice == true, "an unknown article is flagged even when not charged")
    }

    @Test func notBillable_billsNothing() {
        #expect(Self.lines(.notBillable).isEmpty)
    }

    @Test func anUnknownArticle_isFlagged_neverPricedByGuess() {
        let unknown = Self.lines(.billable).last

        #expect(unknown?.needsPrice == true)
        #expect(unknown?.description == "XYZ-9 Special valve")
    }

    @Test func withoutALabourArticle_theHoursAreFlagged_notBilledAtAHardCodedRate() {
        var catalogue = Self.catalogue
        catalogue["LAB-HOUR"] = nil
        let lines = DocumentDrafter.lines(
            for: Self.ticket, typeArticles: [], rule: RegistrationType.billable.rule, article: { catalogue[$0] })

        let labour = lines.first { $0.source == .labour }
        #expect(labour?.needsPrice == true)
        #expect(labour?.amountCents == 0)
    }

    @Test(
        arguments: [
            ("billable", true, RegistrationType.billable), ("underContract", true, .underContract),
            ("warranty", true, .warranty), ("notBillable", true, .notBillable), (nil, false, .notBillable),
            (nil, true, .billable), ("somethingNew", false, .notBillable)
        ] as [(String?, Bool, RegistrationType)])
    func registrationType_readsTheTypesWord_orItsBillableFlag(word: String?, billable: Bool, expected: RegistrationType)
    {
        #expect(RegistrationType.of(registrationType: word, billable: billable) == expected)
    }

    @Test func lineMath_roundsOnce_andDiscounts() {
        #expect(LineMath.amount(quantity: 95.0 / 60, unitPriceCents: 4500, discountPercent: 0) == 7125)
        #expect(LineMath.amount(quantity: 3, unitPriceCents: 333, discountPercent: 10) == 899)
        #expect(LineMath.amount(quantity: 1, unitPriceCents: 1000, discountPercent: 100) == 0)
        #expect(LineMath.vat(taxableCents: 1005, ratePercent: 22) == 221)
    }
}
