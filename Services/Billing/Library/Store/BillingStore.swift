import AriannaProtocol
import BillingDomain
import Foundation
import GRDB
import ServiceKit

/// Billing's store. Drafting runs inside the consumer's transaction (document, lines and outbox
/// row commit with the inbox entry); the clerk's edits and confirmations are their own
/// transactions (see `BillingStore+Lifecycle.swift`).
struct BillingStore: Sendable {
    /// Billing's store.
    let database: ServiceDatabase
    /// Where the events of a confirmation are written, in its transaction.
    let outbox: OutboxWriter
    /// The company's zone: decides which year's sequence numbers a document.
    let timeZone: TimeZone

    // MARK: - Inside the event's transaction

    /// What ``createDraft(for:documentID:at:outbox:correlationID:in:)`` did.
    enum Outcome: Equatable, Sendable {
        /// A new draft.
        case created(documentID: String)
        /// The ticket already has a document (a duplicate or redelivered close).
        case alreadyBilled(documentID: String)
        /// The ticket's registration type bills nothing.
        case notBillable
    }

    /// Drafts the document of a closed ticket (R19): the type's billing articles, hours and
    /// materials, priced by the registration type's rule, announced with
    /// `billing.document.created.v1`. A ticket that already has an invoice is left alone.
    static func createDraft(
        for ticket: TicketClosed, documentID: String, at now: Date, outbox: OutboxWriter, correlationID: String?,
        in db: Database
    ) throws -> Outcome {
        let type =
            try ActivityTypeRecord.fetchOne(db, key: ticket.activityType.id)
            ?? ActivityTypeRecord.filter(ActivityTypeRecord.Columns.code == ticket.activityType.code).fetchOne(db)
        let registration =
            type?.registration
            ?? RegistrationType.of(registrationType: nil, billable: ticket.activityType.billable)
        let rule = try PriceRuleRecord.rule(for: registration, in: db)
        guard rule.billsDocument else { return .notBillable }
        if let existing =
            try BillingDocumentRecord
            .filter(BillingDocumentRecord.Columns.ticketID == ticket.ticketID)
            .filter(BillingDocumentRecord.Columns.kind == BillingDocumentRecord.Kind.invoice.rawValue)
            .fetchOne(db)
        {
            return .alreadyBilled(documentID: existing.id)
        }
        var codes = Set(ticket.materials.map { $0.articleCode.trimmingCharacters(in: .whitespaces).uppercased() })
        codes.formUnion((type?.articles ?? []).map { $0.code.trimmingCharacters(in: .whitespaces).uppercased() })
        codes.formUnion([DocumentDrafter.labourCode, DocumentDrafter.travelCode])
        var catalogue: [String: ArticleSnapshot] = [:]
        for article in try ArticleRecord.filter(keys: codes).fetchAll(db) { catalogue[article.code] = article.snapshot }
        let lines = DocumentDrafter.lines(
            for: ticket, typeArticles: type?.articles ?? [], rule: rule, article: { catalogue[$0] })

        var document = BillingDocumentRecord(
            id: documentID, kind: .invoice, number: nil, status: .draft, ticketID: ticket.ticketID,
            ticketNumber: ticket.number, customerID: ticket.customer.id, customerName: ticket.customer.name,
            customerEmail: ticket.customer.email, activityTypeCode: ticket.activityType.code,
            registrationType: registration.rawValue, reportID: ticket.reportID, workedMinutes: ticket.workedMinutes,
            travelMinutes: ticket.travelMinutes ?? 0, creditedDocumentID: nil, taxableCents: 0, vatCents: 0,
            totalCents: 0, closedAt: ticket.closedAt, createdAt: now, issueDate: nil, confirmedAt: nil,
            confirmedBy: nil, exportedAt: nil)
        document.setTotals(lines)
        try document.insert(db)
        for (index, line) in lines.enumerated() {
            try BillingLineRecord(documentID: documentID, position: index + 1, line: line).insert(db)
        }
        try outbox.append(
            BillingDocumentCreated(
                documentID: document.id, number: document.label, status: document.status.rawValue,
                ticketID: ticket.ticketID, ticketNumber: ticket.number, customer: ticket.customer,
                lines: lines.map {
                    BillingLine(
                        description: $0.description, quantity: $0.quantity,
                        unitPriceCents: $0.unitPriceCents, amountCents: $0.amountCents)
                },
                totalCents: document.taxableCents, createdAt: now),
            correlationID: correlationID, in: db)
        return .created(documentID: document.id)
    }

    /// Keeps the activity type's registration and palettes (upsert).
    static func keep(_ snapshot: ActivityTypeSnapshot, in db: Database) throws {
        try ActivityTypeRecord(snapshot).save(db)
    }

    /// Keeps the customer's billing data (upsert).
    static func keep(_ snapshot: CustomerSnapshot, in db: Database) throws {
        try BillingCustomerRecord(snapshot).save(db)
    }

    // MARK: - Reading

    /// Which documents a list shows; nil members do not filter.
    struct Filter: Sendable {
        /// Only the documents of this ticket.
        var ticketID: String?
        /// Only documents in this state.
        var status: BillingDocumentRecord.Status?
        /// Only customers whose name contains this text.
        var customer: String?
        /// Only documents of this activity type.
        var activityTypeCode: String?
        /// Created (drafts) or issued (confirmed) on or after this local day, `yyyy-MM-dd`.
        var from: String?
        /// … and on or before this one.
        var to: String?
        /// At most this many documents (the monthly summary asks for more).
        var limit: Int = 500
    }

    /// Documents, newest first.
    func documents(_ filter: Filter = Filter()) async throws -> [BillingDocumentSummary] {
        let zone = timeZone
        return try await database.read { db in
            var request =
                BillingDocumentRecord
                .order(BillingDocumentRecord.Columns.createdAt.desc, BillingDocumentRecord.Columns.number.desc)
            if let ticketID = filter.ticketID {
                request = request.filter(BillingDocumentRecord.Columns.ticketID == ticketID)
            }
            if let status = filter.status {
                request = request.filter(BillingDocumentRecord.Columns.status == status.rawValue)
            }
            if let code = filter.activityTypeCode {
                request = request.filter(BillingDocumentRecord.Columns.activityTypeCode == code)
            }
            if let customer = filter.customer {
                request = request.filter(BillingDocumentRecord.Columns.customerName.like("%\(customer)%"))
            }
            let documents = try request.fetchAll(db).filter { document in
                let day = document.issueDate ?? LocalDay.string(document.createdAt, in: zone)
                return (filter.from.map { day >= $0 } ?? true) && (filter.to.map { day <= $0 } ?? true)
            }
            return documents.prefix(filter.limit).map(BillingDocumentSummary.init)
        }
    }

    /// One document with its lines, totals per rate and change log.
    func document(id: String) async throws -> BillingDocumentView {
        try await database.read { db in
            guard let view = try BillingDocumentView.load(id, in: db) else { throw BillingError.documentNotFound(id) }
            return view
        }
    }
}

extension BillingStore {
    /// The documents of the service's store, numbered in the company's zone.
    init(context: ServiceContext) {
        self.init(database: context.database, outbox: context.outbox, timeZone: context.configuration.timeZone)
    }
}
