import Foundation
import GRDB

/// An email the channel has dealt with, keyed by its `Message-ID` (or a hash of the file): a
/// message delivered twice, or found again after a crash before it was moved, is recognised
/// and only moved, never opened twice.
struct MailMessageRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    /// The SQLite table of emails the channel has dealt with.
    static let databaseTableName = "mailMessage"
    /// `email:<Message-ID>`, or a hash of the message when it has none.
    var messageKey: String
    /// When the channel read it.
    var receivedAt: Date
    /// The sender's address, when the message had a usable one.
    var sender: String?
    /// What became of it: "opened", "opened: new customer" or "rejected: <reason>".
    var outcome: String
    /// The ticket it opened; nil when it was rejected.
    var ticketID: String?
}
