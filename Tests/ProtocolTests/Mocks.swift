import AriannaProtocol
import Foundation
import ServiceTestSupport
import Testing

extension MaterialLine {
    static func mock(quantity: Double = 2.5) -> MaterialLine {
        MaterialLine(articleCode: "PIPE-22", description: "Copper pipe 22 mm (m)", quantity: quantity)
    }
}

extension TicketOpened {
    /// A follow-up deadline with every optional member that came after v1.
    static func mockDeadline() -> TicketOpened {
        var ticket = TicketOpened.mock(ticketID: "tck-124")
        ticket.number = "SCA/2026/000007"
        ticket.macroType = .task
        ticket.dueAt = Instant.afternoonStart
        ticket.operatorInChargeID = "op-3"
        ticket.followUpOfTicketID = "tck-123"
        ticket.needsAppointment = false
        ticket.customFields = ["boilerModel": "Vaillant ecoTEC", "floor": "3"]
        return ticket
    }
}

extension TicketCancelled {
    static func mock() -> TicketCancelled {
        TicketCancelled(
            ticketID: "tck-123", number: "TCK/2026/000123", reason: "Customer solved it alone",
            cancelledAt: Instant.morningStart, cancelledBy: "Anna Neri")
    }
}

extension TicketAttachmentAdded {
    static func mock() -> TicketAttachmentAdded {
        TicketAttachmentAdded(
            ticketID: "tck-123", attachmentID: "att-7", fileName: "caldaia-perdita.jpg", contentType: "image/jpeg",
            byteCount: 48_213, addedAt: Instant.morningStart)
    }
}

extension InterventionReportIssued {
    static func mock() -> InterventionReportIssued {
        InterventionReportIssued(
            reportID: "rep-9", appointmentID: "app-5", ticketID: "tck-123", fileName: "report-TCK-2026-000123.pdf",
            pdfBase64: Data("%PDF-1.4\n%%EOF\n".utf8).base64EncodedString(), photosIncluded: true,
            issuedAt: Instant.morningStart)
    }
}

extension TicketEdited {
    static func mock() -> TicketEdited {
        TicketEdited(
            ticketID: "tck-123", number: "TCK/2026/000123", version: 2, description: "Boiler knocks and leaks",
            siteZone: "Milano Nord", dueAt: Instant.afternoonStart, contact: "Sig. Rossi, 333 1234567",
            customFields: ["appliance": "Caldaia"], editedAt: Instant.morningStart, editedBy: "Anna Neri")
    }
}

extension TicketReassigned {
    static func mock() -> TicketReassigned {
        TicketReassigned(
            ticketID: "tck-123", number: "TCK/2026/000123", version: 3, group: "Back office", operatorID: "op-3",
            reassignedAt: Instant.morningStart, reassignedBy: "Anna Neri")
    }
}

extension TicketStateChanged {
    static func mock() -> TicketStateChanged {
        TicketStateChanged(
            ticketID: "tck-123", number: "TCK/2026/000123", version: 4, stateID: "st-working", stateCode: "WORKING",
            stateName: "In lavorazione", colour: "#ff7f0e", isFinal: false, changedAt: Instant.morningStart,
            changedBy: "Anna Neri")
    }
}

extension InterventionClosed {
    static func mock(ticketID: String? = "tck-123") -> InterventionClosed {
        InterventionClosed(
            reportID: "rep-9", appointmentID: "app-5", ticketID: ticketID, operatorID: "op-3",
            workDone: "Replaced the circulation pump and bled the system", workedMinutes: 95,
            materials: [.mock(), MaterialLine(articleCode: "PUMP-A2", description: "Circulation pump", quantity: 1)],
            closedAt: Instant.interventionClosed)
    }
}

extension BillingDocumentCreated {
    static func mock() -> BillingDocumentCreated {
        BillingDocumentCreated(
            documentID: "doc-77", number: "FT/2026/000045", status: "draft", ticketID: "tck-123",
            ticketNumber: "TCK/2026/000123", customer: .mock(),
            lines: [
                BillingLine(description: "Labour", quantity: 1.5, unitPriceCents: 4_500, amountCents: 6_750),
                BillingLine(
                    description: "Copper pipe 22 mm (m)", quantity: 2.5, unitPriceCents: 820, amountCents: 2_050)
            ],
            totalCents: 8_800, createdAt: Instant.interventionClosed)
    }
}

extension ActivityTypeSnapshot {
    static func mock() -> ActivityTypeSnapshot {
        ActivityTypeSnapshot(
            activityTypeID: "at-7", code: "MAINT", name: "Boiler maintenance", macroType: .appointment,
            expectedDurationMinutes: 90, billable: true, colour: "#1f77b4", active: true)
    }
}

extension OperatorSnapshot {
    static func mock() -> OperatorSnapshot {
        OperatorSnapshot(
            operatorID: "op-3", name: "Giulia Bianchi", email: nil, groups: ["technicians", "north"], active: true)
    }
}

extension ActivityTypeSnapshot {
    /// The same type with every optional palette field that came after v1.
    static func mockWithPalettes() -> ActivityTypeSnapshot {
        var snapshot = ActivityTypeSnapshot.mock()
        snapshot.practiceID = "pr-assist"
        snapshot.numberingPrefix = "MNT"
        snapshot.notifyAssignee = true
        snapshot.registrationType = "billable"
        snapshot.layout = [
            .init(key: "appliance", label: "Apparecchio", kind: "text", required: true),
            .init(key: "model", label: "Modello", kind: .choice, required: false, choices: ["A", "B"])
        ]
        snapshot.billingArticles = [
            .init(code: "CALL-FEE", description: "Diritto di chiamata", quantity: 1, unitPriceCents: 3_500)
        ]
        snapshot.productionOrder = .init(documentType: "ODP", articleCode: "KIT-MAINT", quantity: 1)
        snapshot.followUpRules = [
            .init(
                trigger: "onDeadlineClose", targetActivityTypeCode: "MAINT",
                recurrence: .init(count: 3, unit: "months"), baseDate: "deadlineDate")
        ]
        return snapshot
    }
}

extension PracticeSnapshot {
    static func mock() -> PracticeSnapshot {
        PracticeSnapshot(practiceID: "pr-assist", code: "ASSIST", name: "Assistenza tecnica", active: true)
    }
}

extension ActivityStateSnapshot {
    static func mock() -> ActivityStateSnapshot {
        ActivityStateSnapshot(
            stateID: "st-closed", code: "CLOSED", name: "Chiuso", colour: "#7f7f7f", isFinal: true, position: 40,
            active: true)
    }
}

extension GroupSnapshot {
    static func mock() -> GroupSnapshot {
        GroupSnapshot(groupID: "grp-north", name: "Technicians North", active: true)
    }
}

extension CustomerSnapshot {
    static func mock() -> CustomerSnapshot {
        CustomerSnapshot(
            customerID: "cus-42", name: "Rossi Impianti S.r.l.", email: "facilities@rossi.example",
            phone: "+39 02 1234567",
            active: true,
            sites: [
                .init(siteID: "site-1", name: "Sede", address: "Via Roma 1, Milano", zone: "Milano Nord", active: true),
                .init(siteID: "site-2", name: "Magazzino", address: "Via Po 3, Monza", zone: "Monza", active: false)
            ],
            vatNumber: "IT01234567890", fiscalCode: "01234567890", billingAddress: "Via Roma 1, 20100 Milano")
    }
}

extension AriannaEvent {
    /// One instance of every case, so a new case without a mock fails `allMocks_coverCatalogue`.
    static let allMocks: [AriannaEvent] = [
        .ticketOpened(.mock()), .ticketClosed(.mock()), .ticketCancelled(.mock()),
        .ticketEdited(.mock()), .ticketReassigned(.mock()), .ticketStateChanged(.mock()),
        .appointmentScheduled(.mock()), .appointmentMoved(.mock()), .appointmentCancelled(.mock()),
        .interventionClosed(.mock()), .billingDocumentCreated(.mock()),
        .activityTypeSnapshot(.mock()), .operatorSnapshot(.mock()),
        .practiceSnapshot(.mock()), .activityStateSnapshot(.mock()), .groupSnapshot(.mock()),
        .customerSnapshot(.mock()),
        .intakeRequested(.mock()), .intakeReplied(.mock()), .sessionEnded(.mock()),
        .apiKeySnapshot(.mock()), .apiKeyUsed(.mock()),
        .articleSnapshot(.mock()), .productionOrderCreated(.mock()), .billingDocumentConfirmed(.mock()),
        .mailingListSnapshot(.mock()),
        .ticketAttachmentAdded(.mock()),
        .interventionReportIssued(.mock())
    ]
}

extension SessionEnded {
    static func mock() -> SessionEnded {
        SessionEnded(
            sessionID: "ses-9", userID: "user-giulia", endedAt: Instant.ticketOpened,
            expiresAt: Instant.ticketOpened.addingTimeInterval(8 * 3600))
    }
}

extension APIKeySnapshot {
    static func mock() -> APIKeySnapshot {
        APIKeySnapshot(
            id: "key-7", name: "Call centre North",
            keyHashSHA256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
            permissions: ["tickets.open", "tickets.read"], services: ["intake"],
            expiresAt: Instant.ticketOpened.addingTimeInterval(90 * 86400), requestsPerMinute: 120, active: true)
    }
}

extension APIKeyUsed {
    static func mock() -> APIKeyUsed {
        APIKeyUsed(keyID: "key-7", service: "planner", usedAt: Instant.ticketOpened)
    }
}

extension IntakeRequested {
    static func mock() -> IntakeRequested {
        IntakeRequested(
            requestID: "cc-north-000981", system: "callcentre-north", activityTypeCode: "REPAIR",
            customer: .init(name: "Rossi Impianti S.r.l.", email: "facilities@rossi.example"),
            siteZone: "Milano", description: "Boiler stops after ten minutes")
    }
}

extension IntakeReplied {
    static func mock() -> IntakeReplied {
        IntakeReplied(
            requestID: "cc-north-000981", status: .accepted, ticketID: "tck-123", ticketNumber: "TCK/2026/000123",
            reasons: [], repliedAt: Instant.ticketOpened)
    }
}

extension EventMetadata {
    static func mock(for event: some DomainEvent, correlationID: String? = "corr-1") -> EventMetadata {
        .new(
            for: event, id: "evt-0001", source: "/arianna/test", time: Instant.ticketOpened,
            correlationID: correlationID)
    }
}

/// Encodes any catalogue event with mock metadata, opening the enum for the generic codec.
func encodeWithMockMetadata(_ event: AriannaEvent) throws -> (metadata: EventMetadata, bytes: [UInt8]) {
    func encode(_ payload: some DomainEvent) throws -> (EventMetadata, [UInt8]) {
        let metadata = EventMetadata.mock(for: payload)
        return (metadata, try EventCodec.encode(payload, metadata: metadata))
    }
    switch event {
    case .ticketOpened(let payload): return try encode(payload)
    case .ticketClosed(let payload): return try encode(payload)
    case .ticketCancelled(let payload): return try encode(payload)
    case .ticketEdited(let payload): return try encode(payload)
    case .ticketReassigned(let payload): return try encode(payload)
    case .ticketStateChanged(let payload): return try encode(payload)
    case .appointmentScheduled(let payload): return try encode(payload)
    case .appointmentMoved(let payload): return try encode(payload)
    case .appointmentCancelled(let payload): return try encode(payload)
    case .interventionClosed(let payload): return try encode(payload)
    case .billingDocumentCreated(let payload): return try encode(payload)
    case .activityTypeSnapshot(let payload): return try encode(payload)
    case .operatorSnapshot(let payload): return try encode(payload)
    case .practiceSnapshot(let payload): return try encode(payload)
    case .activityStateSnapshot(let payload): return try encode(payload)
    case .groupSnapshot(let payload): return try encode(payload)
    case .customerSnapshot(let payload): return try encode(payload)
    case .intakeRequested(let payload): return try encode(payload)
    case .intakeReplied(let payload): return try encode(payload)
    case .sessionEnded(let payload): return try encode(payload)
    case .articleSnapshot(let payload): return try encode(payload)
    case .productionOrderCreated(let payload): return try encode(payload)
    case .apiKeySnapshot(let payload): return try encode(payload)
    case .apiKeyUsed(let payload): return try encode(payload)
    case .billingDocumentConfirmed(let payload): return try encode(payload)
    case .mailingListSnapshot(let payload): return try encode(payload)
    case .ticketAttachmentAdded(let payload): return try encode(payload)
    case .interventionReportIssued(let payload): return try encode(payload)
    }
}

/// Parses bytes as a JSON object, for looking at the wire format and tampering with it.
func jsonObject(_ bytes: [UInt8]) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
}

/// A valid encoded envelope, changed by `change`, as bytes.
func tamperedEnvelope(
    _ event: AriannaEvent = .ticketOpened(.mock()), _ change: (inout [String: Any]) throws -> Void
) throws -> [UInt8] {
    var object = try jsonObject(try encodeWithMockMetadata(event).bytes)
    try change(&object)
    return Array(try JSONSerialization.data(withJSONObject: object))
}

extension ArticleSnapshot {
    static func mock() -> ArticleSnapshot {
        ArticleSnapshot(
            code: "PUMP-A2", description: "Circolatore A2", descriptionEN: "Circulation pump A2", unit: "pz",
            unitPriceCents: 18900, vatRatePercent: 22, kind: .material, active: true)
    }
}

extension ProductionOrderCreated {
    static func mock() -> ProductionOrderCreated {
        ProductionOrderCreated(
            productionOrderID: "po-7", number: "ODP/2026/000007", ticketID: "tck-123", documentType: "ODP",
            articleCode: "KIT-BOILER", quantity: 2,
            components: [MaterialLine(articleCode: "PUMP-A2", description: "Circolatore A2", quantity: 2)])
    }
}

extension BillingDocumentConfirmed {
    static func mock() -> BillingDocumentConfirmed {
        BillingDocumentConfirmed(
            documentID: "doc-77", number: "FAT/2026/000045", kind: "invoice", creditedDocumentID: nil,
            issueDate: "2026-11-30", ticketID: "tck-123", ticketNumber: "TCK/2026/000123", activityTypeCode: "REPAIR",
            customer: .mock(), customerVATNumber: "IT01234567890", customerFiscalCode: nil,
            customerAddress: "Via Roma 1, 20100 Milano",
            lines: [
                .init(
                    position: 1, articleCode: "LAB-HOUR", description: "Manodopera", unit: "h", quantity: 1.5,
                    unitPriceCents: 4500, discountPercent: 0, vatRatePercent: 22, amountCents: 6750),
                .init(
                    position: 2, articleCode: "BOOK-10", description: "Libretto", unit: "pz", quantity: 1,
                    unitPriceCents: 1000, discountPercent: 10, vatRatePercent: 4, amountCents: 900)
            ],
            vatTotals: [
                .init(vatRatePercent: 22, taxableCents: 6750, vatCents: 1485),
                .init(vatRatePercent: 4, taxableCents: 900, vatCents: 36)
            ],
            taxableCents: 7650, vatCents: 1521, totalCents: 9171, confirmedAt: Instant.interventionClosed,
            confirmedBy: "Anna Conti")
    }
}

extension MailingListSnapshot {
    static func mock() -> MailingListSnapshot {
        MailingListSnapshot(
            id: "ml-1", name: "Ufficio tecnico", addresses: ["tecnico@rossi.example", "capo@rossi.example"],
            practiceIDs: ["pr-assist"], activityTypeIDs: [], events: ["ticket-opened", "intervention-completed"],
            active: true)
    }
}
