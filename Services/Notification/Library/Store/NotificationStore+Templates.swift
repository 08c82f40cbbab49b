import Foundation
import GRDB
import NotificationDomain

/// An activity type's own templates for one kind of email (the text and, since migration
/// notification.v9-html-overrides, the HTML), checked by ``TemplateCheck`` when saved.
struct TemplateOverrideRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    /// The table of the saved overrides.
    static let databaseTableName = "templateOverride"
    /// The activity type whose emails use the override.
    var activityTypeID: String
    /// The kind of email the override writes.
    var kind: EmailKind
    /// The text template: its first line is the subject.
    var text: String
    /// When the back office last saved it.
    var updatedAt: Date
    /// `nil`: the HTML alternative is made from the text (overrides saved before HTML templates).
    var html: String? = nil

    /// The columns of the primary key.
    enum Columns {
        /// The activity type an override is for.
        static let activityTypeID = Column(CodingKeys.activityTypeID)
        /// The kind of email an override writes.
        static let kind = Column(CodingKeys.kind)
    }
}

extension NotificationStore {
    /// Every activity type notification knows, by name then id, for the editors' choice.
    func activityTypes() async throws -> [ActivityTypeCopyRecord] {
        try await database.read { db in
            try ActivityTypeCopyRecord.order(
                ActivityTypeCopyRecord.Columns.name, ActivityTypeCopyRecord.Columns.activityTypeID
            )
            .fetchAll(db)
        }
    }

    /// The override of `kind` for `activityTypeID`, if one was saved.
    func templateOverride(activityTypeID: String, kind: EmailKind) async throws -> EmailRenderer.Override? {
        try await database.read { db in
            try TemplateOverrideRecord
                .filter(
                    TemplateOverrideRecord.Columns.activityTypeID == activityTypeID
                        && TemplateOverrideRecord.Columns.kind == kind.rawValue
                )
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
                .filter(
                    TemplateOverrideRecord.Columns.activityTypeID == activityTypeID
                        && TemplateOverrideRecord.Columns.kind == kind.rawValue
                )
                .deleteAll(db)
        }
    }
}
