import AriannaProtocol
import Foundation
import GRDB
import IntakeDomain
import ServiceKit

/// The configured demo company beyond the activity types and operators of `DefaultSetup`:
/// numbering sequences, practices, activity states, groups and customers with sites in the
/// zones the planner demo uses. `installMissing` adds each part only while its table is empty,
/// so a store from before the setup pages gets them once and a later start changes nothing.
enum DefaultCompany {
    /// The demo company's numbering sequences: TCK for tickets, MNT for maintenance.
    static let sequences: [SequenceDefinitionRecord] = [
        SequenceDefinitionRecord(prefix: "TCK", name: "Ticket", padding: 6, active: true),
        SequenceDefinitionRecord(prefix: "MNT", name: "Manutenzioni / Maintenance", padding: 6, active: true)
    ]

    /// The demo company's practices.
    static let practices: [PracticeRecord] = [
        PracticeRecord(
            id: "pr-assist", code: "ASSIST", name: "Assistenza tecnica / Technical assistance", active: true),
        PracticeRecord(id: "pr-sales", code: "SALES", name: "Commerciale", active: true),
        PracticeRecord(id: "pr-admin", code: "ADMIN", name: "Amministrazione", active: true)
    ]

    /// The demo company's activity states, from new to closed or cancelled.
    static let states: [ActivityStateRecord] = [
        ActivityStateRecord(
            id: "st-new", code: "NEW", name: "Nuovo", colour: "#1f77b4", isFinal: false, position: 10, active: true),
        ActivityStateRecord(
            id: "st-working", code: "WORKING", name: "In lavorazione", colour: "#ff7f0e", isFinal: false, position: 20,
            active: true),
        ActivityStateRecord(
            id: "st-planned", code: "PLANNED", name: "Pianificato", colour: "#9467bd", isFinal: false, position: 30,
            active: true),
        ActivityStateRecord(
            id: "st-closed", code: "CLOSED", name: "Chiuso", colour: "#2ca02c", isFinal: true, position: 40,
            active: true),
        ActivityStateRecord(
            id: "st-cancelled", code: "CANCELLED", name: "Annullato", colour: "#7f7f7f", isFinal: true, position: 50,
            active: true)
    ]

    /// The demo company's groups: the northern technicians and the back office.
    static let groups: [OperatorGroupRecord] = [
        OperatorGroupRecord(id: "grp-technicians-north", name: "Technicians North", active: true),
        OperatorGroupRecord(id: "grp-back-office", name: "Back office", active: true)
    ]

    /// Customers of `scripts/demo.sh` (same emails, so its tickets find them), with sites in its zones.
    static let customers: [CustomerSetup] = [
        customer(
            "cus-moretti", "Panificio Moretti", "ordini@panificio-moretti.example", "+39 02 5550101",
            [("Laboratorio", "Via Padova 12, Milano", "Milano")]),
        customer(
            "cus-lagoblu", "Hotel Lago Blu", "manutenzione@lagoblu.example", "+39 031 5550202",
            [("Hotel", "Lungolago Trento 5, Como", "Como")]),
        customer(
            "cus-ferri", "Studio Dentistico Ferri", "segreteria@studioferri.example", "+39 039 5550303",
            [("Studio", "Via Italia 20, Monza", "Monza")]),
        customer(
            "cus-dagino", "Trattoria Da Gino", "gino@dagino.example", "+39 02 5550404",
            [("Trattoria", "Corso Garibaldi 8, Milano", "Milano")]),
        customer(
            "cus-farmacia", "Farmacia Centrale", "info@farmaciacentrale.example", "+39 035 5550505",
            [("Farmacia", "Piazza Vecchia 1, Bergamo", "Bergamo"), ("Magazzino", "Via Lecco 40, Monza", "Monza")])
    ]

    private static func customer(
        _ id: String, _ name: String, _ email: String, _ phone: String, _ sites: [(String, String, String)]
    ) -> CustomerSetup {
        CustomerSetup(
            customer: CustomerRecord(id: id, name: name, email: email, phone: phone, active: true),
            sites: sites.enumerated().map { index, site in
                SiteRecord(
                    id: "\(id)-site-\(index + 1)", customerID: id, name: site.0, address: site.1, zone: site.2,
                    active: true)
            })
    }

    /// The palettes the default activity types get (also given to those of an older store once).
    static func configured(_ type: ActivityTypeRecord) -> ActivityTypeRecord {
        var type = type
        let appliance = LayoutField(key: "appliance", label: "Apparecchio / Appliance", kind: .text, required: true)
        let serial = LayoutField(key: "serial_number", label: "Matricola / Serial number", kind: .text, required: false)
        switch type.id {
        case "at-repair":
            type.practiceID = "pr-assist"
            type.notifyAssignee = true
            type.layout = [appliance, serial]
            type.registrationType = .billable
            type.billingArticles = [
                BillingArticle(
                    code: "CALL-FEE", description: "Diritto di chiamata / Call-out fee",
                    quantity: 1, unitPriceCents: 3_500)
            ]
        case "at-warranty":
            type.practiceID = "pr-assist"
            type.layout = [
                appliance,
                LayoutField(key: "serial_number", label: "Matricola / Serial number", kind: .text, required: true)
            ]
            type.registrationType = .warranty
        case "at-maintenance":
            type.practiceID = "pr-assist"
            type.notifyAssignee = true
            type.layout = [appliance, serial]
            type.registrationType = .billable
            type.productionOrder = ProductionOrderSetting(documentType: "ODP", articleCode: "KIT-MAINT", quantity: 1)
            type.followUpRules = [
                FollowUpRule(
                    trigger: .onDeadlineClose, targetActivityTypeCode: "MAINTENANCE",
                    recurrence: .init(count: 3, unit: .months), baseDate: .deadlineDate)
            ]
        default:
            break
        }
        type.billable = type.registrationType.isBillable
        return type
    }

    /// Adds every part whose table is empty, with its snapshot events; true when anything was added.
    static func installMissing(in db: Database, outbox: OutboxWriter) throws -> Bool {
        var changed = false
        if try SequenceDefinitionRecord.fetchCount(db) == 0 {
            let used = Set(
                try ActivityTypeRecord.select(ActivityTypeRecord.Columns.numberingPrefix, as: String.self)
                    .distinct().fetchAll(db))
            for sequence in sequences { try sequence.insert(db) }
            for prefix in used.subtracting(sequences.map(\.prefix)).sorted() {
                try SequenceDefinitionRecord(
                    prefix: prefix, name: prefix, padding: TicketNumber.defaultPadding, active: true
                ).insert(db)
            }
            changed = true
        }
        if try PracticeRecord.fetchCount(db) == 0 {
            for practice in practices {
                try practice.insert(db)
                try outbox.append(practice.snapshot, in: db)
            }
            // A store from before practices: its default types get their palettes, once.
            for type in try ActivityTypeRecord.fetchAll(db) where type.practiceID == nil {
                let configured = configured(type)
                guard configured != type else { continue }
                try configured.update(db)
                try outbox.append(configured.snapshot, in: db)
            }
            changed = true
        }
        if try ActivityStateRecord.fetchCount(db) == 0 {
            for state in states {
                try state.insert(db)
                try outbox.append(state.snapshot, in: db)
            }
            changed = true
        }
        if try OperatorGroupRecord.fetchCount(db) == 0 {
            var names = Set(groups.map(\.name))
            for group in groups {
                try group.insert(db)
                try outbox.append(group.snapshot, in: db)
            }
            // Groups that operators of an older store already name become records too.
            for person in try OperatorRecord.fetchAll(db) {
                for name in person.groups where names.insert(name).inserted {
                    let group = OperatorGroupRecord(id: "grp-\(slug(name))", name: name, active: true)
                    try group.insert(db, onConflict: .ignore)
                    try outbox.append(group.snapshot, in: db)
                }
            }
            changed = true
        }
        if try SiteRecord.fetchCount(db) == 0 {
            for demo in customers {
                var item = demo
                // A customer the demo's tickets already created keeps its id and gets the sites.
                if let known =
                    try CustomerRecord
                    .filter(CustomerRecord.Columns.email.collating(.nocase) == demo.customer.email).fetchOne(db)
                {
                    item.customer.id = known.id
                    item.sites = demo.sites.enumerated().map { index, site in
                        var site = site
                        site.customerID = known.id
                        site.id = "\(known.id)-site-\(index + 1)"
                        return site
                    }
                }
                try item.customer.save(db)
                for site in item.sites { try site.insert(db) }
                try outbox.append(item.snapshot, in: db)
            }
            changed = true
        }
        return changed
    }

    /// `Technicians North` → `technicians-north`.
    static func slug(_ name: String) -> String {
        String(name.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" })
    }
}
