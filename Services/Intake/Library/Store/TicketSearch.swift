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
    /// Only the tickets of this practice's activity types.
    public var practiceID: String?
    /// Only this customer's tickets.
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
    /// Continue after this list key, when the search ``readsInIndexOrder``.
    public var afterKey: Int64?

    /// A search; every filter is optional and they combine with AND.
    public init(
        text: String? = nil, state: String? = nil, activityTypeCode: String? = nil, practiceID: String? = nil,
        customerID: String? = nil, assignedGroup: String? = nil, assignedOperatorID: String? = nil,
        openedFrom: Date? = nil, openedBefore: Date? = nil,
        visiblePracticeIDs: [String]? = nil, limit: Int = 200, after: TicketListPosition? = nil, afterKey: Int64? = nil
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
        self.afterKey = afterKey
    }

    /// The SQL of a ticket's list key — its opening millisecond since 1970, times a million, plus
    /// its rowid modulo a million — from the ticket row named `row` (`NEW`, `OLD`, an alias):
    /// newest first by opening instant, unique (a million tickets would have to open in one
    /// millisecond to collide). It is the FTS rowid of the ticket's search row.
    static func listKeySQL(_ row: String) -> String {
        "((CAST(strftime('%s', \(row).openedAt) AS INTEGER) * 1000 + CAST(substr(\(row).openedAt, 21, 3) AS INTEGER)) * 1000000 + \(row).rowid % 1000000)"
    }

    /// The smallest list key of a ticket opened at `date` or later.
    static func listKey(from date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded(.down)) * 1_000_000
    }

    /// Whether the words are searched in the FTS index's own order (the list key, newest first),
    /// so a page of a common word reads a page: any text. A customer or operator filter joins
    /// the same FTS5 query as a phrase on its id column, so FTS5 intersects the posting lists
    /// instead of a filter's index being walked and each ticket checked against the words.
    /// Its pages' cursor is the list key; the others' `(openedAt, id)`.
    var readsInIndexOrder: Bool {
        TicketSearchText.query(for: text ?? "") != nil
    }

    /// The FTS5 query: the words, and the customer and operator filters on their id columns.
    var matchExpression: String? {
        guard let words = TicketSearchText.query(for: text ?? "") else { return nil }
        let filters = [("customerID", customerID), ("operatorID", assignedOperatorID)].compactMap { column, id in
            id.flatMap { $0.isEmpty ? nil : TicketSearchText.filter(column: column, is: $0) }
        }
        return ([words] + filters).joined(separator: " AND ")
    }

    /// The SQL of the search with its arguments: the matching tickets, newest first, at most
    /// `limit`, each row with its `listKey`. `EXPLAIN QUERY PLAN` of it is checked by the tests
    /// (every filter on an index).
    func statement() -> (sql: String, arguments: StatementArguments) {
        var clauses: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        let match = matchExpression
        let indexOrder = readsInIndexOrder
        if let match {  // only with words, so always in the FTS index's order
            clauses.append("ticketSearch MATCH ?")
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
        for (column, value) in [
            ("customerID", customerID), ("assignedGroup", assignedGroup),
            ("assignedOperatorID", assignedOperatorID)
        ] {
            if let value, !value.isEmpty {
                clauses.append("t.\(column) = ?")
                arguments.append(value)
            }
        }
        if let openedFrom {
            clauses.append("t.openedAt >= ?")
            arguments.append(openedFrom)
            if indexOrder {  // the same bound on the FTS rowid, a second wider, so FTS5 skips the rest
                clauses.append("ticketSearch.rowid >= ?")
                arguments.append(Self.listKey(from: openedFrom) - 1_000_000_000)
            }
        }
        if let openedBefore {
            clauses.append("t.openedAt < ?")
            arguments.append(openedBefore)
            if indexOrder {
                clauses.append("ticketSearch.rowid < ?")
                arguments.append(Self.listKey(from: openedBefore) + 1_000_000_000)
            }
        }
        if let visible = visiblePracticeIDs {
            // Unary + keeps this broad filter off the index choice: it is checked on the rows the
            // order (or a narrower filter) reads, instead of sorting every visible ticket.
            let practices =
                visible.isEmpty
                ? "practiceID IS NULL"
                : "practiceID IS NULL OR practiceID IN (\(visible.map { _ in "?" }.joined(separator: ",")))"
            clauses.append("+t.activityTypeID IN (SELECT id FROM activityType WHERE \(practices))")
            arguments += visible
        }
        if indexOrder, let afterKey {
            clauses.append("ticketSearch.rowid < ?")
            arguments.append(afterKey)
        } else if !indexOrder, let after {
            clauses.append("(t.openedAt, t.id) < (?, ?)")
            arguments += [after.openedAt, after.id]
        }
        let whereClause = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
        let sql =
            indexOrder
            ? """
            SELECT t.*, ticketSearch.rowid AS listKey FROM ticketSearch JOIN ticket t ON t.id = ticketSearch.ticketID
            \(whereClause) ORDER BY ticketSearch.rowid DESC LIMIT \(max(1, limit))
            """
            : "SELECT t.*, \(Self.listKeySQL("t")) AS listKey FROM ticket t \(whereClause) ORDER BY t.openedAt DESC, t.id DESC LIMIT \(max(1, limit))"
        return (sql, StatementArguments(arguments))
    }

    /// The matching tickets, newest first, in one query, each with its list key.
    func rows(in db: Database) throws -> [(ticket: TicketRecord, listKey: Int64)] {
        let (sql, arguments) = statement()
        // Raw SQL stays: FTS5 (`ticketSearch MATCH`) and a keyset on the list key, built by `statement()`.
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
            (try TicketRecord(row: row), row["listKey"])
        }
    }

    /// The matching tickets, newest first, in one query.
    func records(in db: Database) throws -> [TicketRecord] {
        try rows(in: db).map(\.ticket)
    }
}

/// Where a page of the ticket list ends: the last ticket's opening instant and id, the keyset of
/// the list's order. Travels as the opaque `cursor` (`PageCursor`).
public struct TicketListPosition: Sendable, Equatable {
    /// When the last ticket of the page was opened.
    public var openedAt: Date
    /// The last ticket's id, which breaks ties between tickets opened in the same instant.
    public var id: String

    /// The position after the ticket opened at `openedAt` with id `id`.
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
