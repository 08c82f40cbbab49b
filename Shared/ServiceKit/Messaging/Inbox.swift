public import Foundation
public import GRDB

/// The idempotent-consumer record: the ids of the events a service has applied.
public enum Inbox {
    /// True if the event was already applied (a redelivery).
    public static func contains(_ eventID: String, in db: Database) throws -> Bool {
        // Raw SQL stays: cached statements, as a batch runs these twice per event in one transaction.
        try Bool.fetchOne(
            db.cachedStatement(sql: "SELECT EXISTS(SELECT 1 FROM inbox WHERE eventID = ?)"), arguments: [eventID])
            ?? false
    }

    /// Records the event as applied; call in the same transaction as its effects.
    public static func record(
        eventID: String, eventType: String, topic: String, partition: Int32, offset: Int64,
        at time: Date, in db: Database
    ) throws {
        // Raw SQL stays: a cached statement, run for every event applied (see `contains`).
        try db.cachedStatement(
            sql: """
                INSERT INTO inbox (eventID, eventType, topic, partition, "offset", processedAt)
                VALUES (?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [eventID, eventType, topic, partition, offset, time])
    }
}
