import Foundation
import ServiceKit

/// The attachments section of the ticket page: the files with their download links and, for a
/// user who may open tickets, the upload form.
struct TicketAttachmentsSection {
    /// One attachment as the ticket page lists it, with its download link.
    struct Item {
        let url: String
        let name: String
        let size: String
        let contentType: String
        let added: String
        let fromEmail: Bool
    }

    let ticketID: String
    let csrf: String
    let canAttach: Bool
    let items: [Item]
    let hasItems: Bool

    init(ticketID: String, records: [AttachmentRecord], csrf: String, canAttach: Bool, format: LocalTimeFormat) {
        self.ticketID = ticketID
        self.csrf = csrf
        self.canAttach = canAttach
        items = records.map { record in
            Item(url: "/api/tickets/\(ticketID)/attachments/\(record.id)", name: record.fileName,
                 size: AttachmentSize.text(record.byteCount), contentType: record.contentType,
                 added: "\(format.date(record.addedAt)) \(format.time(record.addedAt))", fromEmail: record.source == .email)
        }
        hasItems = !items.isEmpty
    }
}

/// A file size as people read it: `820 B`, `34 KB`, `2.4 MB`.
enum AttachmentSize {
    static func text(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        if bytes < 1_048_576 { return "\((bytes + 1023) / 1024) KB" }
        return String(format: "%.1f MB", Double(bytes) / 1_048_576)
    }
}
