import AriannaProtocol
import BillingDomain
import Foundation
import ServiceTestSupport
import Testing

@testable import BillingService

@Suite("Document lifecycle: edit, confirm, credit note, export")
struct DocumentLifecycleTests {
    /// 2026-12-31T22:59:00Z: 23:59 on New Year's Eve in Rome.
    static let lastMinuteOf2026InRome = Date(timeIntervalSinceReferenceDate: 820_450_740)
    /// 2026-12-31T23:00:00Z: midnight, 1 January 2027 in Rome.
    static let firstMinuteOf2027InRome = Date(timeIntervalSinceReferenceDate: 820_450_800)

    static let knownMaterials = [MaterialLine(articleCode: "FILTER-01", description: "", quantity: 2)]

    @Test func confirm_isRefusedWhileALineNeedsAPrice_thenNumbersAndPublishesTheWholeDocument() async throws {
        let service = try TestService()
        try await service.deliver(.closed(.mock(), id: "evt-1"))

        // A flagged line (XYZ-9, unknown to the catalogue) blocks confirmation
        do {
            _ = try await service.store.confirm(documentID: "doc-1", by: "Anna Conti", at: Instant.now)
            Issue.record("expected a refusal")
        } catch let error as BillingError {
            #expect(error.problems.map(\.field) == ["lines[4].price"])
            #expect(error.message(language: .it).contains("indica il prezzo prima di confermare"))
        }
        // The clerk prices it and gives a discount: each change is recorded with who and when
        let edited = try await service.store.editLine(
            documentID: "doc-1", position: 4, edit: LineEdit(price: "80", discountPercent: "10"), by: "Anna Conti",
            at: Instant.now)
        #expect(edited.lines[3].amountCents == 7200)
        #expect(edited.lines[3].needsPrice == false)
        #expect(edited.changes.map(\.field) == ["price", "discountPercent"])
        #expect(edited.changes.allSatisfy { $0.changedBy == "Anna Conti" && $0.changedAt == Instant.now })
        #expect(edited.taxableCents == 7125 + 2500 + 2225 + 7200)

        let confirmed = try await service.store.confirm(documentID: "doc-1", by: "Anna Conti", at: Instant.now)

        #expect(confirmed.number == "FAT/2026/000001")
        #expect(confirmed.status == .confirmed)
        #expect(confirmed.issueDate == "2026-11-30")
        let events = try await service.outbox()
        guard case .billingDocumentConfirmed(let event) = events.last?.event else {
            Issue.record("expected billing.document.confirmed.v1 last")
            return
        }
        #expect(event.number == "FAT/2026/000001")
        #expect(event.lines.count == 4)
        #expect(event.taxableCents == 19_050)
        #expect(event.vatCents == 4191)
        #expect(event.totalCents == 23_241)
        #expect(event.confirmedBy == "Anna Conti")
    }

    @Test func aConfirmedDocument_isImmutable() async throws {
        let service = try TestService()
        try await service.deliver(.closed(.mock(materials: Self.knownMaterials), id: "evt-1"))
        _ = try await service.store.confirm(documentID: "doc-1", by: "Anna", at: Instant.now)

        await #expect(throws: BillingError.self) {
            try await service.store.editLine(
                documentID: "doc-1", position: 1, edit: LineEdit(quantity: "1"), by: "Anna", at: Instant.now)
        }
        await #expect(throws: BillingError.self) {
            try await service.store.confirm(documentID: "doc-1", by: "Anna", at: Instant.now)
        }
        #expect(try await service.store.document(id: "doc-1").lines.first?.quantity == 95.0 / 60)
        #expect(try await service.outbox().count == 2, "one draft, one confirmation")
    }

    @Test func editLine_refusesBadValues_andWritesNothing() async throws {
        let service = try TestService()
        try await service.deliver(.closed(.mock(materials: Self.knownMaterials), id: "evt-1"))

        do {
            _ = try await service.store.editLine(
                documentID: "doc-1", position: 2, edit: LineEdit(quantity: "0", price: "1.234", discountPercent: "120"),
                by: "Anna", at: Instant.now)
            Issue.record("expected a refusal")
        } catch let error as BillingError {
            #expect(error.problems.map(\.field) == ["quantity", "price", "discountPercent"])
        }
        let document = try await service.store.document(id: "doc-1")
        #expect(document.lines[1].quantity == 2)
        #expect(document.changes.isEmpty)
    }

    @Test func hundredParallelConfirmations_getGaplessNumbers() async throws {
        let service = try TestService(onDisk: true)
        for index in 1...100 {
            try await service.deliver(
                .closed(.mock(ticketID: "tck-\(index)", materials: Self.knownMaterials), id: "evt-\(index)"))
        }
        let store = service.store

        let numbers = try await withThrowingTaskGroup(of: String.self) { group in
            for index in 1...100 {
                group.addTask {
                    try await store.confirm(documentID: "doc-\(index)", by: "Anna", at: Instant.now).number ?? ""
                }
            }
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }

        #expect(numbers.sorted() == (1...100).map { String(format: "FAT/2026/%06d", $0) })
    }

    @Test func numbering_followsTheYearInRome_acrossNewYearsEve() async throws {
        let service = try TestService()
        for index in 1...3 {
            try await service.deliver(
                .closed(.mock(ticketID: "tck-\(index)", materials: Self.knownMaterials), id: "evt-\(index)"))
        }

        let first = try await service.store.confirm(documentID: "doc-1", by: "Anna", at: Self.lastMinuteOf2026InRome)
        let second = try await service.store.confirm(documentID: "doc-2", by: "Anna", at: Self.firstMinuteOf2027InRome)
        let third = try await service.store.confirm(documentID: "doc-3", by: "Anna", at: Self.firstMinuteOf2027InRome)

        #expect(first.number == "FAT/2026/000001")
        #expect(first.issueDate == "2026-12-31")
        #expect(second.number == "FAT/2027/000001")
        #expect(second.issueDate == "2027-01-01")
        #expect(third.number == "FAT/2027/000002")
    }

    @Test func aCreditNote_correctsAConfirmedInvoice_withItsOwnSequence() async throws {
        let service = try TestService()
        try await service.deliver(.closed(.mock(materials: Self.knownMaterials), id: "evt-1"))
        await #expect(throws: BillingError.self) {
            try await service.store.startCreditNote(for: "doc-1", newID: "cn-1", at: Instant.now)
        }
        _ = try await service.store.confirm(documentID: "doc-1", by: "Anna", at: Instant.now)

        let note = try await service.store.startCreditNote(for: "doc-1", newID: "cn-1", at: Instant.now)
        _ = try await service.store.editLine(
            documentID: "cn-1", position: 1, edit: LineEdit(quantity: "0.5"), by: "Anna", at: Instant.now)
        let confirmed = try await service.store.confirm(documentID: "cn-1", by: "Anna", at: Instant.now)

        #expect(note.kind == .creditNote)
        #expect(note.creditedDocumentID == "doc-1")
        #expect(confirmed.number == "NC/2026/000001")
        #expect(confirmed.lines.first?.amountCents == 2250)
    }

    @Test func export_marksThePeriodsConfirmedDocumentsExported() async throws {
        let service = try TestService()
        for index in 1...2 {
            try await service.deliver(
                .closed(.mock(ticketID: "tck-\(index)", materials: Self.knownMaterials), id: "evt-\(index)"))
        }
        _ = try await service.store.confirm(documentID: "doc-1", by: "Anna", at: Instant.now)

        let exported = try await service.store.export(from: "2026-11-01", to: "2026-11-30", at: Instant.now)

        #expect(exported.map(\.id) == ["doc-1"])
        #expect(exported.first?.status == .exported)
        #expect(try await service.store.document(id: "doc-2").status == .draft)
        await #expect(throws: BillingError.self) {
            try await service.store.export(from: "2026-12-01", to: "2026-11-01", at: Instant.now)
        }
    }

    @Test func theConfirmedDocument_carriesTheCustomersBillingData_fromIntake() async throws {
        let service = try TestService()
        let customer = CustomerSnapshot(
            customerID: "cus-42", name: "Rossi Impianti S.r.l.", email: nil, phone: nil, active: true,
            sites: [.init(siteID: "s-1", name: "Sede", address: "Via Po 3, Monza", zone: "Monza", active: true)],
            vatNumber: "IT01234567890", fiscalCode: "01234567890", billingAddress: "Via Roma 1, 20100 Milano")
        try await service.deliver(
            ReceivedEvent(
                metadata: .new(for: customer, id: "evt-cus", source: "/arianna/intake", time: Instant.closed),
                event: .customerSnapshot(customer)))
        try await service.deliver(.closed(.mock(materials: Self.knownMaterials), id: "evt-1"))

        let confirmed = try await service.store.confirm(documentID: "doc-1", by: "Anna", at: Instant.now)

        #expect(confirmed.customer.vatNumber == "IT01234567890")
        guard case .billingDocumentConfirmed(let event) = try await service.outbox().last?.event else {
            Issue.record("expected billing.document.confirmed.v1")
            return
        }
        #expect(event.customerVATNumber == "IT01234567890")
        #expect(event.customerFiscalCode == "01234567890")
        #expect(event.customerAddress == "Via Roma 1, 20100 Milano")
    }
}
