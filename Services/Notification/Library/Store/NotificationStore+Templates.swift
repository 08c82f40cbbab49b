import Foundation
import GRDB

/// An activity type's own templates for one kind of email (the text and, since migration
/// notification.v9-html-overrides, the HTML), checked by ``TemplateCheck`` when saved.
struct TemplateOverrideRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "templateOverride"
    var activityTypeID: String
    var kind: EmailKind
    var text: String
    var updatedAt: Date
    /// `nil`: the HTML alternative is made from the text (overrides saved before HTML templates).
    var html: String? = nil

    /// The columns of the primary key.
    enum Columns {
        static let activityTypeID = Column(CodingKeys.activityTypeID)
        static let kind = Column(CodingKeys.kind)
    }
}

extension NotificationStore {
    /// Every activity type notification knows, by name then id, for the editors' choice.
    func activityTypes() async throws -> [ActivityTypeCopyRecord] {
        try await database.read { db in
            try ActivityTypeCopyRecord.order(ActivityTypeCopyRecord.Columns.name, ActivityTypeCopyRecord.Columns.activityTypeID)
                .fetchAll(db)
        }
    }

    /// The override of `kind` for `activityTypeID`, if one was saved.
    func templateOverride(activityTypeID: String, kind: EmailKind) async throws -> EmailRenderer.Override? {
        try await database.read { db in
            try TemplateOverrideRecord
                .filter(TemplateOverrideRecord.Columns.activityTypeID == activityTypeID
                        && TemplateOverrideRecord.Columns.kind == kind.rawValue)
                .fetchOne(db)
                .map { EmailRenderer.Override(text: $0.text, html: $0.html) }
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
                .filter(TemplateOverrideRecord.Columns.activityTypeID == activityTypeID
                        && TemplateOverrideRecord.Columns.kind == kind.rawValue)
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
