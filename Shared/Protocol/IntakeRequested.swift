/// An external call-centre system asks intake to open a ticket (topic `arianna.intake.requests`).
///
/// Everything but `requestID` is optional on the wire on purpose: a request missing a field is
/// not a poison message but a business refusal, answered on `arianna.intake.replies` with the
/// reasons, so the caller learns what to fix. `requestID` is the caller's idempotency key: a
/// request sent again with the same id gets the ticket the first one opened.
public struct IntakeRequested: DomainEvent {
    /// The CloudEvents `type` of this payload.
    public static let eventType = "intake.request.v1"
    /// Published on this topic.
    public static let topic = Topic.intakeRequests

    /// The caller's id for this request; also the message key (non-empty).
    public var requestID: String
    /// Name of the calling system, for the ticket's history (e.g. `"callcentre-north"`).
    public var system: String?
    /// Code of the call's activity type, e.g. `"REPAIR"`.
    public var activityTypeCode: String?
    /// Who called; intake matches them to a known customer or creates one.
    public var customer: Customer?
    /// Zone of the customer's site.
    public var siteZone: String?
    /// What the customer reported.
    public var description: String?
    /// Values of the custom fields the activity type's layout asks for, by field key
    /// (e.g. `{"appliance": "Oven"}`); absent when the type has none.
    public var customFields: [String: String]?

    /// The caller's view of the customer; intake matches it to a known customer by email, else by name.
    public struct Customer: Codable, Sendable, Equatable {
        /// The customer's name as the caller knows it.
        public var name: String?
        /// The customer's email, matched first and ignoring case.
        public var email: String?
        /// Memberwise.
        public init(name: String?, email: String?) {
            self.name = name
            self.email = email
        }
    }

    /// Key: the request id, the caller's idempotency key.
    public var aggregateID: String { requestID }

    /// Memberwise; a missing field is refused when intake handles the request, not here.
    public init(
        requestID: String, system: String?, activityTypeCode: String?, customer: Customer?,
        siteZone: String?, description: String?, customFields: [String: String]? = nil
    ) {
        self.requestID = requestID
        self.system = system
        self.activityTypeCode = activityTypeCode
        self.customer = customer
        self.siteZone = siteZone
        self.description = description
        self.customFields = customFields
    }
}

extension IntakeRequested: PayloadValidating {
    /// Only the caller's request id is required: every other gap is a business refusal answered on
    /// `arianna.intake.replies`, not a poison message.
    func validate(_ check: inout PayloadCheck) {
        check.nonEmpty(requestID, "requestID")
    }
}
