public import Foundation
import GRDB

/// Which calls of the queue a page of the board or of `GET /api/queue` shows: every set field
/// must hold (zone, activity type, practice, activity state, due or opened before an instant,
/// customer, free text), and always only calls still waiting (`unscheduled`) of the practices
/// the user may see (R4).
public struct QueueFilter: Sendable, Equatable {
    /// The site's zone, exactly.
    public var zone: String?
    /// The activity type's id.
    public var activityTypeID: String?
    /// The practice (R4) the call's activity type belongs to.
    public var practiceID: String?
    /// The ticket's activity state (R3); a call no one has moved by hand is in the first state.
    public var stateID: String?
    /// Due strictly before this instant (calls without a due date never match).
    public var dueBefore: Date?
    /// Opened strictly before this instant: how old a call is.
    public var openedBefore: Date?
    /// The customer's id, or the start of their name (any case).
    public var customer: String?
    /// Words found in the number, customer name, description or zone (any case).
    public var text: String?
    /// The user's practices (R4): calls of other practices' types are not theirs; nil sees all.
    public var visiblePractices: [String]?

    /// A filter with the fields given; none given: every waiting call the user may see.
    public init(
        zone: String? = nil, activityTypeID: String? = nil, practiceID: String? = nil, stateID: String? = nil,
        dueBefore: Date? = nil, openedBefore: Date? = nil, customer: String? = nil, text: String? = nil,
        visiblePractices: [String]? = nil
    ) {
        self.zone = zone
        self.activityTypeID = activityTypeID
        self.practiceID = practiceID
        self.stateID = stateID
        self.dueBefore = dueBefore
        self.openedBefore = openedBefore
        self.customer = customer
        self.text = text
        self.visiblePractices = visiblePractices
    }

    /// A filter whose counts are given per value; each count leaves its own filter out, so the
    /// user sees how many calls each other zone (type, …) would show.
    public enum Facet: Sendable, CaseIterable {
        /// The site's zone, the activity type, the type's practice, the ticket's state.
        case zone, activityType, practice, state
    }

    /// The SQL condition on `queueEntry` and its arguments, leaving `facet`'s own filter out.
    /// - Parameter initialStateID: the state of a ticket no one has moved (its `stateID` is NULL).
    func condition(excluding facet: Facet? = nil, initialStateID: String?) -> (
        sql: String, arguments: StatementArguments
    ) {
        // Raw on purpose: one WHERE shared by the keyset page and the GROUP BY counts, which are raw (measured hot).
        var clauses = ["state = 'unscheduled'"]
        var arguments: StatementArguments = []
        if let zone, facet != .zone {
            clauses.append("siteZone = ?")
            arguments += [zone]
        }
        if let activityTypeID, facet != .activityType {
            clauses.append("activityTypeID = ?")
            arguments += [activityTypeID]
        }
        if let practiceID, facet != .practice {
            clauses.append("activityTypeID IN (SELECT id FROM activityType WHERE practiceID = ?)")
            arguments += [practiceID]
        }
        if let stateID, facet != .state {
            clauses.append(stateID == initialStateID ? "(stateID = ? OR stateID IS NULL)" : "stateID = ?")
            arguments += [stateID]
        }
        if let dueBefore {
            clauses.append("dueAt < ?")
            arguments += [dueBefore]
        }
        if let openedBefore {
            clauses.append("openedAt < ?")
            arguments += [openedBefore]
        }
        if let customer {
            clauses.append("(customerID = ? OR customerName LIKE ? ESCAPE '\\')")
            arguments += [customer, Self.likePattern(customer, anywhere: false)]
        }
        if let text {
            let pattern = Self.likePattern(text, anywhere: true)
            clauses.append(
                "(number LIKE ? ESCAPE '\\' OR customerName LIKE ? ESCAPE '\\' OR description LIKE ? ESCAPE '\\' OR siteZone LIKE ? ESCAPE '\\')"
            )
            arguments += [pattern, pattern, pattern, pattern]
        }
        if let visiblePractices {
            let marks = Array(repeating: "?", count: visiblePractices.count).joined(separator: ", ")
            clauses.append(
                """
                activityTypeID NOT IN (SELECT id FROM activityType WHERE practiceID IS NOT NULL\
                \(visiblePractices.isEmpty ? "" : " AND practiceID NOT IN (\(marks))"))
                """)
            arguments += StatementArguments(visiblePractices)
        }
        return (clauses.joined(separator: " AND "), arguments)
    }

    /// `value` as a LIKE pattern matching it literally (`%`, `_` and `\` escaped).
    static func likePattern(_ value: String, anywhere: Bool) -> String {
        let escaped =
            value
            .replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
        return (anywhere ? "%" : "") + escaped + "%"
    }
}
