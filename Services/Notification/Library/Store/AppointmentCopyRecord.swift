import Foundation
import GRDB

/// The technician of each appointment as last scheduled or moved.
///
/// `appointment.cancelled.v1` does not carry the operator's name, yet the cancellation email
/// should say whose visit is off; this tiny read model remembers it from the earlier events.
struct AppointmentCopyRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    /// The table the copies live in.
    static let databaseTableName = "appointmentCopy"

    /// The planner's appointment the copy follows.
    var appointmentID: String
    /// The technician named in the cancellation email.
    var operatorName: String
    /// When the planner's last event about the appointment was applied.
    var updatedAt: Date
    /// The `SEQUENCE` of the last calendar invitation sent for it (migration notification.v4-calendar).
    var sequence: Int = 0
}
