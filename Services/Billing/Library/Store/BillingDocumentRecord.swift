import BillingDomain
import Foundation
import GRDB

/// A billing document: the draft of one closed ticket (at most one invoice per ticket, which is
/// what makes a redelivered close harmless), or a credit note correcting a confirmed one.
struct BillingDocumentRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "billingDocument"

    /// Where the document is in its life: the clerk edits a draft; a confirmed document has its
    /// number and never changes again; an exported one has been handed to accounting.
    enum Status: String, Codable, Sendable, CaseIterable {
        /// Priced from the ticket; the clerk may still edit it. Not a fiscal document.
        case draft
        /// Numbered and frozen.
        case confirmed
        /// Handed to accounting by an export.
        case exported
    }

    /// An invoice bills a ticket; a credit note corrects a confirmed document.
    enum Kind: String, Codable, Sendable {
        /// Bills a closed ticket (at most one per ticket).
        case invoice
        /// Corrects a confirmed invoice.
        case creditNote = "credit-note"

        /// The numbering sequence's prefix: `FAT` (fattura) or `NC` (nota di credito).
        var numberPrefix: String {
            switch self {
            case .invoice: DocumentNumber.invoicePrefix
            case .creditNote: "NC"
            }
        }
    }

    /// The document's own id.
    var id: String
    /// Invoice or credit note.
    var kind: Kind
    /// `FAT/<year>/<counter>`, given at confirmation; nil while a draft.
    var number: String?
    /// Where the document is in its life.
    var status: Status
    /// The billed ticket; nil for a credit note started by hand.
    var ticketID: String?
    /// The ticket's number, printed on the document.
    var ticketNumber: String?
    /// Intake's id of the customer billed.
    var customerID: String
    /// The customer's name when the ticket closed.
    var customerName: String
    /// The customer's email when the ticket closed, if any.
    var customerEmail: String?
    /// The code of the ticket's activity type.
    var activityTypeCode: String?
    /// ``RegistrationType`` raw value the draft was priced with.
    var registrationType: String
    /// The intervention report whose hours and materials were billed.
    var reportID: String?
    /// Minutes worked on the report, billed as labour.
    var workedMinutes: Int
    /// Minutes of travel on the report, billed as travel.
    var travelMinutes: Int
    /// For a credit note, the document it corrects.
    var creditedDocumentID: String?
    /// Sum of the lines' amounts, VAT excluded.
    var taxableCents: Int
    /// VAT of all rates, each computed on its rate's sum.
    var vatCents: Int
    /// Taxable plus VAT.
    var totalCents: Int
    /// When the ticket was closed.
    var closedAt: Date?
    /// When billing drafted it.
    var createdAt: Date
    /// The confirmation's date in the company's zone, `yyyy-MM-dd`.
    var issueDate: String?
    /// When the clerk confirmed it.
    var confirmedAt: Date?
    /// Who confirmed it (their display name).
    var confirmedBy: String?
    /// When it was first exported.
    var exportedAt: Date?

    /// The columns the store's queries name.
    enum Columns {
        static let id = Column(CodingKeys.id)
        static let number = Column(CodingKeys.number)
        static let ticketID = Column(CodingKeys.ticketID)
        static let createdAt = Column(CodingKeys.createdAt)
        static let status = Column(CodingKeys.status)
        static let kind = Column(CodingKeys.kind)
        static let customerName = Column(CodingKeys.customerName)
        static let activityTypeCode = Column(CodingKeys.activityTypeCode)
        static let issueDate = Column(CodingKeys.issueDate)
        static let customerEmail = Column(CodingKeys.customerEmail)
        static let ticketNumber = Column(CodingKeys.ticketNumber)
        static let workedMinutes = Column(CodingKeys.workedMinutes)
        static let travelMinutes = Column(CodingKeys.travelMinutes)
        static let taxableCents = Column(CodingKeys.taxableCents)
        static let vatCents = Column(CodingKeys.vatCents)
        static let totalCents = Column(CodingKeys.totalCents)
        static let closedAt = Column(CodingKeys.closedAt)
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
