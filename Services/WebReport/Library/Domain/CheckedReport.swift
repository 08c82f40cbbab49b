import AriannaProtocol
import Foundation

/// A draft that passed every rule, with its totals computed: what the store writes and the
/// event carries. Only ``ReportRules/check(_:now:timeZone:catalogue:)`` makes one.
struct CheckedReport: Sendable, Equatable {
    /// In start order.
    var sessions: [WorkSession]
    /// The sum of the sessions' minutes.
    var workedMinutes: Int
    /// The sum of the sessions' travel.
    var travelMinutes: Int
    var workDone: String
    var outcome: InterventionOutcome
    /// Non-nil exactly when the outcome is another visit needed.
    var visitNote: String?
    /// Descriptions filled from the catalogue when the technician left them empty.
    var materials: [MaterialLine]
    var signedBy: String?
    /// The signature's PNG bytes, checked by content; only with a signer's name.
    var signaturePNG: [UInt8]?
    var idempotencyKey: String?
}
