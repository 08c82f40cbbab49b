/// An external call-centre system asks intake to open a ticket (topic `arianna.intake.requests`).
///
/// Everything but `requestID` is optional on the wire on purpose: a request missing a field is
/// not a poison message but a business refusal, answered on `arianna.intake.replies` with the
/// reasons, so the caller learns what to fix. `requestID` is the caller's idempotency key: a
/// request sent again with the same id gets the ticket the first one opened.
public struct IntakeRequested: DomainEvent {
    public static let eventType = "intake.request.v1"
    public static let topic = Topic.intakeRequests

    /// The caller's id for this request; also the message key (non-empty).
    public var requestID: String
    /// Name of the calling system, for the ticket's history (e.g. `"callcentre-north"`).
    public var system: String?
    /// Code of the call's activity type, e.g. `"REPAIR"`.
    public var activityTypeCode: String?
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
        public var name: String?
        public var email: String?
        public init(name: String?, email: String?) {
            self.name = name
            self.email = email
        }
    }

    public var aggregateID: String { requestID }

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
    func validate(_ check: inout PayloadCheck) {
        check.nonEmpty(requestID, "requestID")
    }
}
