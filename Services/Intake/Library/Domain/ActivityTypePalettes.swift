/// A custom field an activity type's form shows (R5 general palette, "layout").
public struct LayoutField: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable, CaseIterable { case text, number, date, boolean, choice }
    /// Machine name, used as the key in a ticket's `customFields` (letters, digits, `_`).
    public var key: String
    /// What the form shows next to the field.
    public var label: String
    public var kind: Kind
    public var required: Bool
    /// The allowed values of a `choice` field; empty otherwise.
    public var choices: [String]

    public init(key: String, label: String, kind: Kind, required: Bool, choices: [String] = []) {
        self.key = key
        self.label = label
        self.kind = kind
        self.required = required
        self.choices = choices
    }
    private enum CodingKeys: String, CodingKey { case key, label, kind, required, choices }

    /// `required` defaults to false and `choices` to none, so a client may leave them out.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.key = try container.decode(String.self, forKey: .key)
        self.label = try container.decode(String.self, forKey: .label)
        self.kind = try container.decode(Kind.self, forKey: .kind)
        self.required = try container.decodeIfPresent(Bool.self, forKey: .required) ?? false
        self.choices = try container.decodeIfPresent([String].self, forKey: .choices) ?? []
    }
}

/// How work of a type is registered for billing (R5 billing palette).
public enum RegistrationType: String, Codable, Sendable, CaseIterable {
    case billable, notBillable, underContract, warranty

    /// Whether closing work of this registration type leads to a billing document.
    public var isBillable: Bool { self == .billable }
}

/// An article billed automatically when paid work of a type is closed.
public struct BillingArticle: Codable, Sendable, Equatable {
    public var code: String
    public var description: String
    public var quantity: Double
    public var unitPriceCents: Int

    public init(code: String, description: String, quantity: Double, unitPriceCents: Int) {
        self.code = code
        self.description = description
        self.quantity = quantity
        self.unitPriceCents = unitPriceCents
    }
}

/// R5 advanced palette: the production order created with every deadline of the type.
public struct ProductionOrderSetting: Codable, Sendable, Equatable {
    public var documentType: String
    public var articleCode: String
    public var quantity: Double

    public init(documentType: String, articleCode: String, quantity: Double) {
        self.documentType = documentType
        self.articleCode = articleCode
        self.quantity = quantity
    }
}

/// R5 advanced palette: an automatic follow-up deadline.
public struct FollowUpRule: Codable, Sendable, Equatable {
    /// What fires the rule.
    public enum Trigger: String, Codable, Sendable, CaseIterable {
        /// A deadline of the type is opened.
        case onOpen
        /// An activity (intervention) of the type is closed.
        case onClose
        /// The deadline itself is closed.
        case onDeadlineClose
    }

    /// The date the recurrence is added to.
    public enum BaseDate: String, Codable, Sendable, CaseIterable {
        /// The old deadline's date (its due date, or when it was opened if it had none).
        case deadlineDate
        /// When the activity was closed (or opened, for `onOpen`).
        case closingDate
    }

    /// A calendar step: every `count` days, weeks or months.
    public struct Recurrence: Codable, Sendable, Equatable {
        public enum Unit: String, Codable, Sendable, CaseIterable { case days, weeks, months }
        public var count: Int
        public var unit: Unit

        public init(count: Int, unit: Unit) {
            self.count = count
            self.unit = unit
        }
    }

    public var trigger: Trigger
    /// Code of the activity type the follow-up deadline gets.
    public var targetActivityTypeCode: String
    public var recurrence: Recurrence
    public var baseDate: BaseDate

    public init(trigger: Trigger, targetActivityTypeCode: String, recurrence: Recurrence, baseDate: BaseDate) {
        self.trigger = trigger
        self.targetActivityTypeCode = targetActivityTypeCode
        self.recurrence = recurrence
        self.baseDate = baseDate
    }
}
