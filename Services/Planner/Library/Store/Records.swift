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
    /// The operators' columns, for type-checked queries.
    public enum Columns {
        /// The operator's id, as intake's snapshots give it.
        public static let id = Column(CodingKeys.id)
        /// The name lists and the board's rows are sorted by.
        public static let name = Column(CodingKeys.name)
    }
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
    /// The activity types' columns, for type-checked queries.
    public enum Columns {
        /// The name the availability pages list the types by.
        public static let name = Column(CodingKeys.name)
        /// Whether intake still offers the type.
        public static let active = Column(CodingKeys.active)
        /// The practice (R4) the type belongs to.
        public static let practiceID = Column(CodingKeys.practiceID)
    }
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

    /// The queue's columns, for type-checked queries and updates.
    public enum Columns {
        /// The ticket the call is for: the key.
        public static let ticketID = Column(CodingKeys.ticketID)
        /// Waiting, scheduled or closed.
        public static let state = Column(CodingKeys.state)
        /// When intake opened the ticket: the queue's order among calls due the same day.
        public static let openedAt = Column(CodingKeys.openedAt)
        /// The ticket's activity state (R3), for colours by state.
        public static let stateID = Column(CodingKeys.stateID)
        /// What the back office wrote about the call.
        public static let description = Column(CodingKeys.description)
        /// The zone of the customer's site, for the zone filter and suggestions.
        public static let siteZone = Column(CodingKeys.siteZone)
        /// The due date: the queue's urgency.
        public static let dueAt = Column(CodingKeys.dueAt)
        /// The technician's note when another visit was asked for.
        public static let visitNote = Column(CodingKeys.visitNote)
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

    /// The appointments' columns, for type-checked queries and updates.
    public enum Columns {
        /// The appointment's own id.
        public static let id = Column(CodingKeys.id)
        /// The call it is for; nil for an appointment created directly on the board.
        public static let ticketID = Column(CodingKeys.ticketID)
        /// Whose row of the board the bar sits in.
        public static let operatorID = Column(CodingKeys.operatorID)
        /// Scheduled or cancelled.
        public static let state = Column(CodingKeys.state)
        /// When the visit begins.
        public static let start = Column(CodingKeys.start)
        /// When the visit ends.
        public static let end = Column(CodingKeys.end)
        /// When the technician's report closed the intervention (`planner.v-another-visit`); not a property:
        /// only the unique index of open appointments reads it (a reported one no longer blocks another visit).
        public static let reportedAt = Column("reportedAt")
    }

    var slot: TimeSlot { TimeSlot(start: start, end: end) }

    var customer: CustomerRef? {
        guard let customerID, let customerName else { return nil }
        return CustomerRef(id: customerID, name: customerName, email: customerEmail)
    }
}
