public import Foundation
public import GRDB

/// A service's own SQLite store: opens it (WAL on disk), runs the kit's migrations (outbox,
/// inbox) and then the service's, and rings the outbox doorbell after every write so the relay
/// publishes new events at once instead of at its next poll.
public struct ServiceDatabase: Sendable {
    /// The GRDB writer: a `DatabasePool` on disk, a `DatabaseQueue` in memory for unit tests.
    public let writer: any DatabaseWriter
    /// Rung after each committed write; the outbox relay waits on it.
    public let outboxDoorbell: Doorbell

    /// Opens (creating if needed) the store at `url` in WAL mode and migrates it.
    public init(url: URL, migrations: (inout DatabaseMigrator) -> Void) throws {
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        let pool = try DatabasePool(path: url.path, configuration: configuration)
        try self.init(writer: pool, migrations: migrations)
    }

    /// Wraps an existing writer (an in-memory `DatabaseQueue` in tests) and migrates it.
    public init(writer: any DatabaseWriter, migrations: (inout DatabaseMigrator) -> Void) throws {
        var migrator = DatabaseMigrator()
        KitMigrations.register(in: &migrator)
        migrations(&migrator)
        try migrator.migrate(writer)
        self.writer = writer
        self.outboxDoorbell = Doorbell()
    }

    /// An in-memory store for unit tests.
    public static func inMemory(migrations: (inout DatabaseMigrator) -> Void) throws -> ServiceDatabase {
        try ServiceDatabase(writer: DatabaseQueue(), migrations: migrations)
    }

    /// One write transaction; afterwards the outbox relay is woken in case it appended events.
    public func write<T: Sendable>(_ updates: @escaping @Sendable (Database) throws -> T) async throws -> T {
        let result = try await writer.write(updates)
        outboxDoorbell.ring()
        return result
    }

    /// A read from a consistent snapshot.
    public func read<T: Sendable>(_ value: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await writer.read(value)
    }
}
