/// The palettes of an activity type (R5) as other services read them. Plain strings for the
/// enumerations (kinds, triggers, units), so a new value in intake does not make a consumer
/// dead-letter the whole snapshot.
extension ActivityTypeSnapshot {
    /// A custom field of the type's form.
    public struct LayoutField: Codable, Sendable, Equatable {
        public var key: String
        public var label: String
        /// `text`, `number`, `date`, `boolean` or `choice`.
        public var kind: String
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
        public var code: String
        public var description: String
        /// Greater than zero.
        public var quantity: Double
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
    func validate(_ check: inout PayloadCheck) {
        check.nonEmpty(code, "code")
        check.positive(quantity, "quantity")
    }
}

extension ActivityTypeSnapshot.ProductionOrder: PayloadValidating {
    func validate(_ check: inout PayloadCheck) {
        check.nonEmpty(articleCode, "articleCode")
        check.positive(quantity, "quantity")
    }
}
