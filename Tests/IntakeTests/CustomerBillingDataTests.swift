import AriannaProtocol
import Foundation
import IntakeDomain
import Testing

@testable import IntakeService

/// Customers carry the data billing prints on documents (R19): VAT number, fiscal code, billing
/// address; they travel in `setup.customer.v1`.
@Suite struct CustomerBillingDataTests {
    @Test func customer_billingData_isKeptNormalised_andPublished() async throws {
        let fixture = try await IntakeFixture()
        let created = try await fixture.setup.create(
            CustomerSetupKind.self,
            .init(
                name: "Officina Sala", vatNumber: "it 0123456789 0", fiscalCode: "01234567890",
                billingAddress: "Via Roma 1, 20100 Milano",
                sites: [.init(name: "Officina", address: "Via A 1", zone: "Milano")]))

        #expect(created.customer.vatNumber == "IT01234567890")
        let last = try #require(try await fixture.outbox(type: CustomerSnapshot.eventType).last)
        guard case .customerSnapshot(let snapshot) = last.event else {
            Issue.record("wrong event")
            return
        }
        #expect(snapshot.vatNumber == "IT01234567890")
        #expect(snapshot.fiscalCode == "01234567890")
        #expect(snapshot.billingAddress == "Via Roma 1, 20100 Milano")
    }

    @Test func customer_badVATNumberAndFiscalCode_areRefusedInBothLanguages() async throws {
        let fixture = try await IntakeFixture()
        do {
            _ = try await fixture.setup.update(
                CustomerSetupKind.self, id: "cus-moretti",
                .init(
                    vatNumber: "12345", fiscalCode: "RSSMRA80A01"))
            Issue.record("expected a refusal")
        } catch let error as SetupError {
            #expect(error.problems.map(\.field) == ["vatNumber", "fiscalCode"])
            #expect(error.message(.it).contains("non è una partita IVA"))
            #expect(error.message(.en).contains("is not a fiscal code"))
        }
    }
}

/// A customer's email language (issue 10): `it` or `en`, checked with a bilingual refusal, kept
/// and published in `setup.customer.v1` so notification writes to them in it.
@Suite struct CustomerLanguageTests {
    @Test func customer_language_isKeptAndPublished_andCanBeCleared() async throws {
        let fixture = try await IntakeFixture()
        let created = try await fixture.setup.create(
            CustomerSetupKind.self,
            .init(
                name: "Bakery Ltd", email: "orders@bakery.example", language: "EN",
                sites: [.init(name: "Shop", address: "High St 1", zone: "Milano")]))
        #expect(created.customer.language == "en")
        let last = try #require(try await fixture.outbox(type: CustomerSnapshot.eventType).last)
        guard case .customerSnapshot(let snapshot) = last.event else {
            Issue.record("wrong event")
            return
        }
        #expect(snapshot.language == "en")

        let cleared = try await fixture.setup.update(
            CustomerSetupKind.self, id: created.customer.id, .init(language: ""))
        #expect(cleared.customer.language == nil)
    }

    @Test func customer_unknownLanguage_isRefusedInBothLanguages_andNothingIsWritten() async throws {
        let fixture = try await IntakeFixture()
        let before = try await fixture.outbox(type: CustomerSnapshot.eventType).count
        do {
            _ = try await fixture.setup.update(CustomerSetupKind.self, id: "cus-moretti", .init(language: "de"))
            Issue.record("expected a refusal")
        } catch let error as SetupError {
            #expect(error.problems.map(\.field) == ["language"])
            #expect(error.message(.it).contains("'de' non è una lingua delle email"))
            #expect(error.message(.en).contains("'de' is not an email language"))
        }
        #expect(try await fixture.outbox(type: CustomerSnapshot.eventType).count == before)
    }
}

/// A site's contact email (issue 10): checked with a bilingual refusal, published in
/// `setup.customer.v1` so notification can write to the site's contact.
@Suite struct SiteContactEmailTests {
    @Test func site_contactEmail_isKeptAndPublished_aBadOneIsRefused() async throws {
        let fixture = try await IntakeFixture()
        let created = try await fixture.setup.create(
            CustomerSetupKind.self,
            .init(
                name: "Officina Sala",
                sites: [.init(name: "Officina", address: "Via A 1", zone: "Milano", contactEmail: "capo@sala.example")])
        )
        #expect(created.sites.first?.contactEmail == "capo@sala.example")
        let last = try #require(try await fixture.outbox(type: CustomerSnapshot.eventType).last)
        guard case .customerSnapshot(let snapshot) = last.event else {
            Issue.record("wrong event")
            return
        }
        #expect(snapshot.sites.first?.contactEmail == "capo@sala.example")

        do {
            _ = try await fixture.setup.update(
                CustomerSetupKind.self, id: created.customer.id,
                .init(
                    sites: [
                        .init(
                            id: created.sites.first?.id, name: "Officina", zone: "Milano", contactEmail: "capo at sala")
                    ]))
            Issue.record("expected a refusal")
        } catch let error as SetupError {
            #expect(error.problems.map(\.field) == ["sites[0].contactEmail"])
            #expect(error.message(.it).contains("non è un indirizzo email"))
            #expect(error.message(.en).contains("(contact of site 1) is not an email address"))
        }
    }
}
