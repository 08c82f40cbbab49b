import Foundation
import GRDB
import IntakeDomain
import ServiceKit

/// Users as an administrator manages them (R1, R17): list and search, create, change,
/// deactivate. Every change is validated completely before one write transaction, so a refused
/// change leaves nothing half-written; passwords are hashed (bcrypt) before that transaction.
struct UserDirectory: Sendable {
    /// Intake's SQLite store, where users and their sessions live.
    let database: ServiceDatabase
    /// Where `session.ended.v1` is appended when a user is deactivated or gets a new password.
    let outbox: OutboxWriter
    /// The time changes are stamped with.
    let clock: ServiceClock
    /// Ids of new users.
    let ids: IDGenerator
    /// Hashes new passwords (bcrypt).
    let hasher: PasswordHasher

    /// The directory of a running service; tests may give a cheaper hasher.
    init(context: ServiceContext, hasher: PasswordHasher = PasswordHasher()) {
        self.database = context.database
        self.outbox = context.outbox
        self.clock = context.clock
        self.ids = context.ids
        self.hasher = hasher
    }

    /// Users whose name, or linked operator's name, contains `search`; by user name.
    func users(search: String? = nil) async throws -> [UserView] {
        let pattern = "%\(search?.trimmingCharacters(in: .whitespaces) ?? "")%"
        return try await database.read { db in
            // Raw: a LIKE over the user's and the joined operator's name, read in one query.
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT user.*, operator.name AS operatorName FROM user
                    LEFT JOIN operator ON operator.id = user.operatorID
                    WHERE user.username LIKE ? OR IFNULL(operator.name, '') LIKE ?
                    ORDER BY user.username COLLATE NOCASE
                    """, arguments: [pattern, pattern])
            return try rows.map { UserView(try UserRecord(row: $0), operatorName: $0["operatorName"]) }
        }
    }

    /// The user `id` as the users page and API show it; throws when there is no such user.
    func user(id: String) async throws -> UserView {
        try await database.read { db in try Self.view(id: id, in: db) }
    }

    /// The same read inside a caller's transaction (after a change, to answer with the result).
    static func view(id: String, in db: Database) throws -> UserView {
        guard let record = try UserRecord.fetchOne(db, key: id) else {
            throw SetupError.notFound(kind: Wording(it: "nessun utente", en: "user"), id: id)
        }
        let name = try record.operatorID.flatMap {
            try OperatorRecord.filter(key: $0).select(OperatorRecord.Columns.name, as: String.self).fetchOne(db)
        }
        return UserView(record, operatorName: name)
    }

    /// Creates a user; 422 with every problem, 409 when the name is taken.
    func create(_ change: UserChange) async throws -> UserView {
        let problems = change.shapeProblems(creating: true)
        if !problems.isEmpty { throw SetupError.invalid(problems) }
        let hash = try await hasher.hash(change.password ?? "")
        let id = ids.next()
        return try await database.write { db in
            var record = UserRecord(
                id: id, username: "", operatorID: nil, passwordHash: hash, permissions: [], practiceIDs: [],
                language: nil, active: true)
            try Self.apply(change, to: &record, in: db)
            try record.insert(db)
            return try Self.view(id: id, in: db)
        }
    }

    /// Changes the fields `change` carries. A new password or deactivation ends the user's sessions.
    /// `actorID` is the administrator making the change: they may not lock themselves out.
    func update(id: String, _ change: UserChange, by actorID: String? = nil) async throws -> UserView {
        var problems = change.shapeProblems(creating: false)
        if id == actorID {
            if change.active == false {
                problems.append(
                    .init(
                        field: "active",
                        Wording(
                            it: "Non puoi disattivare te stesso; chiedi a un altro amministratore.",
                            en: "You cannot deactivate yourself; ask another administrator.")))
            }
            if let permissions = change.permissions, !permissions.contains(Permission.setupEdit.rawValue) {
                problems.append(
                    .init(
                        field: "permissions",
                        Wording(
                            it: "Non puoi toglierti il permesso setup.edit; chiedi a un altro amministratore.",
                            en: "You cannot take away your own setup.edit permission; ask another administrator.")))
            }
        }
        if !problems.isEmpty { throw SetupError.invalid(problems) }
        var hash: String?
        if let password = change.password { hash = try await hasher.hash(password) }
        let now = clock.now()
        return try await database.write { [hash, outbox] db in
            guard var record = try UserRecord.fetchOne(db, key: id) else {
                throw SetupError.notFound(kind: Wording(it: "nessun utente", en: "user"), id: id)
            }
            try Self.apply(change, to: &record, in: db)
            if let hash { record.passwordHash = hash }
            try record.update(db)
            if hash != nil || change.active == false {
                try SessionEnding.end(where: "userID", id, at: now, outbox: outbox, in: db)
            }
            return try Self.view(id: id, in: db)
        }
    }

    /// Deactivates a user (never deletes): they cannot log in and their sessions end.
    func deactivate(id: String, by actorID: String? = nil) async throws -> UserView {
        try await update(id: id, UserChange(active: false), by: actorID)
    }

    /// Copies `change` onto `record` after checking what needs the database: the name is free,
    /// the operator and the practices exist.
    static func apply(_ change: UserChange, to record: inout UserRecord, in db: Database) throws {
        var problems: [FieldProblem] = []
        if let username = change.username?.trimmingCharacters(in: .whitespaces) {
            if try UserRecord.filter(
                UserRecord.Columns.username.collating(.nocase) == username
                    && UserRecord.Columns.id != record.id
            ).isEmpty(db) == false {
                throw SetupError.conflict(
                    field: "username",
                    message: Wording(
                        it: "Esiste già un utente di nome '\(username)'.",
                        en: "There is already a user named '\(username)'."))
            }
            record.username = username
        }
        if let operatorID = change.operatorID {
            if operatorID.isEmpty {
                record.operatorID = nil
            } else if try !OperatorRecord.exists(db, key: operatorID) {
                problems.append(
                    .init(
                        field: "operatorID",
                        Wording(
                            it: "Non esiste l'operatore '\(operatorID)'.", en: "There is no operator '\(operatorID)'."))
                )
            } else {
                record.operatorID = operatorID
            }
        }
        if let permissions = change.permissions {
            record.permissions = Set(permissions.compactMap(Permission.init(rawValue:))).sorted()
        }
        if let practiceIDs = change.practiceIDs {
            for (index, practiceID) in practiceIDs.enumerated()
            where try !PracticeRecord.exists(db, key: practiceID) {
                problems.append(
                    .init(
                        field: "practiceIDs[\(index)]",
                        Wording(
                            it: "Non esiste la pratica '\(practiceID)'.", en: "There is no practice '\(practiceID)'.")))
            }
            record.practiceIDs = Array(Set(practiceIDs)).sorted()
        }
        if let language = change.language {
            record.language = PageLanguage(rawValue: language)
        }
        if let active = change.active { record.active = active }
        if !problems.isEmpty { throw SetupError.invalid(problems) }
    }

    /// What the user form offers: operators and practices (active ones, plus whatever is linked).
    func choices() async throws -> (operators: [(id: String, name: String)], practices: [(id: String, name: String)]) {
        try await database.read { db in
            let operators = try OperatorRecord.order(OperatorRecord.Columns.name).fetchAll(db)
                .map { (id: $0.id, name: $0.name) }
            let practices = try PracticeRecord.order(PracticeRecord.Columns.name).fetchAll(db)
                .map { (id: $0.id, name: $0.name) }
            return (operators, practices)
        }
    }
}
