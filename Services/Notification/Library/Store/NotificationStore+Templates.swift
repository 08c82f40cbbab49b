import Foundation
import GRDB

/// An activity type's own template for one kind of email, checked by ``TemplateCheck`` when saved.
struct TemplateOverrideRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "templateOverride"
    var activityTypeID: String
    var kind: EmailKind
    var text: String
    var updatedAt: Date
}

extension NotificationStore {
    /// The override of `kind` for `activityTypeID`, if one was saved.
    func templateOverride(activityTypeID: String, kind: EmailKind) async throws -> String? {
        try await database.read { db in
            try TemplateOverrideRecord
                .filter(Column("activityTypeID") == activityTypeID && Column("kind") == kind.rawValue)
                .fetchOne(db)?.text
        }
    }

    /// Saves (or replaces) an override; the caller has checked it.
    func saveTemplateOverride(_ record: TemplateOverrideRecord) async throws {
        try await database.write { db in try record.save(db) }
    }

    /// Removes an override: the default template applies again.
    func removeTemplateOverride(activityTypeID: String, kind: EmailKind) async throws {
        _ = try await database.write { db in
            try TemplateOverrideRecord
                .filter(Column("activityTypeID") == activityTypeID && Column("kind") == kind.rawValue)
                .deleteAll(db)
        }
    }
}

extension Optional {
    /// `flatMap` for an async transform.
    func asyncFlatMap<T>(_ transform: (Wrapped) async throws -> T?) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
