import AriannaProtocol
import Foundation
import GRDB
import IntakeDomain
import ServiceKit

/// A mailing list (R14): addresses that hear about some events of some practices or activity
/// types. Intake only keeps and publishes it (`setup.mailing-list.v1`); notification sends.
struct MailingListRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    /// The SQLite table of mailing lists.
    static let databaseTableName = "mailingList"
    /// The mailing list's id.
    var id: String
    /// The mailing list's name.
    var name: String
    /// The addresses the list writes to.
    var addresses: [String]
    /// Empty = every practice.
    var practiceIDs: [String]
    /// Empty = every activity type.
    var activityTypeIDs: [String]
    /// Trigger names among `MailingListSnapshot.knownEvents`.
    var events: [String]
    /// Whether the mailing list is still in use.
    var active: Bool

    /// The columns the uniqueness check of a list's name queries by.
    enum Columns {
        /// The list's id.
        static let id = Column(CodingKeys.id)
        /// The list's name, unique whatever the case.
        static let name = Column(CodingKeys.name)
    }

    /// The list as `setup.mailing-list.v1` announces it.
    var snapshot: MailingListSnapshot {
        MailingListSnapshot(
            id: id, name: name, addresses: addresses, practiceIDs: practiceIDs,
            activityTypeIDs: activityTypeIDs, events: events, active: active)
    }
}

/// The setup kind of mailing lists: `/api/setup/mailing-lists` and `/setup/mailing-lists`.
enum MailingListSetup: SetupKind {
    /// A mailing list change as the form or the API sends it: only the fields sent are changed.
    struct Input: Decodable, Sendable {
        /// The mailing list's name.
        var name: String?
        /// The addresses the list writes to.
        var addresses: [String]?
        /// The practices whose tickets the list follows; empty: every practice.
        var practiceIDs: [String]?
        /// The activity types whose tickets the list follows; empty: every type.
        var activityTypeIDs: [String]?
        /// The events that write to the list (names among `MailingListSnapshot.knownEvents`).
        var events: [String]?
        /// False deactivates the mailing list, true brings it back; absent keeps it as it is.
        var active: Bool?
    }

    /// The mailing lists' URL segment: `/api/setup/mailing-lists` and `/setup/mailing-lists`.
    static let path = "mailing-lists"
    /// The mailing list, as refusals name it.
    static let noun = "mailing list"
    /// What a "not found" refusal names: no such mailing list.
    static let missing = Wording(it: "nessuna lista di distribuzione", en: "mailing list")

    /// The triggers in the order the form shows them, with their bilingual label.
    static let triggers: [(value: String, label: String)] = [
        ("ticket-opened", "Richiesta aperta · Ticket opened"),
        ("appointment-scheduled", "Appuntamento fissato · Appointment scheduled"),
        ("appointment-moved", "Appuntamento spostato · Appointment moved"),
        ("appointment-cancelled", "Appuntamento annullato · Appointment cancelled"),
        ("ticket-cancelled", "Richiesta annullata · Ticket cancelled"),
        ("intervention-completed", "Intervento completato · Intervention completed")
    ]

    /// The mailing list's id, as URLs name it.
    static func id(of item: MailingListRecord) -> String { item.id }
    /// Whether the mailing list is still offered (a deactivated one is kept, never deleted).
    static func isActive(_ item: MailingListRecord) -> Bool { item.active }
    /// Whether the mailing list matches a `?q=` search.
    static func matches(_ item: MailingListRecord, query: String?) -> Bool {
        SetupRules.matches(query, item.name, item.addresses.joined(separator: " "))
    }
    /// Every mailing list, in list order.
    static func fetchAll(_ db: Database) throws -> [MailingListRecord] {
        try MailingListRecord.order(MailingListRecord.Columns.name).fetchAll(db)
    }
    /// The mailing list with this id, if any.
    static func fetchOne(_ db: Database, id: String) throws -> MailingListRecord? {
        try MailingListRecord.fetchOne(db, key: id)
    }
    /// The mailing list, retired: kept for what names it, offered no more.
    static func deactivated(_ item: MailingListRecord) -> MailingListRecord {
        var item = item
        item.active = false
        return item
    }

    /// The mailing list the input describes, checked against every rule; all problems are reported
    /// at once.
    static func build(_ input: Input, existing: MailingListRecord?, newID: String, in db: Database) throws
        -> MailingListRecord
    {
        var problems = SetupProblems()
        var unique = UniqueCheck()
        let name = SetupRules.clean(input.name) ?? (input.name == nil ? existing?.name : nil) ?? ""
        problems.required(
            name, "name", Wording(it: "Manca il nome della lista.", en: "The mailing list name is required."))
        let addresses = (input.addresses ?? existing?.addresses ?? [])
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        problems.require(
            !addresses.isEmpty, "addresses",
            Wording(it: "Indicare almeno un indirizzo email.", en: "Give at least one email address."))
        for address in addresses where !SetupRules.isEmail(address) {
            problems.add(
                "addresses",
                Wording(it: "'\(address)' non è un indirizzo email.", en: "'\(address)' is not an email address."))
        }
        let events = input.events ?? existing?.events ?? []
        problems.require(
            !events.isEmpty, "events",
            Wording(it: "Scegliere almeno un evento.", en: "Choose at least one event."))
        for event in events where !MailingListSnapshot.knownEvents.contains(event) {
            problems.add("events", Wording(it: "Evento sconosciuto: \(event).", en: "Unknown event: \(event)."))
        }
        let practiceIDs = input.practiceIDs ?? existing?.practiceIDs ?? []
        for practiceID in practiceIDs where try PracticeRecord.fetchOne(db, key: practiceID) == nil {
            problems.add(
                "practiceIDs",
                Wording(it: "Pratica sconosciuta: \(practiceID).", en: "Unknown practice: \(practiceID)."))
        }
        let activityTypeIDs = input.activityTypeIDs ?? existing?.activityTypeIDs ?? []
        for typeID in activityTypeIDs where try ActivityTypeRecord.fetchOne(db, key: typeID) == nil {
            problems.add(
                "activityTypeIDs",
                Wording(it: "Tipo di attività sconosciuto: \(typeID).", en: "Unknown activity type: \(typeID)."))
        }
        let taken =
            try MailingListRecord
            .filter(
                MailingListRecord.Columns.name.collating(.nocase) == name
                    && MailingListRecord.Columns.id != (existing?.id ?? newID)
            )
            .fetchCount(db)
        unique.check(
            taken: taken > 0, field: "name",
            message: Wording(
                it: "Esiste già una lista di nome '\(name)'.", en: "There is already a mailing list named '\(name)'."))
        try unique.finish(problems)
        return MailingListRecord(
            id: existing?.id ?? newID, name: name, addresses: addresses, practiceIDs: practiceIDs,
            activityTypeIDs: activityTypeIDs, events: events, active: input.active ?? existing?.active ?? true)
    }

    /// Writes the mailing list and announces it on `arianna.setup`, in the caller's transaction.
    static func save(_ item: MailingListRecord, previous: MailingListRecord?, outbox: OutboxWriter, in db: Database)
        throws
    {
        try item.save(db)
        try outbox.append(item.snapshot, in: db)
    }
}
