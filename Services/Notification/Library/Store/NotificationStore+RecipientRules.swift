import Foundation
import GRDB
import NotificationDomain
import ServiceKit

/// An activity type's own choice of who receives one trigger's email (migration
/// notification.v11-recipient-rules); without a row the defaults of ``RecipientChoice`` apply.
struct RecipientRuleRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    /// The table of the saved choices.
    static let databaseTableName = "recipientRule"
    /// The activity type the choice is for.
    var activityTypeID: String
    /// A ``NotificationTrigger`` raw value.
    var trigger: String
    /// ``EmailRecipientRole`` raw values, each allowed for the trigger.
    var roles: [String]
    /// When the back office last saved this choice.
    var updatedAt: Date

    /// The columns of the primary key.
    enum Columns {
        /// The activity type a choice is for.
        static let activityTypeID = Column(CodingKeys.activityTypeID)
        /// The trigger a choice is for.
        static let trigger = Column(CodingKeys.trigger)
    }

    /// The saved choice of `activityTypeID` for `trigger`, as a request.
    static func of(activityTypeID: String, trigger: NotificationTrigger) -> QueryInterfaceRequest<RecipientRuleRecord> {
        filter(Columns.activityTypeID == activityTypeID && Columns.trigger == trigger.rawValue)
    }
}

extension NotificationStore {
    /// Who receives `trigger`'s email for a ticket of `activityTypeID` (`nil`: an appointment
    /// without a known ticket), inside the event's transaction.
    static func recipients(
        of trigger: NotificationTrigger, activityTypeID: String?, in db: Database
    ) throws -> Set<EmailRecipientRole> {
        guard let activityTypeID else { return RecipientChoice.defaults(for: trigger, notifyFlag: false) }
        // Raw and cached: runs for every event the consumer handles, measured hot while catching up.
        let ruleStatement = try db.cachedStatement(
            sql: "SELECT * FROM recipientRule WHERE activityTypeID = ? AND \"trigger\" = ?")
        if let rule = try RecipientRuleRecord.fetchOne(ruleStatement, arguments: [activityTypeID, trigger.rawValue]) {
            let allowed = Set(RecipientChoice.allowed(for: trigger))
            return Set(rule.roles.compactMap(EmailRecipientRole.init(rawValue:))).intersection(allowed)
        }
        let notify =
            try ActivityTypeCopyRecord.cachedFetch(db, where: "activityTypeID", is: activityTypeID)?.notifyAssignee
            ?? false
        return RecipientChoice.defaults(for: trigger, notifyFlag: notify)
    }

    /// Every trigger's recipients for `activityTypeID`, with whether each is the default.
    func recipientRules(activityTypeID: String) async throws -> [(
        trigger: NotificationTrigger, roles: Set<EmailRecipientRole>, isDefault: Bool
    )] {
        try await database.read { db in
            try NotificationTrigger.allCases.map { trigger in
                let saved = try RecipientRuleRecord.of(activityTypeID: activityTypeID, trigger: trigger).fetchOne(db)
                return (trigger, try Self.recipients(of: trigger, activityTypeID: activityTypeID, in: db), saved == nil)
            }
        }
    }

    /// Saves the choices for some triggers of `activityTypeID` at once (the caller checked them).
    func saveRecipientRules(
        activityTypeID: String, _ rules: [NotificationTrigger: Set<EmailRecipientRole>], at now: Date
    ) async throws {
        try await database.write { db in
            for (trigger, roles) in rules {
                try RecipientRuleRecord(
                    activityTypeID: activityTypeID, trigger: trigger.rawValue, roles: roles.map(\.rawValue).sorted(),
                    updatedAt: now
                ).save(db)
            }
        }
    }

    /// Removes the choice for `trigger`: the defaults apply again.
    func removeRecipientRule(activityTypeID: String, trigger: NotificationTrigger) async throws {
        _ = try await database.write { db in
            try RecipientRuleRecord.of(activityTypeID: activityTypeID, trigger: trigger).deleteAll(db)
        }
    }
}
