import Foundation
import GRDB

extension TicketRecord {
    /// Every column of `ticket`, in the order ``insertNew(in:)`` binds them.
    private static let insertSQL = """
        INSERT INTO ticket (
            id, number, activityTypeID, customerID, siteZone, description, channel, state, openedAt,
            closedAt, reportID, workedMinutes, idempotencyKey, stateID, siteID, dueAt, customFields,
            assignedGroup, createdByUserID, followUpOf, seriesAnchorDay, version, contact,
            assignedOperatorID, cancelledAt, cancelReason)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    /// Inserts a new ticket through one statement compiled once per connection, its values bound
    /// explicitly. Opening a ticket is intake's hot path (a Kafka batch opens hundreds in one
    /// transaction), and GRDB's `Encodable` persistence encoded every property through a keyed
    /// container and built a new statement per insert: the largest single cost in the profile.
    /// Stores exactly what `insert(db)` stores (dates as GRDB's text, the custom fields as GRDB's
    /// sorted-key JSON), so the rows read back the same.
    func insertNew(in db: Database) throws {
        // Raw SQL stays: one statement compiled per connection, hot (issue 13, above).
        let statement = try db.cachedStatement(sql: Self.insertSQL)
        let values: [(any DatabaseValueConvertible)?] = [
            id, number, activityTypeID, customerID, siteZone, description, channel.rawValue, state.rawValue, openedAt,
            closedAt, reportID, workedMinutes, idempotencyKey, stateID, siteID, dueAt, try encodedCustomFields(),
            assignedGroup, createdByUserID, followUpOf, seriesAnchorDay, version, contact,
            assignedOperatorID, cancelledAt, cancelReason
        ]
        try statement.execute(arguments: StatementArguments(values))
    }

    /// The record as reading its row back gives it: dates at the store's millisecond precision.
    /// The answer to an opening is built from it instead of re-reading the ticket just written.
    var asStored: TicketRecord {
        func stored(_ date: Date) -> Date { Date.fromDatabaseValue(date.databaseValue) ?? date }
        var ticket = self
        ticket.openedAt = stored(openedAt)
        ticket.dueAt = dueAt.map(stored)
        ticket.closedAt = closedAt.map(stored)
        ticket.cancelledAt = cancelledAt.map(stored)
        return ticket
    }

    /// The custom fields as GRDB writes a nested `Codable` column (its JSON encoder, keys sorted).
    private func encodedCustomFields() throws -> String {
        if customFields.isEmpty { return "{}" }
        let data = try Self.databaseJSONEncoder(for: "customFields").encode(customFields)
        return String(decoding: data, as: UTF8.self)
    }
}
