public import AriannaProtocol

/// A custom field an activity type's form shows (R5 general palette, "layout").
public struct LayoutField: Codable, Sendable, Equatable {
    /// What a custom field holds, and so how a ticket's value for it is checked and shown.
    public enum Kind: String, Codable, Sendable, CaseIterable { case text, number, date, boolean, choice }
    /// Machine name, used as the key in a ticket's `customFields` (letters, digits, `_`).
    public var key: String
    /// What the form shows next to the field.
    public var label: String
    /// How the value is typed and checked: text, number, date, yes/no or one of `choices`.
    public var kind: Kind
    /// Whether a ticket of the type may not be opened without a value.
    public var required: Bool
    /// The allowed values of a `choice` field; empty otherwise.
    public var choices: [String]

    /// A field of the layout; `choices` only for a `choice` field.
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
    /// Paid work, free work, work covered by a maintenance contract, work under warranty: only the
    /// first is billed.
    case billable, notBillable, underContract, warranty

    /// Whether closing work of this registration type leads to a billing document.
    public var isBillable: Bool { self == .billable }
}

/// An article billed automatically for paid work of the type (R5 billing palette). Intake stores
/// the Protocol's wire type itself, so the setup, the stored JSON and `setup.activity-type.v1`
/// share one definition.
public typealias BillingArticle = ActivityTypeSnapshot.BillingArticle

/// The production order created with each deadline of the type (R5 advanced palette): the
/// Protocol's wire type, stored as it is sent.
public typealias ProductionOrderSetting = ActivityTypeSnapshot.ProductionOrder

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
        /// The calendar unit a follow-up series steps by.
        public enum Unit: String, Codable, Sendable, CaseIterable { case days, weeks, months }
        /// How many units one step is (1 to 120).
        public var count: Int
        /// Days, weeks or months, counted in the company's calendar.
        public var unit: Unit

        /// A step of `count` `unit`s.
        public init(count: Int, unit: Unit) {
            self.count = count
            self.unit = unit
        }
    }

    /// What fires the rule: the ticket's opening, an intervention's close or the deadline's close.
    public var trigger: Trigger
    /// Code of the activity type the follow-up deadline gets.
    public var targetActivityTypeCode: String
    /// How far after the base date the follow-up falls due.
    public var recurrence: Recurrence
    /// The date the step is counted from: the source's due date or the day it was closed.
    public var baseDate: BaseDate

    /// A rule of the advanced palette, as the setup form or the API states it.
    public init(trigger: Trigger, targetActivityTypeCode: String, recurrence: Recurrence, baseDate: BaseDate) {
        self.trigger = trigger
        self.targetActivityTypeCode = targetActivityTypeCode
        self.recurrence = recurrence
        self.baseDate = baseDate
    }
}
