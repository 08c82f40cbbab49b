public import Foundation
import GRDB

/// An online, consistent copy of one service's data folder, and its way back (`make backup`,
/// `make restore`; `--backup-to DIR` and `--restore-from DIR` on every service executable).
///
/// The SQLite store is copied with SQLite's backup API (GRDB's `backup(to:)`) while the service
/// runs: the copy is one committed state of the store, whatever the service is writing. The
/// service's other files (attachments, photos) are written before the row that names them
/// commits, so copying them after the store gives every row of the copy its file.
public enum StoreBackup {
    /// What a backup or a restore did, for the operator's log.
    public struct Summary: Sendable, Equatable, CustomStringConvertible {
        /// The service whose data folder was copied (`intake`, `planner`…).
        public var service: String
        /// Bytes of the copied SQLite store.
        public var storeBytes: Int
        /// Other files copied with it.
        public var files: Int
        /// Restore only: outbox rows marked unsent again (sent after the broker's copy was taken).
        public var requeuedEvents: Int = 0

        /// One line for the operator's log: sizes, file count, requeued events.
        public var description: String {
            "\(service): store \(storeBytes) bytes, \(files) other files"
                + (requeuedEvents > 0 ? ", \(requeuedEvents) events requeued" : "")
        }
    }

    /// What went wrong, in words an operator can act on.
    public struct Failure: Error, CustomStringConvertible {
        /// The sentence shown to the operator.
        public let description: String
    }

    /// The file in a backup folder where `scripts/backup.sh` notes when it copied the broker's
    /// data (RFC 3339): events the stores marked sent after it may be missing from that copy.
    public static let brokerCopiedAtFile = "broker-copied-at"

    /// Copies the store of the service `configuration` describes into `folder/<service>/`, through
    /// SQLite's backup API, then the service's other files. Refuses to overwrite an earlier copy.
    public static func backUp(_ configuration: ServiceConfiguration, to folder: URL) throws -> Summary {
        let source = configuration.databaseURL
        let files = FileManager.default
        guard files.fileExists(atPath: source.path) else {
            throw Failure(description: "\(configuration.serviceName): there is no store at \(source.path) to back up")
        }
        let target = folder.appendingPathComponent(configuration.serviceName, isDirectory: true)
        let copy = target.appendingPathComponent(source.lastPathComponent)
        guard !files.fileExists(atPath: copy.path) else {
            throw Failure(
                description: "\(configuration.serviceName): \(copy.path) already exists; back up into a new folder")
        }
        try files.createDirectory(at: target, withIntermediateDirectories: true)
        var reading = Configuration()
        reading.readonly = true
        reading.busyMode = .timeout(30)
        let live = try DatabasePool(path: source.path, configuration: reading)
        let destination = try DatabaseQueue(path: copy.path)
        try live.backup(to: destination)
        try checkIntegrity(destination, service: configuration.serviceName)
        try destination.close()
        try live.close()
        let copied = try copyFiles(from: configuration.dataDirectory, to: target, except: storeFileNames(source))
        return Summary(service: configuration.serviceName, storeBytes: try size(of: copy), files: copied)
    }

    /// Puts `folder/<service>/` (a `backUp` copy) in place of the service's data folder, which
    /// must hold no store yet. Outbox rows sent after `folder/broker-copied-at` are marked unsent,
    /// so the relay publishes them again into the restored broker (consumers drop the ones they
    /// already applied by event id: the inbox).
    public static func restore(_ configuration: ServiceConfiguration, from folder: URL) throws -> Summary {
        let files = FileManager.default
        let source = folder.appendingPathComponent(configuration.serviceName, isDirectory: true)
        let copy = source.appendingPathComponent(configuration.databaseURL.lastPathComponent)
        guard files.fileExists(atPath: copy.path) else {
            throw Failure(description: "\(configuration.serviceName): \(copy.path) is not in the backup")
        }
        let store = configuration.databaseURL
        guard !files.fileExists(atPath: store.path) else {
            throw Failure(
                description:
                    "\(configuration.serviceName): \(store.path) already exists; restore only into an empty data folder"
            )
        }
        try files.createDirectory(at: configuration.dataDirectory, withIntermediateDirectories: true)
        let copied = try copyFiles(from: source, to: configuration.dataDirectory, except: [])
        let restored = try DatabaseQueue(path: store.path)
        try checkIntegrity(restored, service: configuration.serviceName)
        var requeued = 0
        if let since = try brokerCopiedAt(in: folder) {
            requeued = try restored.write { db in
                try OutboxTable.table
                    .filter(OutboxTable.Columns.sentAt >= since)
                    .updateAll(db, OutboxTable.Columns.sentAt.set(to: nil))
            }
        }
        try restored.close()
        return Summary(
            service: configuration.serviceName, storeBytes: try size(of: store), files: copied - 1,
            requeuedEvents: requeued)
    }

    /// When the broker's data was copied, if the backup holds a copy of it.
    static func brokerCopiedAt(in folder: URL) throws -> Date? {
        let file = folder.appendingPathComponent(brokerCopiedAtFile)
        guard FileManager.default.fileExists(atPath: file.path) else { return nil }
        let text = try String(contentsOf: file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let date = APIJSON.parse(text) else {
            throw Failure(description: "\(file.path) must hold an RFC 3339 date-time, not '\(text)'")
        }
        return date
    }

    private static func checkIntegrity(_ database: DatabaseQueue, service: String) throws {
        // Raw SQL stays: a PRAGMA, which the query interface does not express.
        let result = try database.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") }
        guard result == "ok" else {
            throw Failure(
                description: "\(service): the copied store fails SQLite's integrity check: \(result ?? "no answer")")
        }
    }

    /// The store and its WAL companions: copied by the backup API, never file by file.
    private static func storeFileNames(_ store: URL) -> Set<String> {
        let name = store.lastPathComponent
        return [name, name + "-wal", name + "-shm", name + "-journal"]
    }

    /// Copies every regular file under `source` (keeping sub-folders) except the top-level
    /// `excluded` names and logs; returns how many were copied.
    private static func copyFiles(from source: URL, to target: URL, except excluded: Set<String>) throws -> Int {
        let files = FileManager.default
        var copied = 0
        for name in try files.contentsOfDirectory(atPath: source.path).sorted()
        where !excluded.contains(name) && !name.hasSuffix(".log") {
            let from = source.appendingPathComponent(name)
            let to = target.appendingPathComponent(name)
            guard !files.fileExists(atPath: to.path) else {
                throw Failure(description: "\(to.path) already exists; use an empty folder")
            }
            try files.copyItem(at: from, to: to)
            copied += try count(at: to)
        }
        return copied
    }

    private static func count(at url: URL) throws -> Int {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue else {
            return 1
        }
        return try FileManager.default.contentsOfDirectory(atPath: url.path).reduce(0) {
            $0 + (try count(at: url.appendingPathComponent($1)))
        }
    }

    private static func size(of url: URL) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
    }
}
