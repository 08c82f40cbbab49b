import Foundation
import GRDB

/// A billing document (a draft invoice) for one closed billable ticket; at most one per ticket
/// (`UNIQUE ticketID`), which is what makes a redelivered close harmless.
struct BillingDocumentRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "billingDocument"

    /// Where the document is in its life; only drafts exist until invoicing is built.
    enum Status: String, Codable, Sendable {
        case draft
    }

    var id: String
    /// `FAT/<year>/<counter>`, gapless per year.
    var number: String
    var status: Status
    var ticketID: String
    var ticketNumber: String
    var customerID: String
    var customerName: String
    var customerEmail: String?
    var activityTypeCode: String
    var reportID: String?
    var workedMinutes: Int
    /// The sum of the lines' amounts.
    var totalCents: Int
    /// When the ticket was closed.
    var closedAt: Date
    var createdAt: Date

    enum Columns {
        static let ticketID = Column(CodingKeys.ticketID)
        static let createdAt = Column(CodingKeys.createdAt)
    }
}
