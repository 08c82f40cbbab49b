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
        /// The `id` column: the document's own id, selected alone where only ids are needed (the benchmark's).
        static let id = Column(CodingKeys.id)
        /// The `number` column: `FAT/<year>/<counter>` once confirmed, null on a draft; the exports' order.
        static let number = Column(CodingKeys.number)
        /// The `ticketID` column: the billed ticket, which finds a ticket's invoice (at most one).
        static let ticketID = Column(CodingKeys.ticketID)
        /// The `createdAt` column: when billing drafted the document, the list's order and the spreadsheet's period.
        static let createdAt = Column(CodingKeys.createdAt)
        /// The `status` column: draft, confirmed or exported; the list filters on it, accounting's export skips drafts.
        static let status = Column(CodingKeys.status)
        /// The `kind` column: invoice or credit note; finds a ticket's invoice, and the export prints it.
        static let kind = Column(CodingKeys.kind)
        /// The `customerName` column: the billed customer's name, which the list filters by and the export prints.
        static let customerName = Column(CodingKeys.customerName)
        /// The `activityTypeCode` column: the ticket's activity type, which the list filters by and the export prints.
        static let activityTypeCode = Column(CodingKeys.activityTypeCode)
        /// The `issueDate` column: the confirmation's local day, `yyyy-MM-dd`, accounting's export period.
        static let issueDate = Column(CodingKeys.issueDate)
        /// The `customerEmail` column: the customer's email when the ticket closed, for the export.
        static let customerEmail = Column(CodingKeys.customerEmail)
        /// The `ticketNumber` column: the billed ticket's number, for the export.
        static let ticketNumber = Column(CodingKeys.ticketNumber)
        /// The `workedMinutes` column: the report's minutes billed as labour, for the export.
        static let workedMinutes = Column(CodingKeys.workedMinutes)
        /// The `travelMinutes` column: the report's minutes billed as travel, for the export.
        static let travelMinutes = Column(CodingKeys.travelMinutes)
        /// The `taxableCents` column: the document's amount before VAT, in cents, for the export.
        static let taxableCents = Column(CodingKeys.taxableCents)
        /// The `vatCents` column: the document's VAT, in cents, for the export.
        static let vatCents = Column(CodingKeys.vatCents)
        /// The `totalCents` column: what the customer pays, in cents, for the export.
        static let totalCents = Column(CodingKeys.totalCents)
        /// The `closedAt` column: when the billed ticket was closed, for the export.
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
