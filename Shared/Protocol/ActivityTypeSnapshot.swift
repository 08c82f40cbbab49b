/// The full current state of an activity type, published by intake whenever it changes.
///
/// A snapshot, not a delta: consumers upsert it into their read model, and a compacted topic
/// keeps the latest one per key.
public struct ActivityTypeSnapshot: DomainEvent {
    /// The CloudEvents `type` of this payload.
    public static let eventType = "setup.activity-type.v1"
    /// Published on this topic.
    public static let topic = Topic.setup

    /// Intake's activity type id (non-empty).
    public var activityTypeID: String
    /// Short code, e.g. `"MAINT"` (non-empty).
    public var code: String
    /// Display name.
    public var name: String
    /// Decides how work of this type is planned.
    public var macroType: ActivityMacroType
    /// Default appointment length in minutes (zero or more).
    public var expectedDurationMinutes: Int
    /// Whether closing work of this type leads to a billing document.
    public var billable: Bool
    /// CSS hex colour for the planner, `#rgb` or `#rrggbb` (checked: it ends up in pages).
    public var colour: String
    /// `false` once retired; consumers keep it for history but offer it no more.
    public var active: Bool

    // Added after v1 shipped, all optional: an older producer omits them and consumers must cope.
    /// The practice (R4) the type belongs to.
    public var practiceID: String?
    /// Prefix of the numbering sequence of its deadlines, e.g. `TCK`.
    public var numberingPrefix: String?
    /// Creating a deadline of this type notifies the operator in charge.
    public var notifyAssignee: Bool?
    /// How work of the type is registered for billing (`billable` says the same in short).
    public var registrationType: RegistrationType?
    /// The custom fields its form shows.
    public var layout: [LayoutField]?
    /// Articles billed automatically when paid work of the type is closed.
    public var billingArticles: [BillingArticle]?
    /// The production order created with each of its deadlines.
    public var productionOrder: ProductionOrder?
    /// Automatic follow-up deadlines.
    public var followUpRules: [FollowUpRule]?

    /// Key: `"activity-type:<activityTypeID>"`, so activity types and operators share the setup topic
    /// without their ids colliding.
    public var aggregateID: String { "activity-type:\(activityTypeID)" }

    /// Memberwise; rules are checked when the event is decoded, not here.
    public init(
        activityTypeID: String, code: String, name: String, macroType: ActivityMacroType,
        expectedDurationMinutes: Int, billable: Bool, colour: String, active: Bool,
        practiceID: String? = nil, numberingPrefix: String? = nil, notifyAssignee: Bool? = nil,
        registrationType: RegistrationType? = nil, layout: [LayoutField]? = nil,
        billingArticles: [BillingArticle]? = nil,
        productionOrder: ProductionOrder? = nil, followUpRules: [FollowUpRule]? = nil
    ) {
        self.activityTypeID = activityTypeID
        self.code = code
        self.name = name
        self.macroType = macroType
        self.expectedDurationMinutes = expectedDurationMinutes
        self.billable = billable
        self.colour = colour
        self.active = active
        self.practiceID = practiceID
        self.numberingPrefix = numberingPrefix
        self.notifyAssignee = notifyAssignee
        self.registrationType = registrationType
        self.layout = layout
        self.billingArticles = billingArticles
        self.productionOrder = productionOrder
        self.followUpRules = followUpRules
    }
}

extension ActivityTypeSnapshot: PayloadValidating {
    /// The type's palettes as consumers read them: a `#rgb`/`#rrggbb` colour, well-formed billing
    /// articles and production order, follow-up counts from 1 to 120.
    func validate(_ check: inout PayloadCheck) {
        check.nonEmpty(activityTypeID, "activityTypeID")
        check.nonEmpty(code, "code")
        check.nonNegative(expectedDurationMinutes, "expectedDurationMinutes")
        check.require(Self.isHexColour(colour), "colour must be #rgb or #rrggbb")
        check.nonEmptyIfPresent(practiceID, "practiceID")
        check.each(billingArticles ?? [], "billingArticles")
        if let productionOrder { check.nested(productionOrder, "productionOrder") }
        for (index, rule) in (followUpRules ?? []).enumerated() {
            check.require(
                (1...120).contains(rule.recurrence.count), "followUpRules[\(index)].count must be from 1 to 120")
        }
    }

    /// `#rgb` or `#rrggbb`: colours end up in pages, so nothing else gets through.
    static func isHexColour(_ text: String) -> Bool {
        let utf8 = Array(text.utf8)
        guard utf8.first == UInt8(ascii: "#"), utf8.count == 4 || utf8.count == 7 else { return false }
        return utf8.dropFirst().allSatisfy { byte in
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
        }
    }
}
