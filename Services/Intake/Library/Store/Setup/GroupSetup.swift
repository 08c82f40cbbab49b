import Foundation
import GRDB
import IntakeDomain
import ServiceKit

/// Groups of users (R2). Membership is each operator's `groups` (names), so a rename rewrites
/// those lists and republishes the operators in the same transaction.
enum GroupSetup: SetupKind {
    /// A group change as the form or the API sends it: only the fields sent are changed.
    struct Input: Decodable, Sendable {
        /// The group's name.
        var name: String?
        /// False deactivates the group, true brings it back; absent keeps it as it is.
        var active: Bool?
    }

    /// The groups' URL segment: `/api/setup/groups` and `/setup/groups`.
    static let path = "groups"
    /// The group, as refusals name it.
    static let noun = "group"
    /// What a "not found" refusal names: no such group.
    static let missing = Wording(it: "nessun gruppo", en: "group")

    /// The group's id, as URLs name it.
    static func id(of item: OperatorGroupRecord) -> String { item.id }
    /// Whether the group is still offered (a deactivated one is kept, never deleted).
    static func isActive(_ item: OperatorGroupRecord) -> Bool { item.active }
    /// Whether the group matches a `?q=` search.
    static func matches(_ item: OperatorGroupRecord, query: String?) -> Bool { SetupRules.matches(query, item.name) }
    /// Every group, in list order.
    static func fetchAll(_ db: Database) throws -> [OperatorGroupRecord] {
        try OperatorGroupRecord.order(OperatorGroupRecord.Columns.name).fetchAll(db)
    }
    /// The group with this id, if any.
    static func fetchOne(_ db: Database, id: String) throws -> OperatorGroupRecord? {
        try OperatorGroupRecord.fetchOne(db, key: id)
    }
    /// The group, retired: kept for what names it, offered no more.
    static func deactivated(_ item: OperatorGroupRecord) -> OperatorGroupRecord {
        var item = item
        item.active = false
        return item
    }

    /// The group the input describes, checked against every rule; all problems are reported at
    /// once.
    static func build(_ input: Input, existing: OperatorGroupRecord?, newID: String, in db: Database) throws
        -> OperatorGroupRecord
    {
        var problems = SetupProblems()
        var unique = UniqueCheck()
        let name = SetupRules.clean(input.name) ?? (input.name == nil ? existing?.name : nil) ?? ""
        problems.required(name, "name", Wording(it: "Manca il nome del gruppo.", en: "The group name is required."))
        problems.require(
            name.count <= 80, "name",
            Wording(
                it: "Il nome del gruppo può avere al massimo 80 caratteri.",
                en: "The group name must be at most 80 characters."))
        let taken =
            try OperatorGroupRecord
            .filter(
                OperatorGroupRecord.Columns.name.collating(.nocase) == name
                    && OperatorGroupRecord.Columns.id != (existing?.id ?? newID)
            )
            .fetchCount(db)
        unique.check(
            taken: taken > 0, field: "name",
            message: Wording(
                it: "Esiste già un gruppo di nome '\(name)'.", en: "There is already a group named '\(name)'."))
        try unique.finish(problems)
        return OperatorGroupRecord(
            id: existing?.id ?? newID, name: name, active: input.active ?? existing?.active ?? true)
    }

    /// Writes the group and announces it on `arianna.setup`, in the caller's transaction.
    static func save(_ item: OperatorGroupRecord, previous: OperatorGroupRecord?, outbox: OutboxWriter, in db: Database)
        throws
    {
        try item.save(db)
        try outbox.append(item.snapshot, in: db)
        guard let previous, previous.name != item.name else { return }
        for var person in try OperatorRecord.fetchAll(db) where person.groups.contains(previous.name) {
            person.groups = person.groups.map { $0 == previous.name ? item.name : $0 }
            try person.update(db)
            try outbox.append(person.snapshot, in: db)
        }
    }
}
