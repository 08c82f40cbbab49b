public import Foundation
public import GRDB
public import AriannaProtocol

/// An operator as intake's snapshots describe them (read model).
public struct OperatorRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "operator"
    public var id: String
    public var name: String
    public var email: String?
    public var groups: [String]
    public var active: Bool
}

/// An activity type as intake's snapshots describe it (read model).
public struct ActivityTypeRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "activityType"
    public var id: String
    public var code: String
    public var name: String
    public var macroType: ActivityMacroType
    public var expectedDurationMinutes: Int
    public var billable: Bool
    public var colour: String
    public var active: Bool
    /// The practice (R4) the type belongs to; nil: every practice's.
    public var practiceID: String? = nil
}

/// A call waiting in, or taken from, the lower grid of the board (R12).
public struct QueueEntry: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "queueEntry"
    public enum State: String, Codable, Sendable { case unscheduled, scheduled, closed }

    public var ticketID: String
    public var number: String
    public var activityTypeID: String
    public var activityTypeName: String
    public var expectedDurationMinutes: Int
    public var customerID: String
    public var customerName: String
    public var customerEmail: String?
    public var siteZone: String?
    public var description: String
    public var openedAt: Date
    /// When the planner received the ticket; `queuedAt - openedAt` is the intake → planner latency.
    public var queuedAt: Date
    public var state: State
    /// The ticket's activity state (R3) as intake last set it by hand; nil: a new ticket's.
    public var stateID: String? = nil
    /// Why the technician asked for another visit, when the ticket came back to the queue.
    public var visitNote: String? = nil
    /// When the ticket must be done by (intake's due date), if it has one: the queue's urgency.
    public var dueAt: Date? = nil

    public enum Columns {
        public static let state = Column(CodingKeys.state)
        public static let openedAt = Column(CodingKeys.openedAt)
    }

    var customer: CustomerRef { CustomerRef(id: customerID, name: customerName, email: customerEmail) }
}

/// A bar in the planner: a time slot of one operator, for a ticket or created directly (R13).
public struct AppointmentRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "appointment"
    public enum State: String, Codable, Sendable { case scheduled, cancelled }

    public var id: String
    public var ticketID: String?
    public var ticketNumber: String?
    public var operatorID: String
    public var title: String
    public var customerID: String?
    public var customerName: String?
    public var customerEmail: String?
    public var start: Date
    public var end: Date
    public var state: State
    public var createdAt: Date
    public var updatedAt: Date

    public enum Columns {
        public static let operatorID = Column(CodingKeys.operatorID)
        public static let state = Column(CodingKeys.state)
        public static let start = Column(CodingKeys.start)
        public static let end = Column(CodingKeys.end)
    }

    var slot: TimeSlot { TimeSlot(start: start, end: end) }

    var customer: CustomerRef? {
        guard let customerID, let customerName else { return nil }
        return CustomerRef(id: customerID, name: customerName, email: customerEmail)
    }
}
