public import Foundation
public import GRDB

/// A file kept with a ticket (an email's attachment, or one the back office or the call centre
/// added). The bytes live in the `attachments/` folder beside intake's SQLite file, under the
/// record's id; the row says what they are. Both are covered by a backup of the data folder.
public struct AttachmentRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "ticketAttachment"

    /// Where the file came from.
    public enum Source: String, Codable, Sendable {
        case email, upload
    }

    public var id: String
    public var ticketID: String
    /// The sanitised file name shown and offered on download.
    public var fileName: String
    /// The type found from the content (never the one the sender declared).
    public var contentType: String
    public var byteCount: Int
    /// SHA-256 (hex) of the bytes, to check the stored file and spot a duplicate.
    public var sha256: String
    public var source: Source
    /// The user who uploaded it; nil for an email's attachment.
    public var addedBy: String?
    public var addedAt: Date

    /// The columns queries filter and sort on.
    public enum Columns {
        public static let ticketID = Column("ticketID")
        public static let addedAt = Column("addedAt")
    }
}
