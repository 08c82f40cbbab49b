import Foundation
import GRDB
import IntakeDomain
import ServiceKit

/// Practices (R4): sectors that group activity types; users see the types of their practices.
enum PracticeSetup: SetupKind {
    /// A practice change as the form or the API sends it: only the fields sent are changed.
    struct Input: Decodable, Sendable {
        /// The short code, upper-cased; unique among the practices.
        var code: String?
        /// The practice's name.
        var name: String?
        /// False deactivates the practice, true brings it back; absent keeps it as it is.
        var active: Bool?
    }

    /// The practices' URL segment: `/api/setup/practices` and `/setup/practices`.
    static let path = "practices"
    /// The practice, as refusals name it.
    static let noun = "practice"
    /// What a "not found" refusal names: no such practice.
    static let missing = Wording(it: "nessuna pratica", en: "practice")

    /// The practice's id, as URLs name it.
    static func id(of item: PracticeRecord) -> String { item.id }
    /// Whether the practice is still offered (a deactivated one is kept, never deleted).
    static func isActive(_ item: PracticeRecord) -> Bool { item.active }
    /// Whether the practice matches a `?q=` search.
    static func matches(_ item: PracticeRecord, query: String?) -> Bool {
        SetupRules.matches(query, item.code, item.name)
    }
    /// Every practice, in list order.
    static func fetchAll(_ db: Database) throws -> [PracticeRecord] {
        try PracticeRecord.order(PracticeRecord.Columns.name).fetchAll(db)
    }
    /// The practice with this id, if any.
    static func fetchOne(_ db: Database, id: String) throws -> PracticeRecord? {
        try PracticeRecord.fetchOne(db, key: id)
    }
    /// The practice, retired: kept for what names it, offered no more.
    static func deactivated(_ item: PracticeRecord) -> PracticeRecord {
        var item = item
        item.active = false
        return item
    }

    /// The practice the input describes, checked against every rule; all problems are reported at
    /// once.
    static func build(_ input: Input, existing: PracticeRecord?, newID: String, in db: Database) throws
        -> PracticeRecord
    {
        var problems = SetupProblems()
        var unique = UniqueCheck()
        let code = (SetupRules.clean(input.code) ?? (input.code == nil ? existing?.code : nil) ?? "").uppercased()
        let name = SetupRules.clean(input.name) ?? (input.name == nil ? existing?.name : nil) ?? ""
        if code.isEmpty {
            problems.add("code", Wording(it: "Manca il codice della pratica.", en: "The practice code is required."))
        } else {
            problems.require(
                SetupRules.isCode(code), "code",
                Wording(
                    it:
                        "Il codice '\(code)' deve iniziare con una lettera e usare solo A–Z, 0–9, - e _ (al massimo 20).",
                    en: "The code '\(code)' must start with a letter and use only A–Z, 0–9, - and _ (at most 20)."))
        }
        problems.required(
            name, "name", Wording(it: "Manca il nome della pratica.", en: "The practice name is required."))
        let taken =
            try PracticeRecord
            .filter(PracticeRecord.Columns.code == code && PracticeRecord.Columns.id != (existing?.id ?? newID))
            .fetchCount(db)
        unique.check(
            taken: taken > 0, field: "code",
            message: Wording(
                it: "Esiste già una pratica con codice '\(code)'.",
                en: "There is already a practice with code '\(code)'."))
        try unique.finish(problems)
        return PracticeRecord(
            id: existing?.id ?? newID, code: code, name: name, active: input.active ?? existing?.active ?? true)
    }

    /// Writes the practice and announces it on `arianna.setup`, in the caller's transaction.
    static func save(_ item: PracticeRecord, previous: PracticeRecord?, outbox: OutboxWriter, in db: Database) throws {
        try item.save(db)
        try outbox.append(item.snapshot, in: db)
    }
}
