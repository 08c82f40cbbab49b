import Foundation
import GRDB
import IntakeDomain
import ServiceKit

/// Numbering sequences: a prefix (its identity, fixed once created), a name and how many digits
/// the counter shows. The counters per year stay in `numberingSequence`.
enum SequenceSetup: SetupKind {
    /// A numbering sequence change as the form or the API sends it: only the fields sent are
    /// changed.
    struct Input: Decodable, Sendable {
        /// The numbers' prefix (`TCK`), upper-cased; the sequence's key.
        var prefix: String?
        /// The numbering sequence's name.
        var name: String?
        /// The digits the counter is padded to (default 6).
        var padding: Int?
        /// False deactivates the numbering sequence, true brings it back; absent keeps it as it is.
        var active: Bool?
    }

    /// A sequence with how its numbers look this year.
    struct View: Encodable, Sendable {
        /// The numbers' prefix (`TCK`), upper-cased; the sequence's key.
        let prefix: String
        /// The numbering sequence's name.
        let name: String
        /// The digits the counter is padded to (default 6).
        let padding: Int
        /// Whether the numbering sequence is still in use.
        let active: Bool
        /// e.g. `TCK/2026/000123`.
        let format: String
    }

    /// The numbering sequences' URL segment: `/api/setup/sequences` and `/setup/sequences`.
    static let path = "sequences"
    /// The numbering sequence, as refusals name it.
    static let noun = "numbering sequence"
    /// What a "not found" refusal names: no such numbering sequence.
    static let missing = Wording(it: "nessun numeratore", en: "numbering sequence")

    /// The numbering sequence's id, as URLs name it.
    static func id(of item: SequenceDefinitionRecord) -> String { item.prefix }
    /// Whether the numbering sequence is still offered (a deactivated one is kept, never deleted).
    static func isActive(_ item: SequenceDefinitionRecord) -> Bool { item.active }
    /// Whether the numbering sequence matches a `?q=` search.
    static func matches(_ item: SequenceDefinitionRecord, query: String?) -> Bool {
        SetupRules.matches(query, item.prefix, item.name)
    }
    /// Every numbering sequence, in list order.
    static func fetchAll(_ db: Database) throws -> [SequenceDefinitionRecord] {
        try SequenceDefinitionRecord.order(SequenceDefinitionRecord.Columns.prefix).fetchAll(db)
    }
    /// The numbering sequence with this id, if any.
    static func fetchOne(_ db: Database, id: String) throws -> SequenceDefinitionRecord? {
        try SequenceDefinitionRecord.fetchOne(db, key: id)
    }
    /// The numbering sequence, retired: kept for what names it, offered no more.
    static func deactivated(_ item: SequenceDefinitionRecord) -> SequenceDefinitionRecord {
        var item = item
        item.active = false
        return item
    }

    /// What the API answers for the numbering sequence.
    static func view(_ item: SequenceDefinitionRecord, now: Date) -> View {
        let year = Calendar(identifier: .gregorian).component(.year, from: now)
        return View(
            prefix: item.prefix, name: item.name, padding: item.padding, active: item.active,
            format: item.example(year: year))
    }

    /// The numbering sequence the input describes, checked against every rule; all problems are
    /// reported at once.
    static func build(_ input: Input, existing: SequenceDefinitionRecord?, newID: String, in db: Database) throws
        -> SequenceDefinitionRecord
    {
        var problems = SetupProblems()
        var unique = UniqueCheck()
        let prefix = (SetupRules.clean(input.prefix) ?? existing?.prefix ?? "").uppercased()
        let name = SetupRules.clean(input.name) ?? (input.name == nil ? existing?.name : nil) ?? ""
        let padding = input.padding ?? existing?.padding ?? TicketNumber.defaultPadding
        if let existing {
            problems.require(
                prefix == existing.prefix, "prefix",
                Wording(
                    it:
                        "Il prefisso di un numeratore non si può cambiare (sono già stati emessi numeri con quel prefisso); crea invece un nuovo numeratore.",
                    en:
                        "The prefix of a sequence cannot change (numbers were issued with it); create a new sequence instead."
                ))
        } else if prefix.isEmpty {
            problems.add("prefix", Wording(it: "Manca il prefisso.", en: "The prefix is required."))
        } else {
            problems.require(
                SetupRules.isCode(prefix) && prefix.count <= 10, "prefix",
                Wording(
                    it:
                        "Il prefisso '\(prefix)' deve iniziare con una lettera e usare solo A–Z, 0–9, - e _ (al massimo 10).",
                    en: "The prefix '\(prefix)' must start with a letter and use only A–Z, 0–9, - and _ (at most 10)."))
            let taken = try SequenceDefinitionRecord.exists(db, key: prefix)
            unique.check(
                taken: taken, field: "prefix",
                message: Wording(
                    it: "Esiste già un numeratore con prefisso '\(prefix)'.",
                    en: "There is already a numbering sequence with prefix '\(prefix)'."))
        }
        problems.required(
            name, "name", Wording(it: "Manca il nome del numeratore.", en: "The sequence name is required."))
        problems.require(
            (1...12).contains(padding), "padding",
            Wording(it: "Il numero di cifre deve essere da 1 a 12.", en: "The number of digits must be from 1 to 12."))
        try unique.finish(problems)
        return SequenceDefinitionRecord(
            prefix: prefix, name: name, padding: padding, active: input.active ?? existing?.active ?? true)
    }

    /// Sequences have no snapshot: no other service numbers documents with intake's sequences.
    static func save(
        _ item: SequenceDefinitionRecord, previous: SequenceDefinitionRecord?, outbox: OutboxWriter, in db: Database
    ) throws {
        try item.save(db)
    }
}
