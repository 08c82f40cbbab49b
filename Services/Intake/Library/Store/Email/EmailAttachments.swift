import Foundation
import GRDB
import IntakeDomain
import ServiceKit

/// The files of one email, checked before its ticket is opened: the accepted ones with the
/// rows to record, and why the others were left out (a program named `.pdf`, a file over the
/// size limit, files past the count limit). The ticket still opens when a file is refused.
struct EmailAttachments: Sendable {
    /// A file that passed the checks, with the attachment id it will be recorded under.
    struct Accepted: Sendable {
        /// The id the attachment is recorded and stored under.
        let id: String
        /// The checked file: its safe name, content type, bytes and hash.
        let file: IncomingAttachment.Checked
    }

    /// The files that will be attached to the ticket.
    let accepted: [Accepted]
    /// Why the other files were left out, for the ticket's history.
    let refusals: [AttachmentError]
    /// When the files were received.
    let addedAt: Date

    /// Checks an email's files against the size and count limits; a refused file is noted, not
    /// fatal.
    init(_ files: [IncomingAttachment], ids: IDGenerator, at now: Date) {
        var accepted: [Accepted] = []
        var refusals: [AttachmentError] = []
        for file in files {
            guard accepted.count < IntakeStore.attachmentCountLimit else {
                refusals.append(.tooMany(limit: IntakeStore.attachmentCountLimit))
                break
            }
            do {
                accepted.append(
                    Accepted(id: ids.next(), file: try file.checked(byteLimit: IntakeStore.attachmentByteLimit)))
            } catch {
                refusals.append(error)
            }
        }
        self.accepted = accepted
        self.refusals = refusals
        self.addedAt = now
    }

    /// Writes the accepted files; on a failure removes those already written, and throws.
    func write(to folder: AttachmentFolder) throws {
        var written: [String] = []
        do {
            for item in accepted {
                try folder.write(item.file.bytes, id: item.id)
                written.append(item.id)
            }
        } catch {
            folder.remove(written)
            throw error
        }
    }

    /// Deletes the written files again, when the ticket was not opened.
    func remove(from folder: AttachmentFolder) {
        folder.remove(accepted.map(\.id))
    }

    /// The rows of the accepted files and a history line per refused one, in the caller's transaction.
    func record(onTicket ticketID: String, outbox: OutboxWriter, in db: Database) throws {
        try IntakeStore.insert(
            accepted.map { item in
                AttachmentRecord(
                    id: item.id, ticketID: ticketID, fileName: item.file.fileName,
                    contentType: item.file.content.contentType, byteCount: item.file.bytes.count,
                    sha256: item.file.sha256, source: .email, addedBy: nil, addedAt: addedAt)
            }, outbox: outbox, in: db)
        for refusal in refusals {
            try IntakeStore.recordHistory(
                ticketID, at: addedAt, eventType: "attachment.refused",
                summary: "Email attachment left out: \(refusal.message(.en))", in: db)
        }
    }
}
