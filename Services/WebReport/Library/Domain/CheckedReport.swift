package import AriannaProtocol
import Foundation

/// A draft that passed every rule, with its totals computed: what the store writes and the
/// event carries. Only ``ReportRules/check(_:now:timeZone:catalogue:)`` makes one.
package struct CheckedReport: Sendable, Equatable {
    /// In start order.
    package var sessions: [WorkSession]
    /// The sum of the sessions' minutes.
    package var workedMinutes: Int
    /// The sum of the sessions' travel.
    package var travelMinutes: Int
    /// What was done, trimmed.
    package var workDone: String
    /// Completed, or another visit needed.
    package var outcome: InterventionOutcome
    /// Non-nil exactly when the outcome is another visit needed.
    package var visitNote: String?
    /// Descriptions filled from the catalogue when the technician left them empty.
    package var materials: [MaterialLine]
    /// Who signed for the customer, trimmed; nil when nobody did.
    package var signedBy: String?
    /// The signature's PNG bytes, checked by content; only with a signer's name.
    package var signaturePNG: [UInt8]?
    /// The phone's key, trimmed; nil when it sent none.
    package var idempotencyKey: String?
}
