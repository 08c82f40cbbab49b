import Foundation
import GRDB
import WebReportDomain

/// The customer's signature drawn on the technician's phone, kept with the report it signs
/// (at most one) and shown on the report's page and PDF.
struct ReportSignatureRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "reportSignature"

    /// The signed report.
    var reportID: String
    /// The PNG as the phone's canvas drew it, checked by ``SignatureImage``.
    var png: Data
}
