/// The palettes of an activity type (R5) as other services read them. Plain strings for the
/// enumerations (kinds, triggers, units), so a new value in intake does not make a consumer
/// dead-letter the whole snapshot.
extension ActivityTypeSnapshot {
    /// A custom field of the type's form.
    public struct LayoutField: Codable, Sendable, Equatable {
        /// The field's key in a ticket's `customFields` (stable; the label may change).
        public var key: String
        /// What the form shows beside the field.
        public var label: String
        /// `text`, `number`, `date`, `boolean` or `choice`.
        public var kind: String
        /// Whether a ticket of the type needs a value for it.
        public var required: Bool

        /// Memberwise.
        public init(key: String, label: String, kind: String, required: Bool) {
            self.key = key
            self.label = label
            self.kind = kind
            self.required = required
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

    /// An automatic follow-up deadline: on `trigger`, a deadline of `targetActivityTypeCode`
    /// `count` `unit` after `baseDate`.
    public struct FollowUpRule: Codable, Sendable, Equatable {
        /// `onOpen`, `onClose` or `onDeadlineClose`.
        public var trigger: String
        /// The activity type of the deadline the rule creates.
        public var targetActivityTypeCode: String
        /// 1…120.
        public var count: Int
        /// `days`, `weeks` or `months`.
        public var unit: String
        /// `deadlineDate` or `closingDate`.
        public var baseDate: String

        /// Memberwise.
        public init(trigger: String, targetActivityTypeCode: String, count: Int, unit: String, baseDate: String) {
            self.trigger = trigger
            self.targetActivityTypeCode = targetActivityTypeCode
            self.count = count
            self.unit = unit
            self.baseDate = baseDate
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
