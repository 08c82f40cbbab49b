import Foundation
import GRDB

/// A billing document: the draft of one closed ticket (at most one invoice per ticket, which is
/// what makes a redelivered close harmless), or a credit note correcting a confirmed one.
struct BillingDocumentRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "billingDocument"

    /// Where the document is in its life: the clerk edits a draft; a confirmed document has its
    /// number and never changes again; an exported one has been handed to accounting.
    enum Status: String, Codable, Sendable, CaseIterable {
        case draft
        case confirmed
        case exported
    }

    /// An invoice bills a ticket; a credit note corrects a confirmed document.
    enum Kind: String, Codable, Sendable {
        case invoice
        case creditNote = "credit-note"

        /// The numbering sequence's prefix: `FAT` (fattura) or `NC` (nota di credito).
        var numberPrefix: String {
            switch self {
            case .invoice: DocumentNumber.invoicePrefix
            case .creditNote: "NC"
            }
        }
    }

    var id: String
    var kind: Kind
    /// `FAT/<year>/<counter>`, given at confirmation; nil while a draft.
    var number: String?
    var status: Status
    var ticketID: String?
    var ticketNumber: String?
    var customerID: String
    var customerName: String
    var customerEmail: String?
    var activityTypeCode: String?
    /// ``RegistrationType`` raw value the draft was priced with.
    var registrationType: String
    var reportID: String?
    var workedMinutes: Int
    var travelMinutes: Int
    /// For a credit note, the document it corrects.
    var creditedDocumentID: String?
    /// Sum of the lines' amounts, VAT excluded.
    var taxableCents: Int
    var vatCents: Int
    var totalCents: Int
    /// When the ticket was closed.
    var closedAt: Date?
    var createdAt: Date
    /// The confirmation's date in the company's zone, `yyyy-MM-dd`.
    var issueDate: String?
    var confirmedAt: Date?
    var confirmedBy: String?
    var exportedAt: Date?

    enum Columns {
        static let ticketID = Column(CodingKeys.ticketID)
        static let createdAt = Column(CodingKeys.createdAt)
        static let status = Column(CodingKeys.status)
        static let kind = Column(CodingKeys.kind)
        static let customerName = Column(CodingKeys.customerName)
        static let activityTypeCode = Column(CodingKeys.activityTypeCode)
        static let issueDate = Column(CodingKeys.issueDate)
    }

    /// The number, or `BOZZA/<ticket number>` for a draft (not a fiscal number).
    var label: String {
        number ?? "BOZZA/\(ticketNumber ?? id)"
    }

    /// Sets the three totals from `lines`.
    mutating func setTotals(_ lines: [DocumentLine]) {
        let totals = DocumentTotals(lines: lines)
        taxableCents = totals.taxableCents
        vatCents = totals.vatCents
        totalCents = totals.totalCents
    }
}
