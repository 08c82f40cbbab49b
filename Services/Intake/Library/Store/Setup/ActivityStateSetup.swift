import Foundation
import GRDB
import IntakeDomain
import ServiceKit

/// Activity states (R3): name, planner colour, final flag, sort order.
enum ActivityStateSetup: SetupKind {
    /// An activity state change as the form or the API sends it: only the fields sent are changed.
    struct Input: Decodable, Sendable {
        /// The short code, upper-cased; unique among the activity states.
        var code: String?
        /// The activity state's name.
        var name: String?
        /// The colour the planner shows, `#rrggbb`.
        var colour: String?
        /// Whether a ticket put in this state is closed.
        var isFinal: Bool?
        /// The state's place in lists, 0 to 9999.
        var position: Int?
        /// False deactivates the activity state, true brings it back; absent keeps it as it is.
        var active: Bool?
    }

    /// The activity states' URL segment: `/api/setup/activity-states` and `/setup/activity-states`.
    static let path = "activity-states"
    /// The activity state, as refusals name it.
    static let noun = "activity state"
    /// What a "not found" refusal names: no such activity state.
    static let missing = Wording(it: "nessuno stato attività", en: "activity state")

    /// The activity state's id, as URLs name it.
    static func id(of item: ActivityStateRecord) -> String { item.id }
    /// Whether the activity state is still offered (a deactivated one is kept, never deleted).
    static func isActive(_ item: ActivityStateRecord) -> Bool { item.active }
    /// Whether the activity state matches a `?q=` search.
    static func matches(_ item: ActivityStateRecord, query: String?) -> Bool {
        SetupRules.matches(query, item.code, item.name)
    }
    /// Every activity state, in list order.
    static func fetchAll(_ db: Database) throws -> [ActivityStateRecord] {
        try ActivityStateRecord.order(ActivityStateRecord.Columns.position, ActivityStateRecord.Columns.code).fetchAll(
            db)
    }
    /// The activity state with this id, if any.
    static func fetchOne(_ db: Database, id: String) throws -> ActivityStateRecord? {
        try ActivityStateRecord.fetchOne(db, key: id)
    }
    /// The activity state, retired: kept for what names it, offered no more.
    static func deactivated(_ item: ActivityStateRecord) -> ActivityStateRecord {
        var item = item
        item.active = false
        return item
    }

    /// The activity state the input describes, checked against every rule; all problems are
    /// reported at once.
    static func build(_ input: Input, existing: ActivityStateRecord?, newID: String, in db: Database) throws
        -> ActivityStateRecord
    {
        var problems = SetupProblems()
        var unique = UniqueCheck()
        let code = (SetupRules.clean(input.code) ?? (input.code == nil ? existing?.code : nil) ?? "").uppercased()
        let name = SetupRules.clean(input.name) ?? (input.name == nil ? existing?.name : nil) ?? ""
        let colour = (SetupRules.clean(input.colour) ?? (input.colour == nil ? existing?.colour : nil) ?? "")
            .lowercased()
        if code.isEmpty {
            problems.add("code", Wording(it: "Manca il codice dello stato.", en: "The state code is required."))
        } else {
            problems.require(
                SetupRules.isCode(code), "code",
                Wording(
                    it:
                        "Il codice '\(code)' deve iniziare con una lettera e usare solo A–Z, 0–9, - e _ (al massimo 20).",
                    en: "The code '\(code)' must start with a letter and use only A–Z, 0–9, - and _ (at most 20)."))
        }
        problems.required(name, "name", Wording(it: "Manca il nome dello stato.", en: "The state name is required."))
        problems.require(
            SetupRules.isColour(colour), "colour",
            Wording(
                it: "Il colore deve essere come #1f77b4 (# e sei cifre esadecimali).",
                en: "The colour must look like #1f77b4 (# and six hex digits)."))
        let position = input.position ?? existing?.position ?? 0
        problems.require(
            (0...9999).contains(position), "position",
            Wording(
                it: "L'ordine deve essere un numero intero da 0 a 9999.",
                en: "The order must be a whole number from 0 to 9999."))
        let taken =
            try ActivityStateRecord
            .filter(
                ActivityStateRecord.Columns.code == code && ActivityStateRecord.Columns.id != (existing?.id ?? newID)
            )
            .fetchCount(db)
        unique.check(
            taken: taken > 0, field: "code",
            message: Wording(
                it: "Esiste già uno stato attività con codice '\(code)'.",
                en: "There is already an activity state with code '\(code)'."))
        try unique.finish(problems)
        return ActivityStateRecord(
            id: existing?.id ?? newID, code: code, name: name, colour: colour,
            isFinal: input.isFinal ?? existing?.isFinal ?? false, position: position,
            active: input.active ?? existing?.active ?? true)
    }

    /// Writes the activity state and announces it on `arianna.setup`, in the caller's transaction.
    static func save(_ item: ActivityStateRecord, previous: ActivityStateRecord?, outbox: OutboxWriter, in db: Database)
        throws
    {
        try item.save(db)
        try outbox.append(item.snapshot, in: db)
    }
}
