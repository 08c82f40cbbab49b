import AriannaProtocol
import Foundation
import GRDB
import IntakeDomain
import ServiceKit

extension IntakeStore {
    /// Most bytes one attachment may have (the CSRF check reads a form body of up to 10 MiB).
    static let attachmentByteLimit = 8 * 1_048_576
    /// Most attachments one ticket may have.
    static let attachmentCountLimit = 20

    /// The attachments of a ticket, oldest first.
    func attachments(ofTicket ticketID: String) async throws -> [AttachmentRecord] {
        try await database.read { db in
            try AttachmentRecord.filter(AttachmentRecord.Columns.ticketID == ticketID)
                .order(AttachmentRecord.Columns.addedAt, Column.rowID).fetchAll(db)
        }
    }

    /// One attachment of a ticket; nil when the ticket has no such attachment.
    func attachment(_ id: String, ofTicket ticketID: String) async throws -> AttachmentRecord? {
        try await database.read { db in
            try AttachmentRecord.filter(key: id).filter(AttachmentRecord.Columns.ticketID == ticketID).fetchOne(db)
        }
    }

    /// Attaches uploaded files to a ticket, all or none: every file is checked first (size,
    /// content, name), the files are written to `folder`, then the rows and a history line
    /// commit in one transaction; if that fails the files are removed again.
    func attach(
        _ files: [IncomingAttachment], toTicket ticketID: String, addedBy userID: String?, folder: AttachmentFolder
    ) async throws -> [AttachmentRecord] {
        guard !files.isEmpty else { throw AttachmentError.noFile }
        guard files.count <= Self.attachmentCountLimit else {
            throw AttachmentError.tooMany(limit: Self.attachmentCountLimit)
        }
        let checked = try files.map { file throws(AttachmentError) in
            try file.checked(byteLimit: Self.attachmentByteLimit)
        }
        let now = clock.now()
        let records = checked.map { file in
            AttachmentRecord(
                id: ids.next(), ticketID: ticketID, fileName: file.fileName, contentType: file.content.contentType,
                byteCount: file.bytes.count, sha256: file.sha256, source: .upload, addedBy: userID, addedAt: now)
        }
        var written: [String] = []
        do {
            for (record, file) in zip(records, checked) {
                try folder.write(file.bytes, id: record.id)
                written.append(record.id)
            }
            try await database.write { [outbox] db in
                guard try TicketRecord.exists(db, key: ticketID) else { throw IntakeError.ticketNotFound(ticketID) }
                try Self.insert(records, outbox: outbox, in: db)
            }
        } catch {
            folder.remove(written)
            throw error
        }
        return records
    }

    /// Inserts attachment rows, their history line and one `ticket.attachment-added.v1` each (for
    /// web-report's appointment pages) inside the caller's transaction; throws `tooMany` when the
    /// ticket would pass the count limit.
    static func insert(_ records: [AttachmentRecord], outbox: OutboxWriter, in db: Database) throws {
        guard let first = records.first else { return }
        let existing = try AttachmentRecord.filter(AttachmentRecord.Columns.ticketID == first.ticketID).fetchCount(db)
        guard existing + records.count <= attachmentCountLimit else {
            throw AttachmentError.tooMany(limit: attachmentCountLimit)
        }
        for record in records {
            try record.insert(db)
            try outbox.append(
                TicketAttachmentAdded(
                    ticketID: record.ticketID, attachmentID: record.id, fileName: record.fileName,
                    contentType: record.contentType, byteCount: record.byteCount, addedAt: record.addedAt),
                correlationID: record.ticketID, in: db)
        }
        let names = records.map { "\($0.fileName) (\(AttachmentSize.text($0.byteCount)))" }
        try recordHistory(
            first.ticketID, at: first.addedAt, eventType: "attachment.added",
            summary: "Attached \(names.joined(separator: ", "))\(first.source == .email ? " from the email" : "").",
            in: db)
    }
}
