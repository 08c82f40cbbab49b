import Foundation
import GRDB

/// The back office's work list (R11, issue 12): the open tickets of a group or of an operator,
/// in three views — everything open, the ones waiting for a visit to be scheduled, the overdue
/// deadlines — with a count for each, so the first page says what needs doing.
public struct WorkList: Codable, Sendable, Equatable {
    /// Which tickets a list shows.
    public enum View: String, Sendable, CaseIterable, Codable {
        /// Every open ticket.
        case open
        /// Open tickets that need a visit and have no live appointment.
        case waiting
        /// Open tickets past their due date.
        case overdue
    }

    /// How a list is ordered.
    public enum Sort: String, Sendable, CaseIterable, Codable {
        /// Earliest due date first (no due date last), then oldest.
        case due
        /// Oldest first.
        case opened
        /// By number.
        case number
    }

    /// Whose work: a group's (its name), an operator's (in charge), or both at once.
    public struct Scope: Sendable, Equatable {
        /// A group's name: its tickets.
        public var group: String?
        /// An operator: the tickets they are in charge of.
        public var operatorID: String?
        /// Only types of these practices (R4); nil = every practice.
        public var visiblePracticeIDs: [String]?

        /// Memberwise; nothing set means every ticket.
        public init(group: String? = nil, operatorID: String? = nil, visiblePracticeIDs: [String]? = nil) {
            self.group = group
            self.operatorID = operatorID
            self.visiblePracticeIDs = visiblePracticeIDs
        }
    }

    /// How many tickets each view has, in the same scope.
    public struct Counts: Codable, Sendable, Equatable {
        /// Open tickets.
        public var open: Int
        /// Open tickets waiting for a visit to be scheduled.
        public var waiting: Int
        /// Open tickets past their due date.
        public var overdue: Int
    }

    /// The three counts in the list's scope.
    public var counts: Counts
    /// The view the tickets are of.
    public var view: View
    /// The tickets of `view`, sorted as asked.
    public var tickets: [TicketView]

    /// The SQL condition of `view` on ticket `t` joined with its type `a`; `?` is now for `overdue`.
    static func condition(_ view: View) -> String {
        switch view {
        case .open:
            "t.state = 'open'"
        case .overdue:
            "t.state = 'open' AND t.dueAt IS NOT NULL AND t.dueAt < ?"
        case .waiting:
            // A visit is needed (see `IntakeStore.needsAppointment`) and no appointment is live:
            // none was scheduled or moved after the last cancellation in the ticket's history.
            """
            t.state = 'open' AND t.followUpOf IS NULL AND a.macroType <> 'task' AND NOT EXISTS (
                SELECT 1 FROM ticketHistory h WHERE h.ticketID = t.id
                AND h.eventType IN ('appointment.scheduled.v1', 'appointment.moved.v1')
                AND h.sequence > COALESCE((SELECT MAX(c.sequence) FROM ticketHistory c
                    WHERE c.ticketID = t.id AND c.eventType = 'appointment.cancelled.v1'), 0))
            """
        }
    }

    /// The ticket ids of `view` in `scope`, ordered by `sort`, and the three counts.
    static func load(
        _ view: View, scope: Scope, sort: Sort, typeCode: String?, now: Date, limit: Int = 500, in db: Database
    ) throws -> (counts: Counts, ids: [String]) {
        var clauses: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        if let group = scope.group {
            clauses.append("t.assignedGroup = ?")
            arguments.append(group)
        }
        if let operatorID = scope.operatorID {
            clauses.append("t.assignedOperatorID = ?")
            arguments.append(operatorID)
        }
        if let typeCode, !typeCode.isEmpty {
            clauses.append("a.code = ?")
            arguments.append(typeCode.uppercased())
        }
        if let visible = scope.visiblePracticeIDs {
            clauses.append("(a.practiceID IS NULL OR a.practiceID IN (\(visible.map { _ in "?" }.joined(separator: ","))))")
            arguments += visible
        }
        let scoped = clauses.map { " AND \($0)" }.joined()
        func select(_ view: View, _ columns: String, suffix: String = "") throws -> [Row] {
            var all = arguments
            if view == .overdue { all.insert(now, at: 0) }
            return try Row.fetchAll(db, sql: """
                SELECT \(columns) FROM ticket t JOIN activityType a ON a.id = t.activityTypeID
                WHERE \(condition(view))\(scoped)\(suffix)
                """, arguments: StatementArguments(all))
        }
        let counts = Counts(
            open: try select(.open, "COUNT(*) AS n")[0]["n"],
            waiting: try select(.waiting, "COUNT(*) AS n")[0]["n"],
            overdue: try select(.overdue, "COUNT(*) AS n")[0]["n"])
        let order = switch sort {
        case .due: "t.dueAt IS NULL, t.dueAt, t.openedAt"
        case .opened: "t.openedAt, t.number"
        case .number: "t.number"
        }
        let ids = try select(view, "t.id", suffix: " ORDER BY \(order) LIMIT \(max(1, min(limit, 1000)))").map { $0["id"] as String }
        return (counts, ids)
    }
}

extension IntakeStore {
    /// The work list of `scope` (see ``WorkList``).
    public func workList(
        _ view: WorkList.View, scope: WorkList.Scope, sort: WorkList.Sort = .due, typeCode: String? = nil
    ) async throws -> WorkList {
        let now = clock.now()
        return try await database.read { db in
            let (counts, ids) = try WorkList.load(view, scope: scope, sort: sort, typeCode: typeCode, now: now, in: db)
            return WorkList(counts: counts, view: view, tickets: try ids.map { try TicketView.load($0, in: db) })
        }
    }
}
