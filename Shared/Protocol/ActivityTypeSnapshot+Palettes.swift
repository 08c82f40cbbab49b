/// The palettes of an activity type (R5), one definition for intake's setup, its stored rows and
/// `setup.activity-type.v1`. The enumerations (field kinds, registration types, triggers, units,
/// base dates) are ``PaletteTerm``s: on the wire plain strings, so a value added in intake later
/// reaches an older consumer as an unknown term instead of dead-lettering the whole snapshot.
extension ActivityTypeSnapshot {
    /// How work of a type is registered for billing (R5 billing palette): paid work, free work,
    /// work covered by a maintenance contract, work under warranty. Only the first is billed.
    public struct RegistrationType: PaletteTerm {
        /// The term as written on the wire and in intake's store.
        public var rawValue: String
        /// Any term, known or not; ``isKnown`` tells which.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// Paid work: closing it leads to a billing document.
        public static let billable: Self = "billable"
        /// Free work: no document.
        public static let notBillable: Self = "notBillable"
        /// Work a maintenance contract covers.
        public static let underContract: Self = "underContract"
        /// Work under warranty.
        public static let warranty: Self = "warranty"
        /// The registration types intake offers, in the setup form's order.
        public static let allCases: [Self] = [.billable, .notBillable, .underContract, .warranty]

        /// Whether closing work of this registration type leads to a billing document.
        public var isBillable: Bool { self == .billable }
    }

    /// A custom field of the type's form (R5 general palette, "layout").
    public struct LayoutField: Codable, Sendable, Equatable {
        /// What a custom field holds, and so how a ticket's value for it is checked and shown.
        public struct Kind: PaletteTerm {
            /// The term as written on the wire and in intake's store.
            public var rawValue: String
            /// Any term, known or not; ``isKnown`` tells which.
            public init(rawValue: String) { self.rawValue = rawValue }

            /// Free text (at most 500 characters).
            public static let text: Self = "text"
            /// A number; a decimal comma is accepted.
            public static let number: Self = "number"
            /// A day, `yyyy-MM-dd`.
            public static let date: Self = "date"
            /// Yes or no.
            public static let boolean: Self = "boolean"
            /// One of the field's `choices`.
            public static let choice: Self = "choice"
            /// The kinds intake offers, in the setup form's order.
            public static let allCases: [Self] = [.text, .number, .date, .boolean, .choice]
        }

        /// The field's key in a ticket's `customFields` (letters, digits, `_`; stable, the label may
        /// change).
        public var key: String
        /// What the form shows beside the field.
        public var label: String
        /// How the value is typed and checked: text, number, date, yes/no or one of `choices`.
        public var kind: Kind
        /// Whether a ticket of the type may not be opened without a value.
        public var required: Bool
        /// The allowed values of a `choice` field; empty otherwise. Added to the wire after v1: an
        /// older payload omits it, which reads as none.
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

        /// `required` reads as false and `choices` as none when absent, so a setup client may leave
        /// them out and a payload from before `choices` still decodes.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.key = try container.decode(String.self, forKey: .key)
            self.label = try container.decode(String.self, forKey: .label)
            self.kind = try container.decode(Kind.self, forKey: .kind)
            self.required = try container.decodeIfPresent(Bool.self, forKey: .required) ?? false
            self.choices = try container.decodeIfPresent([String].self, forKey: .choices) ?? []
        }
    }

    /// An article billed automatically for paid work of the type.
    public struct BillingArticle: Codable, Sendable, Equatable {
        /// The catalogue article billed.
        public var code: String
        /// The line's text on the document.
        public var description: String
        /// Greater than zero.
        public var quantity: Double
        /// Price of one unit in cents, VAT excluded.
        public var unitPriceCents: Int

        /// Memberwise.
        public init(code: String, description: String, quantity: Double, unitPriceCents: Int) {
            self.code = code
            self.description = description
            self.quantity = quantity
            self.unitPriceCents = unitPriceCents
        }
    }

    /// The production order created with each deadline of the type.
    public struct ProductionOrder: Codable, Sendable, Equatable {
        /// The kind of production document to create (the sequence it is numbered in).
        public var documentType: String
        /// The article whose bill of materials the order carries.
        public var articleCode: String
        /// Greater than zero.
        public var quantity: Double

        /// Memberwise.
        public init(documentType: String, articleCode: String, quantity: Double) {
            self.documentType = documentType
            self.articleCode = articleCode
            self.quantity = quantity
        }
    }
}

extension ActivityTypeSnapshot.BillingArticle: PayloadValidating {
    /// An automatic billing article names its article and bills a quantity above zero.
    func validate(_ check: inout PayloadCheck) {
        check.nonEmpty(code, "code")
        check.positive(quantity, "quantity")
    }
}

extension ActivityTypeSnapshot.ProductionOrder: PayloadValidating {
    /// A production order names the article whose bill of materials it carries, in a quantity above
    /// zero.
    func validate(_ check: inout PayloadCheck) {
        check.nonEmpty(articleCode, "articleCode")
        check.positive(quantity, "quantity")
    }
}
