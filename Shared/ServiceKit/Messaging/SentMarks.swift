import Foundation
import GRDB
import Logging

/// Writes `sentAt` on the outbox rows the relay has delivered, behind the relay: one write at a
/// time, each covering every row up to the highest sequence delivered so far, so the relay never
/// waits for the store's writer between two batches (see `OutboxRelay`).
actor SentMarks {
    /// The store whose outbox rows are marked.
    private let database: ServiceDatabase
    /// Where a failed mark is reported before it is tried again.
    private let logger: Logger
    /// The highest sequence delivered by the relay, to be marked.
    private var wanted: Int64 = 0
    /// The highest sequence whose mark is committed.
    private var marked: Int64 = 0
    /// The write in progress, if any; `mark(upTo:)` starts one when none runs.
    private var writing: Task<Void, Never>?
    /// Set at shutdown: a failing write is then given up (its rows are published again after
    /// the restart, which the inboxes absorb) rather than holding the shutdown forever.
    private var finishing = false

    /// Marks for one store's outbox.
    init(database: ServiceDatabase, logger: Logger) {
        self.database = database
        self.logger = logger
    }

    /// Asks for every unsent row up to `sequence` to be marked sent; returns at once.
    func mark(upTo sequence: Int64) {
        wanted = max(wanted, sequence)
        if writing == nil {
            writing = Task { await self.writeUntilCaughtUp() }
        }
    }

    /// Waits until every requested mark is committed (the relay's shutdown).
    func finish() async {
        finishing = true
        while let writing {
            await writing.value
        }
    }

    /// Writes marks until the last requested one is committed, retrying a failed write.
    private func writeUntilCaughtUp() async {
        while marked < wanted {
            let target = wanted
            do {
                let now = Date()
                try await database.writer.write { db in
                    _ = try OutboxTable.table
                        .filter(OutboxTable.Columns.sentAt == nil && OutboxTable.Columns.sequence <= target)
                        .updateAll(db, OutboxTable.Columns.sentAt.set(to: now))
                }
                marked = target
            } catch {
                logger.warning(
                    "marking outbox rows sent failed; retrying",
                    metadata: [LogKey.error: "\(error)", "upTo": "\(target)"])
                if finishing { break }
                try? await Task.sleep(for: .milliseconds(100))
            }
        }
        writing = nil
    }
}
