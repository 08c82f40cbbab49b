import AriannaProtocol
import BillingDomain
import Foundation
import GRDB
import ServiceKit

/// The clerk's work on documents: edit a draft's lines (each change recorded with who and when),
/// confirm (number now, immutable afterwards, `billing.document.confirmed.v1`), correct a
/// confirmed document with a credit note, export a period. Each is one transaction: a refusal
/// writes nothing.
extension BillingStore {
    /// Changes line `position` of draft `documentID` and records every changed field.
    func editLine(documentID: String, position: Int, edit: LineEdit, by user: String, at now: Date) async throws
        -> BillingDocumentView
    {
        try await database.write { db in
            var document = try Self.draft(documentID, in: db)
            let records = try BillingLineRecord.lines(of: documentID, in: db)
            guard let record = records.first(where: { $0.position == position }) else {
                throw BillingError.notFound(
                    kind: Wording(it: "la riga", en: "line"), id: "\(document.label) #\(position)")
            }
            let (edited, changes) = try edit.applied(to: record.line)
            try BillingLineRecord(documentID: documentID, position: position, line: edited).update(db)
            for change in changes {
                try BillingLineChangeRecord(
                    documentID: documentID, position: position, field: change.field, oldValue: change.oldValue,
                    newValue: change.newValue, changedBy: user, changedAt: now
                ).insert(db)
            }
            document.setTotals(records.map { $0.position == position ? edited : $0.line })
            try document.update(db)
            return try BillingDocumentView.load(documentID, in: db)!
        }
    }

    /// Confirms draft `documentID`: takes the next number of its sequence for the year of `now`
    /// in the company's zone, freezes it and publishes the whole document. Refused while a line
    /// still needs a price or the document has no line.
    func confirm(documentID: String, by user: String, at now: Date, correlationID: String? = nil) async throws
        -> BillingDocumentView
    {
        let zone = timeZone
        let outbox = self.outbox
        return try await database.write { db in
            var document = try Self.draft(documentID, in: db)
            let lines = try BillingLineRecord.lines(of: documentID, in: db)
            var problems = BillingProblems()
            problems.require(
                !lines.isEmpty, "lines",
                Wording(
                    it: "Un documento senza righe non si può confermare.",
                    en: "A document without lines cannot be confirmed."))
            for line in lines where line.needsPrice {
                problems.add(
                    "lines[\(line.position)].price",
                    Wording(
                        it:
                            "Riga \(line.position) (\(line.articleCode ?? line.description)): articolo sconosciuto al catalogo, indica il prezzo prima di confermare.",
                        en:
                            "Line \(line.position) (\(line.articleCode ?? line.description)): the catalogue does not know this article; set its price before confirming."
                    ))
            }
            try problems.throwIfAny()
            let number = try NumberingSequence.next(prefix: document.kind.numberPrefix, at: now, timeZone: zone, in: db)
            document.number = number.description
            document.status = .confirmed
            document.issueDate = LocalDay.string(now, in: zone)
            document.confirmedAt = now
            document.confirmedBy = user
            document.setTotals(lines.map(\.line))
            try document.update(db)
            try outbox.append(
                try Self.confirmedEvent(document, lines: lines, in: db), correlationID: correlationID, in: db)
            return try BillingDocumentView.load(documentID, in: db)!
        }
    }

    /// Starts a credit note for confirmed document `documentID`: a draft with the same lines,
    /// which the clerk trims to what is credited and confirms (numbered `NC/<year>/…`).
    func startCreditNote(for documentID: String, newID: String, at now: Date) async throws -> BillingDocumentView {
        try await database.write { db in
            guard let original = try BillingDocumentRecord.fetchOne(db, key: documentID) else {
                throw BillingError.documentNotFound(documentID)
            }
            guard original.status != .draft, original.kind == .invoice else {
                throw BillingError.conflict(
                    Wording(
                        it: "Solo una fattura confermata si corregge con una nota di credito; una bozza si modifica.",
                        en: "Only a confirmed invoice is corrected with a credit note; a draft is edited."))
            }
            var note = original
            note.id = newID
            note.kind = .creditNote
            note.number = nil
            note.status = .draft
            note.creditedDocumentID = original.id
            note.createdAt = now
            note.issueDate = nil
            note.confirmedAt = nil
            note.confirmedBy = nil
            note.exportedAt = nil
            try note.insert(db)
            for line in try BillingLineRecord.lines(of: documentID, in: db) {
                var copy = line
                copy.documentID = newID
                try copy.insert(db)
            }
            return try BillingDocumentView.load(newID, in: db)!
        }
    }

    /// The confirmed documents issued from `from` to `to` (local days, inclusive), marked
    /// exported; documents exported before are included again but keep their first export time.
    func export(from: String, to: String, at now: Date) async throws -> [BillingDocumentView] {
        var problems = BillingProblems()
        problems.require(
            LocalDay.isDay(from) && LocalDay.isDay(to) && from <= to, "from",
            Wording(
                it: "Indica il periodo come due date AAAA-MM-GG, la prima non dopo la seconda.",
                en: "Give the period as two dates YYYY-MM-DD, the first not after the second."))
        try problems.throwIfAny()
        return try await database.write { db in
            let documents =
                try BillingDocumentRecord
                .filter(BillingDocumentRecord.Columns.status != BillingDocumentRecord.Status.draft.rawValue)
                .filter(
                    BillingDocumentRecord.Columns.issueDate >= from && BillingDocumentRecord.Columns.issueDate <= to
                )
                .order(BillingDocumentRecord.Columns.number)
                .fetchAll(db)
            var views: [BillingDocumentView] = []
            for var document in documents {
                if document.status == .confirmed {
                    document.status = .exported
                    document.exportedAt = now
                    try document.update(db)
                }
                if let view = try BillingDocumentView.load(document.id, in: db) { views.append(view) }
            }
            return views
        }
    }

    /// The change log of `documentID`, oldest first.
    func changes(documentID: String) async throws -> [BillingLineChangeRecord] {
        try await database.read { db in
            try BillingLineChangeRecord.filter(BillingLineChangeRecord.Columns.documentID == documentID)
                .order(BillingLineChangeRecord.Columns.changedAt, Column.rowID).fetchAll(db)
        }
    }

    /// Draft `id`, or a refusal: unknown (404) or no longer a draft (409).
    static func draft(_ id: String, in db: Database) throws -> BillingDocumentRecord {
        guard let document = try BillingDocumentRecord.fetchOne(db, key: id) else {
            throw BillingError.documentNotFound(id)
        }
        guard document.status == .draft else {
            throw BillingError.conflict(
                Wording(
                    it:
                        "Il documento \(document.label) è confermato e non si può più modificare: correggilo con una nota di credito.",
                    en:
                        "Document \(document.label) is confirmed and can no longer change: correct it with a credit note."
                ))
        }
        return document
    }

    /// `billing.document.confirmed.v1` for a confirmed `document`.
    static func confirmedEvent(
        _ document: BillingDocumentRecord, lines: [BillingLineRecord], in db: Database
    ) throws -> BillingDocumentConfirmed {
        let customer = try BillingCustomerRecord.fetchOne(db, key: document.customerID)
        let totals = DocumentTotals(lines: lines.map(\.line))
        return BillingDocumentConfirmed(
            documentID: document.id, number: document.number ?? "", kind: document.kind.rawValue,
            creditedDocumentID: document.creditedDocumentID, issueDate: document.issueDate ?? "",
            ticketID: document.ticketID, ticketNumber: document.ticketNumber,
            activityTypeCode: document.activityTypeCode,
            customer: CustomerRef(id: document.customerID, name: document.customerName, email: document.customerEmail),
            customerVATNumber: customer?.vatNumber, customerFiscalCode: customer?.fiscalCode,
            customerAddress: customer?.address,
            lines: lines.map {
                .init(
                    position: $0.position, articleCode: $0.articleCode, description: $0.description, unit: $0.unit,
                    quantity: $0.quantity, unitPriceCents: $0.unitPriceCents, discountPercent: $0.discountPercent,
                    vatRatePercent: $0.vatRatePercent, amountCents: $0.amountCents)
            },
            vatTotals: totals.rates.map {
                .init(vatRatePercent: $0.vatRatePercent, taxableCents: $0.taxableCents, vatCents: $0.vatCents)
            },
            taxableCents: totals.taxableCents, vatCents: totals.vatCents, totalCents: totals.totalCents,
            confirmedAt: document.confirmedAt ?? Date(), confirmedBy: document.confirmedBy ?? "")
    }
}
