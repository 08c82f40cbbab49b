import Foundation
import GRDB
import Testing

@testable import ServiceKit

/// `--backup-to` / `--restore-from` on real SQLite files: a copy taken while the store is being
/// written is one committed state, carries the service's files, and goes back only into an
/// empty folder, requeueing what the broker's copy may lack.
@Suite struct StoreBackupTests {
    static func migrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("test.v1") { db in
            try db.execute(
                sql: "CREATE TABLE ticket (id INTEGER PRIMARY KEY, title TEXT NOT NULL, pair INTEGER NOT NULL)")
        }
    }

    static func configuration(root: URL) -> ServiceConfiguration {
        ServiceConfiguration(
            serviceName: "intake", dataDirectory: root.appendingPathComponent("intake"), httpPort: 0,
            sessionKey: SessionKey(bytes: Array(repeating: 1, count: 32)))
    }

    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("arianna-backup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func aCopyTakenWhileWriting_isOneCommittedState_withTheFiles_andRestoresOnlyIntoAnEmptyFolder() async throws {
        let root = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let live = Self.configuration(root: root.appendingPathComponent("data"))
        let database = try ServiceDatabase(url: live.databaseURL, migrations: Self.migrations)
        let attachments = live.dataDirectory.appendingPathComponent("attachments")
        try FileManager.default.createDirectory(at: attachments, withIntermediateDirectories: true)
        try Data("%PDF-1.4 file".utf8).write(to: attachments.appendingPathComponent("a1.pdf"))
        // Rows are written two per transaction: a copy that is one committed state has an even count.
        let writer = Task {
            var count = 0
            while !Task.isCancelled && count < 4_000 {
                let written = count
                try await database.write { db in
                    try db.execute(
                        sql: "INSERT INTO ticket (title, pair) VALUES ('a', ?), ('b', ?)", arguments: [written, written]
                    )
                    try db.execute(
                        sql: """
                            INSERT INTO outbox (eventID, eventType, topic, messageKey, payload, createdAt, sentAt)
                            VALUES (?, 't', 'x', 'k', x'00', ?, ?)
                            """,
                        arguments: ["e\(written)", Date(), Date(timeIntervalSince1970: 1_000_000 + Double(written))])
                }
                count += 1
            }
            return count
        }
        // The copy is taken while the writer is busy: after its first commits (on a loaded machine a
        // fixed pause may end before the writer's first transaction), before its last.
        var waits = 0
        while waits < 600,
            try await database.read({ db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM ticket") ?? 0 }) < 20
        {
            try await Task.sleep(for: .milliseconds(50))
            waits += 1
        }
        let backups = root.appendingPathComponent("backup")
        let summary = try StoreBackup.backUp(live, to: backups)
        _ = try await writer.value
        #expect(summary.files == 1)

        let copy = try DatabaseQueue(path: backups.appendingPathComponent("intake/intake.sqlite").path)
        let (rows, pairs) = try await copy.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM ticket") ?? -1,
                try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT pair) FROM ticket") ?? -1
            )
        }
        try copy.close()
        #expect(rows > 0 && rows % 2 == 0 && rows == 2 * pairs)
        // A second backup into the same folder does not overwrite the first.
        #expect(throws: StoreBackup.Failure.self) { try StoreBackup.backUp(live, to: backups) }

        // The broker's copy was taken at 1,000,100 s: the 100 events sent from then on may be
        // missing from it, so they go back to unsent.
        try "1970-01-12T13:48:20Z\n".write(
            to: backups.appendingPathComponent(StoreBackup.brokerCopiedAtFile), atomically: true, encoding: .utf8)
        let restoredConfiguration = Self.configuration(root: root.appendingPathComponent("restored"))
        let restored = try StoreBackup.restore(restoredConfiguration, from: backups)
        #expect(restored.files == 1)
        #expect(restored.requeuedEvents == max(0, rows / 2 - 100))
        #expect(
            try Data(contentsOf: restoredConfiguration.dataDirectory.appendingPathComponent("attachments/a1.pdf"))
                == Data("%PDF-1.4 file".utf8))
        let reopened = try ServiceDatabase(url: restoredConfiguration.databaseURL, migrations: Self.migrations)
        let restoredRows = try await reopened.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM ticket") }
        #expect(restoredRows == rows)
        // Never over a store that exists.
        #expect(throws: StoreBackup.Failure.self) { try StoreBackup.restore(restoredConfiguration, from: backups) }
    }

    @Test func aServiceWithoutAStore_orABackupWithoutIt_isRefusedInWords() throws {
        let root = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let live = Self.configuration(root: root.appendingPathComponent("data"))
        #expect(throws: StoreBackup.Failure.self) { try StoreBackup.backUp(live, to: root.appendingPathComponent("b")) }
        #expect(throws: StoreBackup.Failure.self) {
            try StoreBackup.restore(live, from: root.appendingPathComponent("b"))
        }
    }
}
