import Foundation
import GRDB
import ServiceKit
import AriannaProtocol

/// Billing's store. Creating a document runs inside the consumer's transaction (document, lines,
/// number and outbox row commit with the inbox entry); the API only reads.
struct BillingStore: Sendable {
    let database: ServiceDatabase

    // MARK: - Inside the event's transaction

    /// What ``createDocument(for:documentID:at:timeZone:outbox:correlationID:in:)`` did.
    enum Outcome: Equatable, Sendable {
        /// A new draft with this number.
        case created(documentID: String, number: String)
        /// The ticket already has a document (a duplicate or redelivered close).
        case alreadyBilled(documentID: String)
        /// The ticket's activity type is not billable.
        case notBillable
    }

    /// Bills a closed ticket: one draft document per billable ticket, numbered from the gapless
    /// yearly sequence, priced from the catalogue, announced with `billing.document.created.v1`.
    /// A ticket that already has a document is left alone before a number is taken, so a
    /// redelivery neither duplicates the document nor burns a number.
    static func createDocument(
        for ticket: TicketClosed, documentID: String, at now: Date, timeZone: TimeZone, outbox: OutboxWriter,
        correlationID: String?, in db: Database
    ) throws -> Outcome {
        guard ticket.activityType.billable else { return .notBillable }
        if let existing = try BillingDocumentRecord.filter(BillingDocumentRecord.Columns.ticketID == ticket.ticketID).fetchOne(db) {
            return .alreadyBilled(documentID: existing.id)
        }
        let labour = try ArticleRecord.fetchOne(db, key: ArticleRecord.labourCode).map(Self.price)
            ?? BillingCalculator.Price(
                code: ArticleRecord.labourCode, description: "Labour (per hour)",
                unitPriceCents: BillingCalculator.defaultHourlyRateCents)
        var catalogue: [String: BillingCalculator.Price] = [:]
        let codes = Set(ticket.materials.map { $0.articleCode.trimmingCharacters(in: .whitespaces).uppercased() })
        for article in try ArticleRecord.filter(keys: codes).fetchAll(db) {
            catalogue[article.code] = Self.price(article)
        }
        let lines = BillingCalculator.lines(
            workedMinutes: ticket.workedMinutes, labour: labour,
            materials: ticket.materials.map {
                (code: $0.articleCode.trimmingCharacters(in: .whitespaces), description: $0.description, quantity: $0.quantity)
            },
            price: { catalogue[$0.uppercased()] })
        let total = BillingCalculator.total(of: lines)
        let number = try nextNumber(at: now, timeZone: timeZone, in: db)

        let document = BillingDocumentRecord(
            id: documentID, number: number.description, status: .draft, ticketID: ticket.ticketID,
            ticketNumber: ticket.number, customerID: ticket.customer.id, customerName: ticket.customer.name,
            customerEmail: ticket.customer.email, activityTypeCode: ticket.activityType.code,
            reportID: ticket.reportID, workedMinutes: ticket.workedMinutes, totalCents: total,
            closedAt: ticket.closedAt, createdAt: now)
        try document.insert(db)
        for (index, line) in lines.enumerated() {
            try BillingLineRecord(
                documentID: documentID, position: index + 1, articleCode: line.articleCode,
                description: line.description, quantity: line.quantity, unitPriceCents: line.unitPriceCents,
                amountCents: line.amountCents
            ).insert(db)
        }
        try outbox.append(
            BillingDocumentCreated(
                documentID: document.id, number: document.number, status: document.status.rawValue,
                ticketID: document.ticketID, ticketNumber: document.ticketNumber, customer: ticket.customer,
                lines: lines.map {
                    BillingLine(description: $0.description, quantity: $0.quantity,
                                unitPriceCents: $0.unitPriceCents, amountCents: $0.amountCents)
                },
                totalCents: total, createdAt: now),
            correlationID: correlationID, in: db)
        return .created(documentID: document.id, number: document.number)
    }

    /// The next document number for the year of `date` in the company's zone, gapless: the
    /// counter moves inside the caller's transaction, so a rolled-back document gives its number
    /// back, and SQLite's single writer hands concurrent documents consecutive numbers.
    static func nextNumber(at date: Date, timeZone: TimeZone, in db: Database) throws -> DocumentNumber {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let year = calendar.component(.year, from: date)
        let prefix = DocumentNumber.invoicePrefix
        try db.execute(
            sql: """
                INSERT INTO numberingSequence (prefix, year, lastCounter) VALUES (?, ?, 1)
                ON CONFLICT (prefix, year) DO UPDATE SET lastCounter = lastCounter + 1
                """,
            arguments: [prefix, year])
        let counter = try Int.fetchOne(
            db, sql: "SELECT lastCounter FROM numberingSequence WHERE prefix = ? AND year = ?",
            arguments: [prefix, year]) ?? 1
        return DocumentNumber(prefix: prefix, year: year, counter: counter)
    }

    static func price(_ article: ArticleRecord) -> BillingCalculator.Price {
        BillingCalculator.Price(code: article.code, description: article.description, unitPriceCents: article.unitPriceCents)
    }

    // MARK: - API

    /// Documents, newest first; only the one of `ticketID` when given.
    func documents(ticketID: String? = nil, limit: Int = 500) async throws -> [BillingDocumentSummary] {
        try await database.read { db in
            var request = BillingDocumentRecord
                .order(BillingDocumentRecord.Columns.createdAt.desc, Column("number").desc)
                .limit(limit)
            if let ticketID { request = request.filter(BillingDocumentRecord.Columns.ticketID == ticketID) }
            return try request.fetchAll(db).map(BillingDocumentSummary.init)
        }
    }

    /// One document with its lines.
    func document(id: String) async throws -> BillingDocumentView {
        try await database.read { db in
            guard let view = try BillingDocumentView.load(id, in: db) else { throw BillingError.documentNotFound(id) }
            return view
        }
    }
}
