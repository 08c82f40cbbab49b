public import Foundation
import GRDB
public import ServiceKit

/// What the ticket list can be searched by (R10 pages): free text on number, customer, description
/// and custom-field values (the FTS5 index `ticketSearch`), and filters on state, activity type,
/// practice, customer, group, operator and opening date, each served by an index that ends in
/// the list's order (`intake.ticket-search`), newest first.
public struct TicketSearch: Sendable, Equatable {
    /// Words that must all appear in the number, the customer's name or email, the description or
    /// a custom field; accents and case fold, and each word also matches longer words it begins.
    public var text: String?
    /// `open`, `closed`, `cancelled`, or an activity state id.
    public var state: String?
    /// An activity type code.
    public var activityTypeCode: String?
    public var practiceID: String?
    public var customerID: String?
    /// The back-office group the tickets are assigned to (R11).
    public var assignedGroup: String?
    /// The operator in charge (a deadline's owner).
    public var assignedOperatorID: String?
    /// Opened on or after this instant.
    public var openedFrom: Date?
    /// Opened before this instant.
    public var openedBefore: Date?
    /// Only types of these practices (a user's practices, R4); nil = every practice.
    public var visiblePracticeIDs: [String]?
    /// Rows to read at most.
    public var limit: Int = 200
    /// Continue after this ticket (keyset on `openedAt DESC, id DESC`); nil from the newest.
    public var after: TicketListPosition?

    public init(
        text: String? = nil, state: String? = nil, activityTypeCode: String? = nil, practiceID: String? = nil,
        customerID: String? = nil, assignedGroup: String? = nil, assignedOperatorID: String? = nil,
        openedFrom: Date? = nil, openedBefore: Date? = nil,
        visiblePracticeIDs: [String]? = nil, limit: Int = 200, after: TicketListPosition? = nil
    ) {
        self.text = text
        self.state = state
        self.activityTypeCode = activityTypeCode
        self.practiceID = practiceID
        self.customerID = customerID
        self.assignedGroup = assignedGroup
        self.assignedOperatorID = assignedOperatorID
        self.openedFrom = openedFrom
        self.openedBefore = openedBefore
        self.visiblePracticeIDs = visiblePracticeIDs
        self.limit = limit
        self.after = after
    }

    /// The SQL of the search with its arguments: the matching tickets, newest first, at most
    /// `limit`. `EXPLAIN QUERY PLAN` of it is checked by the tests (every filter on an index).
    func statement() -> (sql: String, arguments: StatementArguments) {
        var clauses: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        if let match = TicketSearchText.query(for: text ?? "") {
            clauses.append("t.rowid IN (SELECT rowid FROM ticketSearch WHERE ticketSearch MATCH ?)")
            arguments.append(match)
        }
        if let state, !state.isEmpty {
            clauses.append(TicketRecord.State(rawValue: state) != nil ? "t.state = ?" : "t.stateID = ?")
            arguments.append(state)
        }
        if let code = activityTypeCode, !code.isEmpty {
            clauses.append("t.activityTypeID = (SELECT id FROM activityType WHERE code = ?)")
            arguments.append(code.uppercased())
        }
        if let practiceID, !practiceID.isEmpty {
            clauses.append("t.activityTypeID IN (SELECT id FROM activityType WHERE practiceID = ?)")
            arguments.append(practiceID)
        }
        for (column, value) in [("customerID", customerID), ("assignedGroup", assignedGroup),
                                ("assignedOperatorID", assignedOperatorID)] {
            if let value, !value.isEmpty {
                clauses.append("t.\(column) = ?")
                arguments.append(value)
            }
        }
        if let openedFrom {
            clauses.append("t.openedAt >= ?")
            arguments.append(openedFrom)
        }
        if let openedBefore {
            clauses.append("t.openedAt < ?")
            arguments.append(openedBefore)
        }
        if let visible = visiblePracticeIDs {
            // Unary + keeps this broad filter off the index choice: it is checked on the rows the
            // order (or a narrower filter) reads, instead of sorting every visible ticket.
            let practices = visible.isEmpty ? "practiceID IS NULL"
                : "practiceID IS NULL OR practiceID IN (\(visible.map { _ in "?" }.joined(separator: ",")))"
            clauses.append("+t.activityTypeID IN (SELECT id FROM activityType WHERE \(practices))")
            arguments += visible
        }
        if let after {
            clauses.append("(t.openedAt, t.id) < (?, ?)")
            arguments += [after.openedAt, after.id]
        }
        let whereClause = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
        let sql = "SELECT t.* FROM ticket t \(whereClause) ORDER BY t.openedAt DESC, t.id DESC LIMIT \(max(1, limit))"
        return (sql, StatementArguments(arguments))
    }

    /// The matching tickets, newest first, in one query.
    func records(in db: Database) throws -> [TicketRecord] {
        let (sql, arguments) = statement()
        return try TicketRecord.fetchAll(db, sql: sql, arguments: arguments)
    }
}

/// Where a page of the ticket list ends: the last ticket's opening instant and id, the keyset of
/// the list's order. Travels as the opaque `cursor` (`PageCursor`).
public struct TicketListPosition: Sendable, Equatable {
    public var openedAt: Date
    public var id: String

    public init(openedAt: Date, id: String) {
        self.openedAt = openedAt
        self.id = id
    }

    /// The position after `ticket`.
    public init(after ticket: TicketView) {
        self.init(openedAt: ticket.openedAt, id: ticket.id)
    }

    /// The cursor sent as `nextCursor`.
    public var cursor: PageCursor { PageCursor([APIJSON.format(openedAt), id]) }

    /// The position a cursor from this list stands for.
    /// - Throws: ``PageRequestError/badCursor`` for a cursor of another list.
    public init(_ cursor: PageCursor) throws(PageRequestError) {
        guard cursor.values.count == 2, let openedAt = cursor.date(at: 0) else { throw .badCursor }
        self.init(openedAt: openedAt, id: cursor.values[1])
    }
}
