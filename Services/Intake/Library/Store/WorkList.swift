import Foundation
import GRDB
public import ServiceKit

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
    /// The tickets of `view`, sorted as asked: one page.
    public var tickets: [TicketView]
    /// Pass back as `?cursor=` for the next page of `tickets`; absent on the last page.
    public var nextCursor: String?

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

    /// The columns `sort` orders by, most significant first, ending with a unique one: the
    /// keyset of the list's pages (a missing due date sorts last).
    static func sortKey(_ sort: Sort) -> [String] {
        switch sort {
        case .due: ["COALESCE(t.dueAt, '9999-12-31 23:59:59.999')", "t.openedAt", "t.id"]
        case .opened: ["t.openedAt", "t.number"]
        case .number: ["t.number"]
        }
    }

    /// One page of the tickets of `view` in `scope`, ordered by `sort` (keyset on ``sortKey(_:)``),
    /// the three counts, and the cursor of the next page.
    /// - Throws: ``PageRequestError/badCursor`` for a cursor of another sort or list.
    static func load(
        _ view: View, scope: Scope, sort: Sort, typeCode: String?, now: Date, page: PageRequest, in db: Database
    ) throws -> (counts: Counts, tickets: [TicketRecord], nextCursor: PageCursor?) {
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
            clauses.append(
                "(a.practiceID IS NULL OR a.practiceID IN (\(visible.map { _ in "?" }.joined(separator: ","))))")
            arguments += visible
        }
        let scoped = clauses.map { " AND \($0)" }.joined()
        func select(_ view: View, _ columns: String, suffix: String = "", extra: [any DatabaseValueConvertible] = [])
            throws -> [Row]
        {
            var all = arguments
            if view == .overdue { all.insert(now, at: 0) }
            // Raw SQL stays: aggregate counts and a keyset page over a join, with the filters built above.
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT \(columns) FROM ticket t JOIN activityType a ON a.id = t.activityTypeID
                    WHERE \(condition(view))\(scoped)\(suffix)
                    """, arguments: StatementArguments(all + extra))
        }
        let counts = Counts(
            open: try select(.open, "COUNT(*) AS n")[0]["n"],
            waiting: try select(.waiting, "COUNT(*) AS n")[0]["n"],
            overdue: try select(.overdue, "COUNT(*) AS n")[0]["n"])
        let key = sortKey(sort)
        var keyset = ""
        var after: [any DatabaseValueConvertible] = []
        if let cursor = page.cursor {
            guard cursor.values.count == key.count else { throw PageRequestError.badCursor }
            keyset = " AND (\(key.joined(separator: ", "))) > (\(key.map { _ in "?" }.joined(separator: ", ")))"
            after = cursor.values
        }
        let keyColumns = key.enumerated().map { "\($1) AS sortKey\($0)" }.joined(separator: ", ")
        let rows = try select(
            view, "t.*, \(keyColumns)",
            suffix: "\(keyset) ORDER BY \(key.joined(separator: ", ")) LIMIT ?", extra: after + [page.fetchLimit])
        let kept = Array(rows.prefix(page.limit))
        let next =
            rows.count > page.limit
            ? kept.last.map { row in PageCursor(key.indices.map { row["sortKey\($0)"] as String }) } : nil
        return (counts, try kept.map { try TicketRecord(row: $0) }, next)
    }
}

extension IntakeStore {
    /// The work list of `scope` (see ``WorkList``).
    /// One page of it, its rows built in a constant number of queries.
    public func workList(
        _ view: WorkList.View, scope: WorkList.Scope, sort: WorkList.Sort = .due, typeCode: String? = nil,
        page: PageRequest = PageRequest(limit: 50)
    ) async throws -> WorkList {
        let now = clock.now()
        return try await database.read { db in
            let (counts, records, next) = try WorkList.load(
                view, scope: scope, sort: sort, typeCode: typeCode, now: now, page: page, in: db)
            return WorkList(
                counts: counts, view: view, tickets: try TicketView.makeAll(records, in: db), nextCursor: next?.token)
        }
    }
}
