public import Foundation
import GRDB

/// What the ticket list can be searched by (R10 pages): free text on number, customer and
/// description, and filters on state, activity type, practice and opening date.
public struct TicketSearch: Sendable, Equatable {
    /// Matches the number, the customer's name or email, or the description (case-insensitive).
    public var text: String?
    /// `open`, `closed`, or an activity state id.
    public var state: String?
    /// An activity type code.
    public var activityTypeCode: String?
    public var practiceID: String?
    public var customerID: String?
    /// Opened on or after this instant.
    public var openedFrom: Date?
    /// Opened before this instant.
    public var openedBefore: Date?
    /// Only types of these practices (a user's practices, R4); nil = every practice.
    public var visiblePracticeIDs: [String]?
    public var limit: Int = 200

    public init(
        text: String? = nil, state: String? = nil, activityTypeCode: String? = nil, practiceID: String? = nil,
        customerID: String? = nil, openedFrom: Date? = nil, openedBefore: Date? = nil,
        visiblePracticeIDs: [String]? = nil, limit: Int = 200
    ) {
        self.text = text
        self.state = state
        self.activityTypeCode = activityTypeCode
        self.practiceID = practiceID
        self.customerID = customerID
        self.openedFrom = openedFrom
        self.openedBefore = openedBefore
        self.visiblePracticeIDs = visiblePracticeIDs
        self.limit = limit
    }

    /// The matching ticket ids, newest first.
    func ticketIDs(in db: Database) throws -> [String] {
        var clauses: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        if let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            let pattern = "%\(text.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: ""))%"
            clauses.append("(t.number LIKE ? OR c.name LIKE ? OR c.email LIKE ? OR t.description LIKE ?)")
            arguments += [pattern, pattern, pattern, pattern]
        }
        if let state, !state.isEmpty {
            if state == "open" || state == "closed" {
                clauses.append("t.state = ?")
            } else {
                clauses.append("t.stateID = ?")
            }
            arguments.append(state)
        }
        if let code = activityTypeCode, !code.isEmpty {
            clauses.append("a.code = ?")
            arguments.append(code.uppercased())
        }
        if let practiceID, !practiceID.isEmpty {
            clauses.append("a.practiceID = ?")
            arguments.append(practiceID)
        }
        if let customerID, !customerID.isEmpty {
            clauses.append("t.customerID = ?")
            arguments.append(customerID)
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
            if visible.isEmpty {
                clauses.append("a.practiceID IS NULL")
            } else {
                clauses.append("(a.practiceID IS NULL OR a.practiceID IN (\(visible.map { _ in "?" }.joined(separator: ","))))")
                arguments += visible
            }
        }
        let whereClause = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
        return try String.fetchAll(db, sql: """
            SELECT t.id FROM ticket t
            JOIN customer c ON c.id = t.customerID
            JOIN activityType a ON a.id = t.activityTypeID
            \(whereClause)
            ORDER BY t.openedAt DESC, t.number DESC
            LIMIT \(max(1, min(limit, 1000)))
            """, arguments: StatementArguments(arguments))
    }
}
