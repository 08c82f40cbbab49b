public import Foundation
public import GRDB

/// A file kept with a ticket (an email's attachment, or one the back office or the call centre
/// added). The bytes live in the `attachments/` folder beside intake's SQLite file, under the
/// record's id; the row says what they are. Both are covered by a backup of the data folder.
public struct AttachmentRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    /// The SQLite table of tickets' attachments.
    public static let databaseTableName = "ticketAttachment"

    /// Where the file came from.
    public enum Source: String, Codable, Sendable {
        /// With the email that opened the ticket, or uploaded from a page or the API.
        case email, upload
    }

    /// The attachment's id, also the name of its file on disk.
    public var id: String
    /// The ticket the file belongs to.
    public var ticketID: String
    /// The sanitised file name shown and offered on download.
    public var fileName: String
    /// The type found from the content (never the one the sender declared).
    public var contentType: String
    /// The file's size.
    public var byteCount: Int
    /// SHA-256 (hex) of the bytes, to check the stored file and spot a duplicate.
    public var sha256: String
    /// Whether it came with the email that opened the ticket or was uploaded.
    public var source: Source
    /// The user who uploaded it; nil for an email's attachment.
    public var addedBy: String?
    /// When it was attached.
    public var addedAt: Date

    /// The columns queries filter and sort on.
    public enum Columns {
        /// A ticket's attachments are read by it.
        public static let ticketID = Column("ticketID")
        /// Attachments are listed in the order they were added.
        public static let addedAt = Column("addedAt")
    }
}
