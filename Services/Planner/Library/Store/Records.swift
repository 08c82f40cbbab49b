public import AriannaProtocol
public import Foundation
public import GRDB
public import PlannerDomain

/// An operator as intake's snapshots describe them (read model).
public struct OperatorRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    /// The table intake's `setup.operator.v1` snapshots fill.
    public static let databaseTableName = "operator"
    /// Intake's id of the operator: appointments and availability rows name them by it.
    public var id: String
    /// How the board, refusals and to-do lists name the operator.
    public var name: String
    /// Where notification sends the operator's appointment emails, when known.
    public var email: String?
    /// The groups (teams) the operator belongs to: the board's group filter and R7 links by group.
    public var groups: [String]
    /// A deactivated operator keeps their history but gets no new appointments.
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
    /// The table intake's `setup.activity-type.v1` snapshots fill.
    public static let databaseTableName = "activityType"
    /// Intake's id of the type: queue entries name it.
    public var id: String
    /// The type's short code, as intake shows it.
    public var code: String
    /// How the queue's cards and filters name the type.
    public var name: String
    /// Call or task: only calls wait in the queue for a visit.
    public var macroType: ActivityMacroType
    /// How long a visit of this type lasts when nobody says otherwise: a drop's default length.
    public var expectedDurationMinutes: Int
    /// Whether billing charges for it (kept with the snapshot; the planner does not use it).
    public var billable: Bool
    /// The bars' and cards' colour when the board colours by type (`#rgb` or `#rrggbb`).
    public var colour: String
    /// Whether intake still offers the type.
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
    /// The queue's table: one row per ticket that needs (or needed) a visit.
    public static let databaseTableName = "queueEntry"
    /// Waiting in the lower grid, taken by an appointment, or gone for good (closed or cancelled
    /// ticket): the domain's `CallState`, which a refusal names too.
    public typealias State = CallState

    /// The ticket the call is for: the key.
    public var ticketID: String
    /// The ticket's number as people read it (`TCK/2026/000123`).
    public var number: String
    /// The ticket's activity type: colour, default length and R7 links.
    public var activityTypeID: String
    /// The type's name when the ticket was opened, for the card.
    public var activityTypeName: String
    /// The visit's length a drop gives the appointment.
    public var expectedDurationMinutes: Int
    /// The customer the visit is for.
    public var customerID: String
    /// The customer's name on the card and the appointment's title.
    public var customerName: String
    /// Where notification tells the customer about the appointment, when known.
    public var customerEmail: String?
    /// The zone of the customer's site: the zone filter and the suggestions' zone match.
    public var siteZone: String?
    /// What the back office wrote about the call.
    public var description: String
    /// When intake opened the ticket: the queue's order among calls due the same day.
    public var openedAt: Date
    /// When the planner received the ticket; `queuedAt - openedAt` is the intake → planner latency.
    public var queuedAt: Date
    /// Waiting, scheduled or closed.
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

    /// The customer as the appointment events carry them.
    var customer: CustomerRef { CustomerRef(id: customerID, name: customerName, email: customerEmail) }
}

/// A bar in the planner: a time slot of one operator, for a ticket or created directly (R13).
public struct AppointmentRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    /// The appointments' table.
    public static let databaseTableName = "appointment"
    /// On the board, or taken off it (unscheduled or its ticket cancelled).
    public enum State: String, Codable, Sendable {
        /// `scheduled`: a bar on the board, holding its slot; `cancelled`: taken off the board (unscheduled
        /// by the back office or its ticket cancelled), kept for the history and the events.
        case scheduled, cancelled
    }

    /// The appointment's own id, in the events and the API's paths.
    public var id: String
    /// The call it is for; nil for an appointment created directly on the board (R13).
    public var ticketID: String?
    /// The ticket's number, copied for the events and exports.
    public var ticketNumber: String?
    /// Whose row of the board the bar sits in.
    public var operatorID: String
    /// What the bar says: the ticket number and customer, or the direct appointment's title.
    public var title: String
    /// The customer visited, for a call.
    public var customerID: String?
    /// The customer's name, for the events.
    public var customerName: String?
    /// Where notification writes to the customer, when known.
    public var customerEmail: String?
    /// When the visit begins.
    public var start: Date
    /// When the visit ends.
    public var end: Date
    /// Scheduled or cancelled.
    public var state: State
    /// When it was first scheduled.
    public var createdAt: Date
    /// When it was last moved, resized or cancelled.
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

    /// The time it takes, for the scheduling rules.
    var slot: TimeSlot { TimeSlot(start: start, end: end) }

    /// The customer as the appointment events carry them; nil for a direct appointment.
    var customer: CustomerRef? {
        guard let customerID, let customerName else { return nil }
        return CustomerRef(id: customerID, name: customerName, email: customerEmail)
    }
}
