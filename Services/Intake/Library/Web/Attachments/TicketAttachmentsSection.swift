import Foundation
import ServiceKit

/// The attachments section of the ticket page: the files with their download links and, for a
/// user who may open tickets, the upload form.
struct TicketAttachmentsSection {
    /// One attachment as the ticket page lists it, with its download link.
    struct Item {
        /// The download link.
        let url: String
        /// The file's name.
        let name: String
        /// Its size, in words.
        let size: String
        /// The type found from its content.
        let contentType: String
        /// When it was added, in local time.
        let added: String
        /// Whether it came with the email that opened the ticket.
        let fromEmail: Bool
    }

    /// The ticket's id, in the upload form's action.
    let ticketID: String
    /// The CSRF token of the upload form.
    let csrf: String
    /// Whether the user may attach files (`tickets.open`).
    let canAttach: Bool
    /// The ticket's attachments, in the order they were added.
    let items: [Item]
    /// Whether there are any.
    let hasItems: Bool

    /// The section of a ticket's page from its records, times in local time.
    init(ticketID: String, records: [AttachmentRecord], csrf: String, canAttach: Bool, format: LocalTimeFormat) {
        self.ticketID = ticketID
        self.csrf = csrf
        self.canAttach = canAttach
        items = records.map { record in
            Item(
                url: "/api/tickets/\(ticketID)/attachments/\(record.id)", name: record.fileName,
                size: AttachmentSize.text(record.byteCount), contentType: record.contentType,
                added: "\(format.date(record.addedAt)) \(format.time(record.addedAt))",
                fromEmail: record.source == .email)
        }
        hasItems = !items.isEmpty
    }
}

/// A file size as people read it: `820 B`, `34 KB`, `2.4 MB`.
enum AttachmentSize {
    /// A byte count in words: bytes, KB or MB.
    static func text(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        if bytes < 1_048_576 { return "\((bytes + 1023) / 1024) KB" }
        return String(format: "%.1f MB", Double(bytes) / 1_048_576)
    }
}
