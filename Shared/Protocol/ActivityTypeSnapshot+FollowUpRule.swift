extension ActivityTypeSnapshot {
    /// An automatic follow-up deadline (R5 advanced palette): on `trigger`, a deadline of
    /// `targetActivityTypeCode`, one `recurrence` step after `baseDate`.
    ///
    /// On the wire the step is written twice: flat as `count` and `unit` (v1's shape, which older
    /// consumers read) and nested as `recurrence` (the shape of intake's API and, before, of its
    /// stored rows). Either alone decodes; when both are present they must agree.
    public struct FollowUpRule: Codable, Sendable, Equatable {
        /// What fires the rule.
        public struct Trigger: PaletteTerm {
            /// The term as written on the wire and in intake's store.
            public var rawValue: String
            /// Any term, known or not; ``isKnown`` tells which.
            public init(rawValue: String) { self.rawValue = rawValue }

            /// A deadline of the type is opened.
            public static let onOpen: Self = "onOpen"
            /// An activity (intervention) of the type is closed.
            public static let onClose: Self = "onClose"
            /// The deadline itself is closed.
            public static let onDeadlineClose: Self = "onDeadlineClose"
            /// The triggers intake offers, in the setup form's order.
            public static let allCases: [Self] = [.onOpen, .onClose, .onDeadlineClose]
        }

        /// The date the recurrence step is counted from.
        public struct BaseDate: PaletteTerm {
            /// The term as written on the wire and in intake's store.
            public var rawValue: String
            /// Any term, known or not; ``isKnown`` tells which.
            public init(rawValue: String) { self.rawValue = rawValue }

            /// The old deadline's date (its due date, or when it was opened if it had none).
            public static let deadlineDate: Self = "deadlineDate"
            /// When the activity was closed (or opened, for `onOpen`).
            public static let closingDate: Self = "closingDate"
            /// The base dates intake offers, in the setup form's order.
            public static let allCases: [Self] = [.deadlineDate, .closingDate]
        }

        /// A calendar step: every `count` days, weeks or months.
        public struct Recurrence: Codable, Sendable, Equatable {
            /// The calendar unit a follow-up series steps by.
            public struct Unit: PaletteTerm {
                /// The term as written on the wire and in intake's store.
                public var rawValue: String
                /// Any term, known or not; ``isKnown`` tells which.
                public init(rawValue: String) { self.rawValue = rawValue }

                /// Calendar days.
                public static let days: Self = "days"
                /// Seven calendar days.
                public static let weeks: Self = "weeks"
                /// Calendar months, keeping the series' day of the month.
                public static let months: Self = "months"
                /// The units intake offers, in the setup form's order.
                public static let allCases: [Self] = [.days, .weeks, .months]
            }

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

        private enum CodingKeys: String, CodingKey {
            case trigger, targetActivityTypeCode, count, unit, recurrence, baseDate
        }

        /// Reads the flat step (`count`, `unit`: v1 events), the nested one (`recurrence`: intake's
        /// API and its rows stored before the two were one type), or both when they agree.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.trigger = try container.decode(Trigger.self, forKey: .trigger)
            self.targetActivityTypeCode = try container.decode(String.self, forKey: .targetActivityTypeCode)
            let nested = try container.decodeIfPresent(Recurrence.self, forKey: .recurrence)
            if let nested, !container.contains(.count), !container.contains(.unit) {
                self.recurrence = nested
            } else {
                let flat = Recurrence(
                    count: try container.decode(Int.self, forKey: .count),
                    unit: try container.decode(Recurrence.Unit.self, forKey: .unit))
                if let nested, nested != flat {
                    throw DecodingError.dataCorruptedError(
                        forKey: .recurrence, in: container,
                        debugDescription: "recurrence must say the same as count and unit.")
                }
                self.recurrence = flat
            }
            self.baseDate = try container.decode(BaseDate.self, forKey: .baseDate)
        }

        /// Writes the step both flat and nested (see the type's note).
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(trigger, forKey: .trigger)
            try container.encode(targetActivityTypeCode, forKey: .targetActivityTypeCode)
            try container.encode(recurrence.count, forKey: .count)
            try container.encode(recurrence.unit, forKey: .unit)
            try container.encode(recurrence, forKey: .recurrence)
            try container.encode(baseDate, forKey: .baseDate)
        }
    }
}
