public import Foundation

/// Intake's answer to an `intake.request.v1` (topic `arianna.intake.replies`, key = the request id):
/// accepted with the ticket's id and number, or rejected with every reason.
public struct IntakeReplied: DomainEvent {
    /// The CloudEvents `type` of this payload.
    public static let eventType = "intake.reply.v1"
    /// Published on this topic.
    public static let topic = Topic.intakeReplies

    /// Whether intake opened a ticket for the request.
    public enum Status: String, Codable, Sendable, CaseIterable {
        /// Intake opened the ticket (or had opened it for the same request id).
        case accepted
        /// The request cannot become a ticket; `reasons` says what to fix.
        case rejected
    }

    /// The `requestID` of the request answered (non-empty).
    public var requestID: String
    /// Accepted (a ticket exists) or rejected (`reasons` says why).
    public var status: Status
    /// The ticket opened (or opened earlier for the same request id); absent when rejected.
    public var ticketID: String?
    /// Its number, e.g. `"TCK/2026/000123"`; absent when rejected.
    public var ticketNumber: String?
    /// Why the request was rejected, one sentence each; empty when accepted.
    public var reasons: [String]
    /// When intake answered.
    public var repliedAt: Date

    /// Key: the request id, so a reply follows its request's partition order.
    public var aggregateID: String { requestID }

    /// Memberwise; rules are checked when the event is decoded, not here.
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
    /// An accepted request carries the ticket it opened; a rejected one carries at least one reason for
    /// the caller.
    func validate(_ check: inout PayloadCheck) {
        check.nonEmpty(requestID, "requestID")
        check.nonEmptyIfPresent(ticketID, "ticketID")
        check.require(status == .rejected || ticketID != nil, "ticketID is required when accepted")
        check.require(status == .accepted || !reasons.isEmpty, "reasons must not be empty when rejected")
    }
}
