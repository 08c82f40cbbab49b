public import Foundation
public import GRDB

/// The idempotent-consumer record: the ids of the events a service has applied.
public enum Inbox {
    /// True if the event was already applied (a redelivery).
    public static func contains(_ eventID: String, in db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM inbox WHERE eventID = ?)", arguments: [eventID]) ?? false
    }

    /// Records the event as applied; call in the same transaction as its effects.
    public static func record(
        eventID: String, eventType: String, topic: String, partition: Int32, offset: Int64,
        at time: Date, in db: Database
    ) throws {
        try db.execute(
            sql: """
                INSERT INTO inbox (eventID, eventType, topic, partition, "offset", processedAt)
                VALUES (?, ?, ?, ?, ?, ?)
                """,
            arguments: [eventID, eventType, topic, partition, offset, time])
    }
}
