import Foundation
import GRDB
import ServiceKit

/// The queue's reads, shared by `GET /api/queue` and the board so both page, filter and count
/// the same way. Every read is bounded: a page is `limit + 1` rows on the urgency index, counts
/// are GROUP BY on the filters' indexes and return at most `maximumValues` values per filter.
enum QueueQueries {
    /// The most values one filter's counts list (zones are free text in intake).
    static let maximumValues = 100

    /// One page of the filtered queue in urgency order: due date first (overdue and soonest
    /// first, calls without a due date last), then the oldest opened, then the ticket id. The
    /// cursor holds those three keys of the page's last call, so a page stays right while calls
    /// arrive or leave.
    /// - Throws: `PageRequestError.badCursor` for a cursor that is not a queue position.
    static func page(
        _ filter: QueueFilter, request: PageRequest, initialStateID: String?, in db: Database
    ) throws -> Page<QueueEntry> {
        let (condition, arguments) = filter.condition(initialStateID: initialStateID)
        // Raw on purpose: keyset pagination with a row value on the urgency expression's index (issue 15, measured).
        var sql = "SELECT *, \(QueueMigrations.urgencyKey) AS urgencyKey FROM queueEntry WHERE \(condition)"
        var all = arguments
        if let cursor = request.cursor {
            guard cursor.values.count == 3 else { throw PageRequestError.badCursor }
            sql += " AND (\(QueueMigrations.urgencyKey), openedAt, ticketID) > (?, ?, ?)"
            all += StatementArguments(cursor.values)
        }
        sql += " ORDER BY \(QueueMigrations.urgencyKey), openedAt, ticketID LIMIT ?"
        all += [request.fetchLimit]
        // Raw SQL stays: the keyset page with a row value built above.
        let rows = try Row.fetchAll(db, sql: sql, arguments: all)
        var keys: [String: PageCursor] = [:]
        let entries = try rows.map { row -> QueueEntry in
            let entry = try QueueEntry(row: row)
            keys[entry.ticketID] = PageCursor([row["urgencyKey"] ?? "", row["openedAt"] ?? "", entry.ticketID])
            return entry
        }
        return Page(fetched: entries, request: request) { keys[$0.ticketID] ?? PageCursor([$0.ticketID]) }
    }

    /// How many calls match `filter`, and per value of each filter (that filter left out).
    static func counts(_ filter: QueueFilter, initialStateID: String?, in db: Database) throws -> QueueCounts {
        let (condition, arguments) = filter.condition(initialStateID: initialStateID)
        // Raw on purpose (with the GROUP BY counts below): aggregate reports over the shared filter condition.
        let total =
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM queueEntry WHERE \(condition)", arguments: arguments) ?? 0

        func grouped(_ facet: QueueFilter.Facet, select: String) throws -> [(String?, Int)] {
            let (condition, arguments) = filter.condition(excluding: facet, initialStateID: initialStateID)
            return try Row.fetchAll(
                db, sql: select.replacingOccurrences(of: "$WHERE", with: condition), arguments: arguments
            )
            .map { ($0["value"], $0["n"]) }
        }
        let limit = maximumValues
        let zones = try grouped(
            .zone,
            select: """
                SELECT siteZone AS value, COUNT(*) AS n FROM queueEntry WHERE $WHERE
                GROUP BY siteZone ORDER BY n DESC, siteZone LIMIT \(limit)
                """)
        let types = try grouped(
            .activityType,
            select: """
                SELECT activityTypeID AS value, COUNT(*) AS n FROM queueEntry WHERE $WHERE
                GROUP BY activityTypeID ORDER BY n DESC, activityTypeID LIMIT \(limit)
                """)
        let practices = try grouped(
            .practice,
            select: """
                SELECT t.practiceID AS value, SUM(c.n) AS n
                FROM (SELECT activityTypeID, COUNT(*) AS n FROM queueEntry WHERE $WHERE GROUP BY activityTypeID) AS c
                LEFT JOIN activityType AS t ON t.id = c.activityTypeID
                GROUP BY t.practiceID ORDER BY n DESC, t.practiceID LIMIT \(limit)
                """)
        let states = try grouped(
            .state,
            select: """
                SELECT stateID AS value, COUNT(*) AS n FROM queueEntry WHERE $WHERE
                GROUP BY stateID ORDER BY n DESC, stateID LIMIT \(limit)
                """)

        let typeNames = try Dictionary(
            ActivityTypeRecord.fetchAll(db, keys: types.compactMap(\.0)).map { ($0.id, $0.name) }
        ) { first, _ in first }
        let practiceNames = try Dictionary(
            PracticeRecord.fetchAll(db, keys: practices.compactMap(\.0)).map { ($0.id, $0.name) }
        ) { first, _ in first }
        let stateNames = try Dictionary(
            ActivityStateRecord.fetchAll(db, keys: states.compactMap(\.0) + [initialStateID].compactMap { $0 })
                .map { ($0.id, $0.name) }
        ) { first, _ in first }
        // A NULL state is the first state: fold the two rows into one.
        var stateCounts: [(String?, Int)] = []
        for (value, count) in states {
            let id = value ?? initialStateID
            if let index = stateCounts.firstIndex(where: { $0.0 == id }) {
                stateCounts[index].1 += count
            } else {
                stateCounts.append((id, count))
            }
        }
        func values(_ pairs: [(String?, Int)], label: (String?) -> String) -> [QueueCounts.Value] {
            pairs.map { QueueCounts.Value(value: $0.0, label: label($0.0), count: $0.1) }
        }
        return QueueCounts(
            total: total,
            zones: values(zones) { $0 ?? "" },
            activityTypes: values(types) { id in id.flatMap { typeNames[$0] } ?? id ?? "" },
            practices: values(practices) { id in id.flatMap { practiceNames[$0] } ?? id ?? "" },
            states: values(stateCounts.sorted { $0.1 > $1.1 }) { id in id.flatMap { stateNames[$0] } ?? id ?? "" })
    }

    /// The state of a ticket no one has moved by hand: the first active non-final one (R3).
    static func initialStateID(in db: Database) throws -> String? {
        try ActivityStateRecord
            .filter(ActivityStateRecord.Columns.active && !ActivityStateRecord.Columns.isFinal)
            .order(ActivityStateRecord.Columns.position, ActivityStateRecord.Columns.code)
            .select(ActivityStateRecord.Columns.id, as: String.self)
            .fetchOne(db)
    }
}
