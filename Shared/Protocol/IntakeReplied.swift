public import Foundation

/// Intake's answer to an `intake.request.v1` (topic `arianna.intake.replies`, key = the request id):
/// accepted with the ticket's id and number, or rejected with every reason.
public struct IntakeReplied: DomainEvent {
    public static let eventType = "intake.reply.v1"
    public static let topic = Topic.intakeReplies

    public enum Status: String, Codable, Sendable, CaseIterable {
        case accepted, rejected
    }

    /// The `requestID` of the request answered (non-empty).
    public var requestID: String
    public var status: Status
    /// The ticket opened (or opened earlier for the same request id); absent when rejected.
    public var ticketID: String?
    /// Its number, e.g. `"TCK/2026/000123"`; absent when rejected.
    public var ticketNumber: String?
    /// Why the request was rejected, one sentence each; empty when accepted.
    public var reasons: [String]
    public var repliedAt: Date

    public var aggregateID: String { requestID }

    public init(
        requestID: String, status: Status, ticketID: String?, ticketNumber: String?, reasons: [String],
        repliedAt: Date
    ) {
        self.requestID = requestID
        self.status = status
        self.ticketID = ticketID
        self.ticketNumber = ticketNumber
        self.reasons = reasons
        self.repliedAt = repliedAt
    }
}

extension IntakeReplied: PayloadValidating {
    func validate(_ check: inout PayloadCheck) {
        check.nonEmpty(requestID, "requestID")
        check.nonEmptyIfPresent(ticketID, "ticketID")
        check.require(status == .rejected || ticketID != nil, "ticketID is required when accepted")
        check.require(status == .accepted || !reasons.isEmpty, "reasons must not be empty when rejected")
    }
}
