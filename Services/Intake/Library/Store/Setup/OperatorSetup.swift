import Foundation
import GRDB
import IntakeDomain
import ServiceKit

/// Operators (technicians and back-office people) with the groups they belong to (R1, R2).
enum OperatorSetup: SetupKind {
    /// An operator change as the form or the API sends it: only the fields sent are changed.
    struct Input: Decodable, Sendable {
        /// The operator's name.
        var name: String?
        /// Where notification writes to the operator.
        var email: String?
        /// The names of the groups the operator belongs to.
        var groups: [String]?
        /// False deactivates the operator, true brings it back; absent keeps it as it is.
        var active: Bool?
    }

    /// The operators' URL segment: `/api/setup/operators` and `/setup/operators`.
    static let path = "operators"
    /// The operator, as refusals name it.
    static let noun = "operator"
    /// What a "not found" refusal names: no such operator.
    static let missing = Wording(it: "nessun operatore", en: "operator")

    /// The operator's id, as URLs name it.
    static func id(of item: OperatorRecord) -> String { item.id }
    /// Whether the operator is still offered (a deactivated one is kept, never deleted).
    static func isActive(_ item: OperatorRecord) -> Bool { item.active }
    /// Whether the operator matches a `?q=` search.
    static func matches(_ item: OperatorRecord, query: String?) -> Bool {
        SetupRules.matches(query, item.name, item.email, item.groups.joined(separator: " "))
    }
    /// Every operator, in list order.
    static func fetchAll(_ db: Database) throws -> [OperatorRecord] {
        try OperatorRecord.order(OperatorRecord.Columns.name).fetchAll(db)
    }
    /// The operator with this id, if any.
    static func fetchOne(_ db: Database, id: String) throws -> OperatorRecord? {
        try OperatorRecord.fetchOne(db, key: id)
    }
    /// The operator, retired: kept for what names it, offered no more.
    static func deactivated(_ item: OperatorRecord) -> OperatorRecord {
        var item = item
        item.active = false
        return item
    }

    /// The operator the input describes, checked against every rule; all problems are reported at
    /// once.
    static func build(_ input: Input, existing: OperatorRecord?, newID: String, in db: Database) throws
        -> OperatorRecord
    {
        var problems = SetupProblems()
        let name = SetupRules.clean(input.name) ?? (input.name == nil ? existing?.name : nil) ?? ""
        problems.required(
            name, "name", Wording(it: "Manca il nome dell'operatore.", en: "The operator's name is required."))
        let email = input.email == nil ? existing?.email : SetupRules.clean(input.email)
        if let email {
            problems.require(
                SetupRules.isEmail(email), "email",
                Wording(it: "'\(email)' non è un indirizzo email.", en: "'\(email)' is not an email address."))
        }
        var groups: [String] = []
        for group in (input.groups ?? existing?.groups ?? []).compactMap(SetupRules.clean) where !groups.contains(group)
        {
            groups.append(group)
        }
        let known = Set(try OperatorGroupRecord.select(OperatorGroupRecord.Columns.name, as: String.self).fetchAll(db))
        for (index, group) in groups.enumerated() where !known.contains(group) {
            problems.add(
                "groups[\(index)]",
                Wording(it: "Non esiste un gruppo di nome '\(group)'.", en: "There is no group named '\(group)'."))
        }
        try problems.throwIfAny()
        return OperatorRecord(
            id: existing?.id ?? newID, name: name, email: email, groups: groups,
            active: input.active ?? existing?.active ?? true)
    }

    /// Writes the operator and announces it on `arianna.setup`, in the caller's transaction.
    static func save(_ item: OperatorRecord, previous: OperatorRecord?, outbox: OutboxWriter, in db: Database) throws {
        try item.save(db)
        try outbox.append(item.snapshot, in: db)
    }
}
