import AriannaProtocol
import Foundation
import Testing
@testable import IntakeService

/// Customers carry the data billing prints on documents (R19): VAT number, fiscal code, billing
/// address; they travel in `setup.customer.v1`.
@Suite struct CustomerBillingDataTests {
    @Test func customer_billingData_isKeptNormalised_andPublished() async throws {
        let fixture = try await IntakeFixture()
        let created = try await fixture.setup.create(CustomerSetupKind.self, .init(
            name: "Officina Sala", vatNumber: "it 0123456789 0", fiscalCode: "01234567890",
            billingAddress: "Via Roma 1, 20100 Milano", sites: [.init(name: "Officina", address: "Via A 1", zone: "Milano")]))

        #expect(created.customer.vatNumber == "IT01234567890")
        let last = try #require(try await fixture.outbox(type: CustomerSnapshot.eventType).last)
        guard case .customerSnapshot(let snapshot) = last.event else { Issue.record("wrong event"); return }
        #expect(snapshot.vatNumber == "IT01234567890")
        #expect(snapshot.fiscalCode == "01234567890")
        #expect(snapshot.billingAddress == "Via Roma 1, 20100 Milano")
    }

    @Test func customer_badVATNumberAndFiscalCode_areRefusedInBothLanguages() async throws {
        let fixture = try await IntakeFixture()
        do {
            _ = try await fixture.setup.update(CustomerSetupKind.self, id: "cus-moretti", .init(
                vatNumber: "12345", fiscalCode: "RSSMRA80A01"))
            Issue.record("expected a refusal")
        } catch let error as SetupError {
            #expect(error.problems.map(\.field) == ["vatNumber", "fiscalCode"])
            #expect(error.message(.it).contains("non è una partita IVA"))
            #expect(error.message(.en).contains("is not a fiscal code"))
        }
    }
}
