import AriannaProtocol
import Foundation
import Testing

/// The rules of billing/production's own events (`catalogue.article.v1`, `production-order.created.v1`).
@Suite("Billing catalogue and production order payload rules")
struct BillingCatalogueDecodingTests {
    @Test func decode_rejectsAVATRateThatDoesNotExist() throws {
        var article = ArticleSnapshot.mock()
        article.vatRatePercent = 23
        let bytes = try EventCodec.encode(article, metadata: .mock(for: article))

        #expect(
            throws: EventDecodingError.invalidPayload(
                type: "catalogue.article.v1", reason: "vatRatePercent 23.0 must be one of 22, 10, 4, 0")
        ) { try EventCodec.decode(bytes) }
    }

    @Test func decode_rejectsANegativePrice() throws {
        var article = ArticleSnapshot.mock()
        article.unitPriceCents = -1
        let bytes = try EventCodec.encode(article, metadata: .mock(for: article))

        #expect(
            throws: EventDecodingError.invalidPayload(
                type: "catalogue.article.v1", reason: "unitPriceCents must not be negative")
        ) { try EventCodec.decode(bytes) }
    }

    @Test func decode_readsTheFinishedProductKindByItsWireName() throws {
        var article = ArticleSnapshot.mock()
        article.kind = .finishedProduct
        let bytes = try EventCodec.encode(article, metadata: .mock(for: article))

        #expect(String(decoding: bytes, as: UTF8.self).contains(#""kind":"finished-product""#))
        #expect(try EventCodec.decode(bytes).event == .articleSnapshot(article))
    }

    @Test func decode_rejectsAComponentWithoutQuantityWithItsPath() throws {
        var order = ProductionOrderCreated.mock()
        order.components[0].quantity = 0
        let bytes = try EventCodec.encode(order, metadata: .mock(for: order))

        #expect(
            throws: EventDecodingError.invalidPayload(
                type: "production-order.created.v1", reason: "components[0].quantity must be greater than zero")
        ) { try EventCodec.decode(bytes) }
    }

    @Test func decode_rejectsAConfirmedDocumentWhoseTotalsDoNotAddUp() throws {
        var document = BillingDocumentConfirmed.mock()
        document.vatCents += 1
        let bytes = try EventCodec.encode(document, metadata: .mock(for: document))

        #expect(
            throws: EventDecodingError.invalidPayload(
                type: "billing.document.confirmed.v1", reason: "vatCents must equal the sum of vatTotals[].vatCents")
        ) { try EventCodec.decode(bytes) }
    }

    @Test func aCustomerSnapshotWithoutBillingData_stillDecodes() throws {
        let bytes = try tamperedEnvelope(.customerSnapshot(.mock())) { envelope in
            var data = envelope["data"] as? [String: Any] ?? [:]
            data["vatNumber"] = nil
            data["fiscalCode"] = nil
            data["billingAddress"] = nil
            envelope["data"] = data
        }

        guard case .customerSnapshot(let customer) = try EventCodec.decode(bytes).event else {
            Issue.record("expected setup.customer.v1")
            return
        }
        #expect(customer.vatNumber == nil)
        #expect(customer.billingAddress == nil)
        #expect(customer.name == "Rossi Impianti S.r.l.")
    }
}
