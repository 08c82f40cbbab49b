import AriannaProtocol
import Foundation
import GRDB
import IntakeDomain
import ServiceKit

/// Activity types (R5) with their three palettes. `billable` always follows the registration
/// type; a code rename rewrites the follow-up rules of other types that name it.
enum ActivityTypeSetup: SetupKind {
    /// An activity type change with its three palettes, as the form or the API sends it: only the
    /// fields sent are changed.
    struct Input: Decodable, Sendable {
        // General palette.
        /// The short code, upper-cased; unique among the activity types.
        var code: String?
        /// The activity type's name.
        var name: String?
        /// The practice the type belongs to (R4); empty: every practice.
        var practiceID: String?
        /// Call, appointment or task (deadline).
        var macroType: ActivityMacroType?
        /// How long a visit usually takes, in minutes.
        var expectedDurationMinutes: Int?
        /// The prefix of the sequence numbering the type's tickets.
        var numberingPrefix: String?
        /// Whether a new deadline of the type notifies its operator in charge.
        var notifyAssignee: Bool?
        /// The custom fields the type's form shows; replaces the whole layout.
        var layout: [LayoutField]?
        // Billing palette.
        /// How work of the type is registered for billing; `billable` follows it.
        var registrationType: RegistrationType?
        /// The colour the planner shows, `#rrggbb`.
        var colour: String?
        /// Articles billed with paid work of the type; replaces the whole list.
        var billingArticles: [BillingArticle]?
        // Advanced palette.
        /// The production order each deadline of the type creates.
        var productionOrder: ProductionOrderSetting?
        /// True when the body says `"productionOrder": null`: the type stops creating orders.
        var clearsProductionOrder = false
        /// The follow-up rules; replaces the whole list.
        var followUpRules: [FollowUpRule]?
        /// R11: the group its new tickets go to; `null` or empty: the configured default.
        var backOfficeGroup: String?
        /// True when the body says `"backOfficeGroup": null`: the type goes back to the configured
        /// default.
        var clearsBackOfficeGroup = false
        /// False deactivates the activity type, true brings it back; absent keeps it as it is.
        var active: Bool?

        /// The JSON names of the input, read by hand to tell `null` from absent.
        enum CodingKeys: String, CodingKey {
            /// The general palette's wire names (`code`, `name`, `practiceID`, `macroType`,
            /// `expectedDurationMinutes`, `numberingPrefix`, `notifyAssignee`, `layout`), as the properties.
            case code, name, practiceID, macroType, expectedDurationMinutes, numberingPrefix, notifyAssignee, layout
            /// The billing and advanced palettes' wire names (`registrationType`, `colour`,
            /// `billingArticles`, `productionOrder`, `followUpRules`) and `active`, `backOfficeGroup`.
            case registrationType, colour, billingArticles, productionOrder, followUpRules, active, backOfficeGroup
        }

        /// An input that changes nothing.
        init() {}

        /// Reads the input, noting an explicit `null` for the production order and the back-office
        /// group.
        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            code = try c.decodeIfPresent(String.self, forKey: .code)
            name = try c.decodeIfPresent(String.self, forKey: .name)
            practiceID = try c.decodeIfPresent(String.self, forKey: .practiceID)
            macroType = try c.decodeIfPresent(ActivityMacroType.self, forKey: .macroType)
            expectedDurationMinutes = try c.decodeIfPresent(Int.self, forKey: .expectedDurationMinutes)
            numberingPrefix = try c.decodeIfPresent(String.self, forKey: .numberingPrefix)
            notifyAssignee = try c.decodeIfPresent(Bool.self, forKey: .notifyAssignee)
            layout = try c.decodeIfPresent([LayoutField].self, forKey: .layout)
            registrationType = try c.decodeIfPresent(RegistrationType.self, forKey: .registrationType)
            try Self.requireKnown(registrationType, at: c.codingPath + [CodingKeys.registrationType])
            colour = try c.decodeIfPresent(String.self, forKey: .colour)
            billingArticles = try c.decodeIfPresent([BillingArticle].self, forKey: .billingArticles)
            productionOrder = try c.decodeIfPresent(ProductionOrderSetting.self, forKey: .productionOrder)
            clearsProductionOrder = c.contains(.productionOrder) && productionOrder == nil
            followUpRules = try c.decodeIfPresent([FollowUpRule].self, forKey: .followUpRules)
            for (index, field) in (layout ?? []).enumerated() {
                try Self.requireKnown(
                    field.kind, at: c.codingPath + [CodingKeys.layout, TermPath(index), TermPath("kind")])
            }
            for (index, rule) in (followUpRules ?? []).enumerated() {
                let path = c.codingPath + [CodingKeys.followUpRules, TermPath(index)]
                try Self.requireKnown(rule.trigger, at: path + [TermPath("trigger")])
                try Self.requireKnown(rule.recurrence.unit, at: path + [TermPath("recurrence"), TermPath("unit")])
                try Self.requireKnown(rule.baseDate, at: path + [TermPath("baseDate")])
            }
            active = try c.decodeIfPresent(Bool.self, forKey: .active)
            backOfficeGroup = SetupRules.clean(try c.decodeIfPresent(String.self, forKey: .backOfficeGroup))
            clearsBackOfficeGroup = c.contains(.backOfficeGroup) && backOfficeGroup == nil
        }

        /// Refuses a palette term intake does not offer with the decoding error the terms gave when
        /// they were Swift enumerations (a 400 naming the field); the wire type itself lets unknown
        /// terms through for the consumers' sake.
        private static func requireKnown<Term: PaletteTerm>(_ term: Term?, at path: [any CodingKey]) throws {
            guard let term, !term.isKnown else { return }
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: path,
                    debugDescription: "Cannot initialize \(Term.self) from invalid String value \(term.rawValue)"))
        }

        /// A step of the path to a refused term: an array index or a member name.
        private struct TermPath: CodingKey {
            let stringValue: String
            let intValue: Int?
            init(_ index: Int) {
                stringValue = "Index \(index)"
                intValue = index
            }
            init(_ name: String) {
                stringValue = name
                intValue = nil
            }
            init?(stringValue: String) { self.init(stringValue) }
            init?(intValue: Int) { self.init(intValue) }
        }
    }

    /// The activity types' URL segment: `/api/setup/activity-types` and `/setup/activity-types`.
    static let path = "activity-types"
    /// The activity type, as refusals name it.
    static let noun = "activity type"
    /// What a "not found" refusal names: no such activity type.
    static let missing = Wording(it: "nessun tipo di attività", en: "activity type")

    /// The activity type's id, as URLs name it.
    static func id(of item: ActivityTypeRecord) -> String { item.id }
    /// Whether the activity type is still offered (a deactivated one is kept, never deleted).
    static func isActive(_ item: ActivityTypeRecord) -> Bool { item.active }
    /// Whether the activity type matches a `?q=` search.
    static func matches(_ item: ActivityTypeRecord, query: String?) -> Bool {
        SetupRules.matches(query, item.code, item.name)
    }
    /// Every activity type, in list order.
    static func fetchAll(_ db: Database) throws -> [ActivityTypeRecord] {
        try ActivityTypeRecord.order(ActivityTypeRecord.Columns.code).fetchAll(db)
    }
    /// The activity type with this id, if any.
    static func fetchOne(_ db: Database, id: String) throws -> ActivityTypeRecord? {
        try ActivityTypeRecord.fetchOne(db, key: id)
    }
    /// The activity type, retired: kept for what names it, offered no more.
    static func deactivated(_ item: ActivityTypeRecord) -> ActivityTypeRecord {
        var item = item
        item.active = false
        return item
    }

    /// The activity type the input describes, checked against every rule; all problems are reported
    /// at once.
    static func build(_ input: Input, existing: ActivityTypeRecord?, newID: String, in db: Database) throws
        -> ActivityTypeRecord
    {
        var problems = SetupProblems()
        var unique = UniqueCheck()
        let id = existing?.id ?? newID
        func text(_ given: String?, _ old: String?) -> String {
            SetupRules.clean(given) ?? (given == nil ? old : nil) ?? ""
        }
        // General palette.
        let code = text(input.code, existing?.code).uppercased()
        let name = text(input.name, existing?.name)
        if code.isEmpty {
            problems.add(
                "code", Wording(it: "Manca il codice del tipo di attività.", en: "The activity type code is required."))
        } else {
            problems.require(
                SetupRules.isCode(code), "code",
                Wording(
                    it:
                        "Il codice '\(code)' deve iniziare con una lettera e usare solo A–Z, 0–9, - e _ (al massimo 20).",
                    en: "The code '\(code)' must start with a letter and use only A–Z, 0–9, - and _ (at most 20)."))
        }
        problems.required(
            name, "name", Wording(it: "Manca il nome del tipo di attività.", en: "The activity type name is required."))
        let macroType = input.macroType ?? existing?.macroType
        problems.require(
            macroType != nil, "macroType",
            Wording(
                it: "Scegli il macro tipo: chiamata, appuntamento o attività/scadenza.",
                en: "Choose the macro type: call, appointment or task."))
        let duration = input.expectedDurationMinutes ?? existing?.expectedDurationMinutes ?? 0
        problems.require(
            (1...1440).contains(duration), "expectedDurationMinutes",
            Wording(
                it: "La durata prevista deve essere da 1 a 1440 minuti.",
                en: "The expected duration must be from 1 to 1440 minutes."))
        let prefix = text(input.numberingPrefix, existing?.numberingPrefix).uppercased()
        if prefix.isEmpty {
            problems.add(
                "numberingPrefix",
                Wording(
                    it: "Scegli il numeratore delle sue scadenze.",
                    en: "Choose the numbering sequence of its deadlines."))
        } else if try !SequenceDefinitionRecord.filter(key: prefix).filter(
            SequenceDefinitionRecord.Columns.active == true
        ).fetchCount(db).isPositive {
            problems.add(
                "numberingPrefix",
                Wording(
                    it: "Non esiste un numeratore attivo con prefisso '\(prefix)'.",
                    en: "There is no active numbering sequence with prefix '\(prefix)'."))
        }
        let practiceID = input.practiceID == nil ? existing?.practiceID : SetupRules.clean(input.practiceID)
        if let practiceID, practiceID != existing?.practiceID,
            try PracticeRecord.filter(key: practiceID).filter(PracticeRecord.Columns.active == true).fetchCount(db) == 0
        {
            problems.add(
                "practiceID",
                Wording(
                    it: "Non esiste una pratica attiva '\(practiceID)'.",
                    en: "There is no active practice '\(practiceID)'."))
        }
        let layout = input.layout ?? existing?.layout ?? []
        var keys: Set<String> = []
        for (index, field) in layout.enumerated() {
            let path = "layout[\(index)]"
            problems.require(
                SetupRules.isFieldKey(field.key), "\(path).key",
                Wording(
                    it:
                        "Campo \(index + 1): la chiave '\(field.key)' deve iniziare con una lettera a-z e usare solo a–z, 0–9 e _.",
                    en: "Field \(index + 1): the key '\(field.key)' must start with a-z and use only a–z, 0–9 and _."))
            problems.require(
                keys.insert(field.key).inserted, "\(path).key",
                Wording(
                    it: "Campo \(index + 1): la chiave '\(field.key)' è usata due volte.",
                    en: "Field \(index + 1): the key '\(field.key)' is used twice."))
            problems.required(
                field.label, "\(path).label",
                Wording(it: "Campo \(index + 1): manca l'etichetta.", en: "Field \(index + 1): the label is required."))
            problems.require(
                field.kind != .choice || !field.choices.isEmpty, "\(path).choices",
                Wording(
                    it: "Campo \(index + 1): un campo a scelta richiede almeno un'opzione.",
                    en: "Field \(index + 1): a choice field needs at least one choice."))
        }
        // Billing palette.
        let registration = input.registrationType ?? existing?.registrationType ?? .billable
        let colour = text(input.colour, existing?.colour).lowercased()
        problems.require(
            SetupRules.isColour(colour), "colour",
            Wording(
                it: "Il colore nel planner deve essere come #1f77b4 (# e sei cifre esadecimali).",
                en: "The planner colour must look like #1f77b4 (# and six hex digits)."))
        let articles = input.billingArticles ?? existing?.billingArticles ?? []
        for (index, article) in articles.enumerated() {
            let path = "billingArticles[\(index)]"
            problems.required(
                article.code, "\(path).code",
                Wording(
                    it: "Articolo di fatturazione \(index + 1): manca il codice articolo.",
                    en: "Billing article \(index + 1): the article code is required."))
            problems.required(
                article.description, "\(path).description",
                Wording(
                    it: "Articolo di fatturazione \(index + 1): manca la descrizione.",
                    en: "Billing article \(index + 1): the description is required."))
            problems.require(
                article.quantity.isFinite && article.quantity > 0, "\(path).quantity",
                Wording(
                    it: "Articolo di fatturazione \(index + 1): la quantità deve essere maggiore di zero.",
                    en: "Billing article \(index + 1): the quantity must be greater than zero."))
            problems.require(
                article.unitPriceCents >= 0, "\(path).unitPriceCents",
                Wording(
                    it: "Articolo di fatturazione \(index + 1): il prezzo unitario non può essere negativo.",
                    en: "Billing article \(index + 1): the unit price cannot be negative."))
        }
        // Advanced palette.
        let order = input.clearsProductionOrder ? nil : (input.productionOrder ?? existing?.productionOrder)
        if let order {
            problems.required(
                order.documentType, "productionOrder.documentType",
                Wording(
                    it: "Manca il tipo documento dell'ordine di produzione.",
                    en: "The production order's document type is required."))
            problems.required(
                order.articleCode, "productionOrder.articleCode",
                Wording(
                    it: "Manca l'articolo dell'ordine di produzione.", en: "The production order's article is required."
                ))
            problems.require(
                order.quantity.isFinite && order.quantity > 0, "productionOrder.quantity",
                Wording(
                    it: "La quantità dell'ordine di produzione deve essere maggiore di zero.",
                    en: "The production order's quantity must be greater than zero."))
        }
        // Kept rules that named the type itself follow a change of its own code.
        let rules =
            input.followUpRules
            ?? (existing?.followUpRules ?? []).map { rule in
                var rule = rule
                if rule.targetActivityTypeCode == existing?.code { rule.targetActivityTypeCode = code }
                return rule
            }
        let knownCodes = Set(
            try ActivityTypeRecord.filter(ActivityTypeRecord.Columns.id != id)
                .select(ActivityTypeRecord.Columns.code, as: String.self).fetchAll(db))
        for (index, rule) in rules.enumerated() {
            let path = "followUpRules[\(index)]"
            let target = rule.targetActivityTypeCode.uppercased()
            problems.require(
                knownCodes.contains(target) || target == code, "\(path).targetActivityTypeCode",
                Wording(
                    it:
                        "Scadenza successiva \(index + 1): non esiste un tipo di attività con codice '\(rule.targetActivityTypeCode)'.",
                    en: "Follow-up \(index + 1): there is no activity type with code '\(rule.targetActivityTypeCode)'.")
            )
            problems.require(
                (1...120).contains(rule.recurrence.count), "\(path).recurrence.count",
                Wording(
                    it:
                        "Scadenza successiva \(index + 1): la ricorrenza deve essere da 1 a 120 \(italianUnit(rule.recurrence.unit)).",
                    en: "Follow-up \(index + 1): the recurrence must be from 1 to 120 \(rule.recurrence.unit.rawValue)."
                ))
        }
        let group = input.clearsBackOfficeGroup ? nil : (input.backOfficeGroup ?? existing?.backOfficeGroup)
        if let group, group != existing?.backOfficeGroup,
            try OperatorGroupRecord.filter(OperatorGroupRecord.Columns.name == group)
                .filter(OperatorGroupRecord.Columns.active == true).fetchCount(db) == 0
        {
            problems.add(
                "backOfficeGroup",
                Wording(it: "Non esiste un gruppo attivo '\(group)'.", en: "There is no active group '\(group)'."))
        }
        let taken =
            try ActivityTypeRecord
            .filter(ActivityTypeRecord.Columns.code == code && ActivityTypeRecord.Columns.id != id).fetchCount(db)
        unique.check(
            taken: taken > 0, field: "code",
            message: Wording(
                it: "Esiste già un tipo di attività con codice '\(code)'.",
                en: "There is already an activity type with code '\(code)'."))
        try unique.finish(problems)
        var record = ActivityTypeRecord(
            id: id, code: code, name: name, macroType: macroType ?? .call, expectedDurationMinutes: duration,
            billable: registration.isBillable, colour: colour, numberingPrefix: prefix,
            active: input.active ?? existing?.active ?? true, practiceID: practiceID,
            notifyAssignee: input.notifyAssignee ?? existing?.notifyAssignee ?? false, layout: layout,
            registrationType: registration, billingArticles: articles, productionOrder: order,
            followUpRules: rules.map { rule in
                var rule = rule
                rule.targetActivityTypeCode = rule.targetActivityTypeCode.uppercased()
                return rule
            })
        record.backOfficeGroup = group
        return record
    }

    /// Writes the activity type and announces it on `arianna.setup`, in the caller's transaction.
    static func save(_ item: ActivityTypeRecord, previous: ActivityTypeRecord?, outbox: OutboxWriter, in db: Database)
        throws
    {
        try item.save(db)
        try outbox.append(item.snapshot, in: db)
        guard let previous, previous.code != item.code else { return }
        for var other in try ActivityTypeRecord.fetchAll(db)
        where other.id != item.id && other.followUpRules.contains(where: { $0.targetActivityTypeCode == previous.code })
        {
            other.followUpRules = other.followUpRules.map { rule in
                var rule = rule
                if rule.targetActivityTypeCode == previous.code { rule.targetActivityTypeCode = item.code }
                return rule
            }
            try other.update(db)
            try outbox.append(other.snapshot, in: db)
        }
    }
}

/// A recurrence unit in Italian, for messages.
private func italianUnit(_ unit: FollowUpRule.Recurrence.Unit) -> String {
    switch unit {
    case .days: "giorni"
    case .weeks: "settimane"
    case .months: "mesi"
    default: unit.rawValue
    }
}

extension Int {
    fileprivate var isPositive: Bool { self > 0 }
}
