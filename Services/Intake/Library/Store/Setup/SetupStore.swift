import Foundation
import GRDB
import IntakeDomain
public import ServiceKit

/// Writes and reads intake's setup data (R2–R5, customers, numbering sequences). Every change is
/// one transaction: validation first (nothing written when it fails), then the rows, then the
/// snapshot events in the outbox, so the other services' read models follow. Nothing that may
/// be in use is ever deleted: it is deactivated.
public struct SetupStore: Sendable {
    /// Intake's SQLite store.
    let database: ServiceDatabase
    /// Where the setup snapshots are appended, in the change's transaction.
    let outbox: OutboxWriter
    /// The time views are computed at.
    let clock: ServiceClock
    /// Ids of new items.
    let ids: IDGenerator

    /// The store of a running service.
    public init(context: ServiceContext) {
        self.database = context.database
        self.outbox = context.outbox
        self.clock = context.clock
        self.ids = context.ids
    }

    /// Items of a kind matching `query` (substring of code/name…) and `active` when given.
    func list<K: SetupKind>(_ kind: K.Type, query: String? = nil, active: Bool? = nil) async throws -> [K.Item] {
        try await database.read { db in
            try K.fetchAll(db).filter { item in
                K.matches(item, query: query) && (active.map { $0 == K.isActive(item) } ?? true)
            }
        }
    }

    /// The item of `kind` with this id, or `SetupError.notFound`.
    func item<K: SetupKind>(_ kind: K.Type, id: String) async throws -> K.Item {
        try await database.read { db in
            guard let item = try K.fetchOne(db, id: id) else { throw SetupError.notFound(kind: K.missing, id: id) }
            return item
        }
    }

    /// Creates an item of `kind` and announces it, in one transaction; refused whole when any rule
    /// fails.
    func create<K: SetupKind>(_ kind: K.Type, _ input: K.Input) async throws -> K.Item {
        let newID = ids.next()
        return try await write { [outbox] db in
            let item = try K.build(input, existing: nil, newID: newID, in: db)
            try K.save(item, previous: nil, outbox: outbox, in: db)
            return item
        }
    }

    /// Changes the fields `input` sends of an item of `kind` and announces it, in one transaction.
    func update<K: SetupKind>(_ kind: K.Type, id: String, _ input: K.Input) async throws -> K.Item {
        try await write { [outbox] db in
            guard let existing = try K.fetchOne(db, id: id) else { throw SetupError.notFound(kind: K.missing, id: id) }
            let item = try K.build(input, existing: existing, newID: id, in: db)
            if item != existing { try K.save(item, previous: existing, outbox: outbox, in: db) }
            return item
        }
    }

    /// The problems `input` would meet, without writing anything (a form with badly shaped
    /// values still gets every other problem listed).
    func problems<K: SetupKind>(_ kind: K.Type, id: String?, _ input: K.Input) async throws -> [FieldProblem] {
        let newID = ids.next()
        return try await database.read { db in
            let existing = try id.flatMap { try K.fetchOne(db, id: $0) }
            do {
                _ = try K.build(input, existing: existing, newID: newID, in: db)
                return []
            } catch let error as SetupError {
                return error.problems
            }
        }
    }

    /// Retires an item: kept for what refers to it, offered no more. Idempotent.
    func deactivate<K: SetupKind>(_ kind: K.Type, id: String) async throws -> K.Item {
        try await write { [outbox] db in
            guard let existing = try K.fetchOne(db, id: id) else { throw SetupError.notFound(kind: K.missing, id: id) }
            let item = K.deactivated(existing)
            if item != existing { try K.save(item, previous: existing, outbox: outbox, in: db) }
            return item
        }
    }

    /// One write transaction; a unique index that still fires (a race between two admins)
    /// becomes the same 409 as the check before it.
    private func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await database.write(body)
        } catch let error as DatabaseError
            where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE
            || error.extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY
        {
            throw SetupError.conflict(
                field: "code",
                message: Wording(
                    it: "Quel codice o nome è già usato da un altro elemento.",
                    en: "That code or name is already used by another record."))
        }
    }

    /// The current year in the company's calendar, for sequence examples.
    var now: Date { clock.now() }
}
