public import Foundation
public import GRDB
public import AriannaProtocol

/// An activity type (SPEC R5): what kind of work a deadline is and the rules it carries.
public struct ActivityTypeRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "activityType"
    public var id: String
    public var code: String
    public var name: String
    public var macroType: ActivityMacroType
    public var expectedDurationMinutes: Int
    public var billable: Bool
    public var colour: String
    /// Prefix of the numbering sequence of the deadlines this type generates (e.g. `TCK`).
    public var numberingPrefix: String
    public var active: Bool

    public enum Columns {
        public static let code = Column(CodingKeys.code)
        public static let active = Column(CodingKeys.active)
    }

    var snapshot: ActivityTypeSnapshot {
        ActivityTypeSnapshot(
            activityTypeID: id, code: code, name: name, macroType: macroType,
            expectedDurationMinutes: expectedDurationMinutes, billable: billable, colour: colour, active: active)
    }

    var reference: ActivityTypeRef {
        ActivityTypeRef(id: id, code: code, name: name, expectedDurationMinutes: expectedDurationMinutes, billable: billable)
    }
}

/// An operator (technician or back-office person) with the groups they belong to (R1, R2).
public struct OperatorRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "operator"
    public var id: String
    public var name: String
    public var email: String?
    /// Group names, stored as a JSON array.
    public var groups: [String]
    public var active: Bool

    var snapshot: OperatorSnapshot {
        OperatorSnapshot(operatorID: id, name: name, email: email, groups: groups, active: active)
    }
}

/// A customer who opens calls.
public struct CustomerRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "customer"
    public var id: String
    public var name: String
    public var email: String?

    var reference: CustomerRef { CustomerRef(id: id, name: name, email: email) }
}

/// A ticket: a deadline of a call activity type (R10).
public struct TicketRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "ticket"
    public enum State: String, Codable, Sendable { case open, closed }

    public var id: String
    public var number: String
    public var activityTypeID: String
    public var customerID: String
    public var siteZone: String?
    public var description: String
    public var channel: IntakeChannel
    public var state: State
    public var openedAt: Date
    public var closedAt: Date?
    public var reportID: String?
    public var workedMinutes: Int?
    public var idempotencyKey: String?

    public enum Columns {
        public static let state = Column(CodingKeys.state)
        public static let openedAt = Column(CodingKeys.openedAt)
        public static let idempotencyKey = Column(CodingKeys.idempotencyKey)
    }
}
