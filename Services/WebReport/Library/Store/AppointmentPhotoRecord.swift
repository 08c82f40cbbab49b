import Foundation
import GRDB
import WebReportDomain

/// A photo of an intervention (R18), uploaded from the phone while its report is open and part
/// of the report (page and PDF) once it is filed.
struct AppointmentPhotoRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "appointmentPhoto"

    /// The photo's own id, in its URL.
    var id: String
    /// The intervention the photo documents.
    var appointmentID: String
    /// `image/jpeg` or `image/png`, as ``PhotoRules`` recognised the bytes.
    var contentType: String
    /// The image as uploaded.
    var bytes: Data
    /// When it was uploaded: the photos' order on the page and in the PDF.
    var uploadedAt: Date

    /// The columns the photos' queries name.
    enum Columns {
        /// The `id` column: the photo's own id, which the list reads and orders photos of the same instant by.
        static let id = Column(CodingKeys.id)
        /// The `appointmentID` column: the intervention whose photos are listed, counted or put in the PDF.
        static let appointmentID = Column(CodingKeys.appointmentID)
        /// The `uploadedAt` column: when the photo was uploaded, its order on the page and in the PDF.
        static let uploadedAt = Column(CodingKeys.uploadedAt)
    }
}
