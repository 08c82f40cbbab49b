import AriannaProtocol
import Foundation
import GRDB
import IntakeDomain
import Testing

@testable import IntakeService
@testable import ServiceKit

extension IntakeFixture {
    var setup: SetupStore { SetupStore(context: context) }

    /// How many outbox rows of each type exist.
    func outboxCounts() async throws -> [String: Int] {
        try await context.database.read { db in
            Dictionary(
                uniqueKeysWithValues: try Row.fetchAll(
                    db, sql: "SELECT eventType, COUNT(*) AS n FROM outbox GROUP BY eventType"
                )
                .map { ($0["eventType"] as String, $0["n"] as Int) })
        }
    }
}

extension ActivityTypeSetup.Input {
    static func mock(code: String = "INSTALL", prefix: String = "TCK") -> ActivityTypeSetup.Input {
        var input = ActivityTypeSetup.Input()
        input.code = code
        input.name = "Installazione"
        input.macroType = .call
        input.expectedDurationMinutes = 45
        input.numberingPrefix = prefix
        input.colour = "#AA3300"
        input.practiceID = "pr-sales"
        return input
    }
}

@Suite struct SetupStoreTests {
    // MARK: Default company

    @Test func defaultSetup_installsTheConfiguredCompany() async throws {
        let fixture = try await IntakeFixture()
        let setup = fixture.setup
        #expect(try await setup.list(PracticeSetup.self).map(\.code) == ["ADMIN", "ASSIST", "SALES"])
        let states = try await setup.list(ActivityStateSetup.self)
        #expect(states.map(\.name) == ["Nuovo", "In lavorazione", "Pianificato", "Chiuso", "Annullato"])
        #expect(states.filter(\.isFinal).map(\.code) == ["CLOSED", "CANCELLED"])
        #expect(try await setup.list(SequenceSetup.self).map(\.prefix) == ["MNT", "TCK"])
        #expect(Set(try await setup.list(GroupSetup.self).map(\.name)) == ["Technicians North", "Back office"])
        let repair = try await setup.item(ActivityTypeSetup.self, id: "at-repair")
        #expect(repair.practiceID == "pr-assist")
        #expect(repair.layout.map(\.key) == ["appliance", "serial_number"])
        let warranty = try await setup.item(ActivityTypeSetup.self, id: "at-warranty")
        #expect(warranty.layout.first { $0.key == "appliance" }?.required == true)
        #expect(repair.billingArticles.count == 1)
        let maintenance = try await setup.item(ActivityTypeSetup.self, id: "at-maintenance")
        #expect(maintenance.followUpRules.first?.recurrence == .init(count: 3, unit: .months))
        #expect(maintenance.productionOrder != nil)
        let customers = try await setup.list(CustomerSetupKind.self)
        #expect(customers.count == 5)
        #expect(Set(customers.flatMap { $0.sites.map(\.zone) }) == ["Milano", "Como", "Monza", "Bergamo"])
        let counts = try await fixture.outboxCounts()
        #expect(counts[PracticeSnapshot.eventType] == 3)
        #expect(counts[ActivityStateSnapshot.eventType] == 5)
        #expect(counts[GroupSnapshot.eventType] == 2)
        #expect(counts[CustomerSnapshot.eventType] == 5)
    }

    @Test func defaultSetup_completesAStoreFromBeforePractices_once() async throws {
        // Given a store as the first installer left it: three bare activity types and operators
        let database = try ServiceDatabase.inMemory { IntakeMigrations.register(in: &$0) }
        let context = ServiceContext(
            configuration: ServiceConfiguration(
                serviceName: "intake", dataDirectory: URL(fileURLWithPath: "/tmp"), httpPort: 0),
            database: database, clock: .fixed(IntakeFixture.now), logger: .init(label: "test"))
        try await database.write { db in
            for type in DefaultSetup.activityTypes { try type.insert(db) }
            for person in DefaultSetup.operators { try person.insert(db) }
        }

        // When the installer runs, twice
        try await DefaultSetup.installIfEmpty(context)
        let afterFirst = try await database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox") }
        try await DefaultSetup.installIfEmpty(context)
        let afterSecond = try await database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox") }

        // Then the missing parts are there, the types got their palettes and were republished, once
        let setup = SetupStore(context: context)
        #expect(try await setup.list(PracticeSetup.self).count == 3)
        #expect(try await setup.item(ActivityTypeSetup.self, id: "at-repair").practiceID == "pr-assist")
        #expect(try await setup.item(ActivityTypeSetup.self, id: "at-warranty").registrationType == .warranty)
        #expect(try await setup.item(ActivityTypeSetup.self, id: "at-warranty").billable == false)
        #expect(afterFirst == afterSecond)
        let types = try await database.read { db in
            try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM outbox WHERE eventType = ?", arguments: [ActivityTypeSnapshot.eventType])
        }
        #expect(types == 3)
    }

    // MARK: Groups and operators

    @Test func group_duplicateName_isAConflict() async throws {
        let fixture = try await IntakeFixture()
        await #expect(
            throws: SetupError.conflict(
                field: "name",
                message: Wording(
                    it: "Esiste già un gruppo di nome 'back office'.",
                    en: "There is already a group named 'back office'."))
        ) {
            try await fixture.setup.create(GroupSetup.self, .init(name: "back office"))
        }
    }

    @Test func group_rename_rewritesMembershipsAndRepublishesOperators() async throws {
        let fixture = try await IntakeFixture()
        let before = try await fixture.outboxCounts()

        let renamed = try await fixture.setup.update(
            GroupSetup.self, id: "grp-technicians-north", .init(name: "Tecnici Nord"))

        #expect(renamed.name == "Tecnici Nord")
        let mario = try await fixture.setup.item(OperatorSetup.self, id: "op-mario")
        #expect(mario.groups == ["Tecnici Nord"])
        let after = try await fixture.outboxCounts()
        #expect(after[GroupSnapshot.eventType] == (before[GroupSnapshot.eventType] ?? 0) + 1)
        #expect(after[OperatorSnapshot.eventType] == (before[OperatorSnapshot.eventType] ?? 0) + 2)
        let last = try #require(try await fixture.outbox(type: OperatorSnapshot.eventType).last)
        guard case .operatorSnapshot(let snapshot) = last.event else {
            Issue.record("not an operator")
            return
        }
        #expect(snapshot.groups == ["Tecnici Nord"])
    }

    @Test func operator_withUnknownGroupAndBadEmail_listsBothProblems_writesNothing() async throws {
        let fixture = try await IntakeFixture()
        let before = try await fixture.outboxCounts()
        do {
            _ = try await fixture.setup.create(
                OperatorSetup.self, .init(name: "Anna", email: "not-an-email", groups: ["Back office", "Nowhere"]))
            Issue.record("expected a refusal")
        } catch let SetupError.invalid(problems) {
            #expect(problems.map(\.field) == ["email", "groups[1]"])
        }
        #expect(try await fixture.setup.list(OperatorSetup.self).count == 3)
        #expect(try await fixture.outboxCounts() == before)
    }

    @Test func operator_create_publishesItsSnapshot() async throws {
        let fixture = try await IntakeFixture()
        let anna = try await fixture.setup.create(
            OperatorSetup.self, .init(name: "Anna Neri", email: "anna@example.com", groups: ["Back office"]))
        let last = try #require(try await fixture.outbox(type: OperatorSnapshot.eventType).last)
        #expect(
            last.event
                == .operatorSnapshot(
                    OperatorSnapshot(
                        operatorID: anna.id, name: "Anna Neri", email: "anna@example.com",
                        groups: ["Back office"], active: true)))
        #expect(last.metadata.subject == "operator:\(anna.id)")
    }

    // MARK: Activity types

    @Test func activityType_invalid_listsEveryProblem_andWritesNothing() async throws {
        let fixture = try await IntakeFixture()
        let before = try await fixture.outboxCounts()
        var input = ActivityTypeSetup.Input()
        input.code = "bad code!"
        input.expectedDurationMinutes = 0
        input.numberingPrefix = "NOPE"
        input.colour = "red"
        input.layout = [
            LayoutField(key: "serial", label: "Serial", kind: .text, required: true),
            LayoutField(key: "serial", label: "", kind: .choice, required: false)
        ]
        input.billingArticles = [BillingArticle(code: "X", description: "X", quantity: 0, unitPriceCents: -1)]
        input.followUpRules = [
            FollowUpRule(
                trigger: .onClose, targetActivityTypeCode: "GHOST",
                recurrence: .init(count: 121, unit: .days), baseDate: .closingDate)
        ]
        do {
            _ = try await fixture.setup.create(ActivityTypeSetup.self, input)
            Issue.record("expected a refusal")
        } catch let SetupError.invalid(problems) {
            let fields = Set(problems.map(\.field))
            #expect(
                fields.isSuperset(of: [
                    "code", "name", "macroType", "expectedDurationMinutes", "numberingPrefix", "colour",
                    "layout[1].key", "layout[1].label", "layout[1].choices", "billingArticles[0].quantity",
                    "billingArticles[0].unitPriceCents", "followUpRules[0].targetActivityTypeCode",
                    "followUpRules[0].recurrence.count"
                ]))
        }
        #expect(try await fixture.setup.list(ActivityTypeSetup.self).count == 3)
        #expect(try await fixture.outboxCounts() == before)
    }

    @Test func activityType_takenCode_isAConflict() async throws {
        let fixture = try await IntakeFixture()
        await #expect(
            throws: SetupError.conflict(
                field: "code",
                message: Wording(
                    it: "Esiste già un tipo di attività con codice 'REPAIR'.",
                    en: "There is already an activity type with code 'REPAIR'."))
        ) {
            try await fixture.setup.create(ActivityTypeSetup.self, .mock(code: "repair"))
        }
    }

    @Test func activityType_billableFollowsTheRegistrationType() async throws {
        let fixture = try await IntakeFixture()
        var input = ActivityTypeSetup.Input.mock()
        input.registrationType = .underContract
        let created = try await fixture.setup.create(ActivityTypeSetup.self, input)
        #expect(created.billable == false)
        var change = ActivityTypeSetup.Input()
        change.registrationType = .billable
        #expect(try await fixture.setup.update(ActivityTypeSetup.self, id: created.id, change).billable == true)
    }

    @Test func activityType_renameAndRecolour_publishesTheFullSnapshot() async throws {
        let fixture = try await IntakeFixture()
        var change = ActivityTypeSetup.Input()
        change.name = "Riparazione"
        change.colour = "#123456"
        _ = try await fixture.setup.update(ActivityTypeSetup.self, id: "at-repair", change)
        let last = try #require(try await fixture.outbox(type: ActivityTypeSnapshot.eventType).last)
        guard case .activityTypeSnapshot(let snapshot) = last.event else {
            Issue.record("wrong event")
            return
        }
        #expect(snapshot.name == "Riparazione")
        #expect(snapshot.colour == "#123456")
        #expect(snapshot.practiceID == "pr-assist")
        #expect(snapshot.registrationType == "billable")
        #expect(snapshot.layout?.map(\.key) == ["appliance", "serial_number"])
        #expect(snapshot.billingArticles?.first?.code == "CALL-FEE")
    }

    @Test func activityType_codeRename_followsIntoOtherTypesFollowUpRules() async throws {
        let fixture = try await IntakeFixture()
        var input = ActivityTypeSetup.Input.mock(code: "CHECK")
        input.followUpRules = [
            FollowUpRule(
                trigger: .onOpen, targetActivityTypeCode: "maintenance",
                recurrence: .init(count: 1, unit: .weeks), baseDate: .deadlineDate)
        ]
        let check = try await fixture.setup.create(ActivityTypeSetup.self, input)
        #expect(check.followUpRules.first?.targetActivityTypeCode == "MAINTENANCE")

        var rename = ActivityTypeSetup.Input()
        rename.code = "MAINT"
        _ = try await fixture.setup.update(ActivityTypeSetup.self, id: "at-maintenance", rename)

        #expect(
            try await fixture.setup.item(ActivityTypeSetup.self, id: check.id).followUpRules.first?
                .targetActivityTypeCode == "MAINT")
        // maintenance's own rule named itself and follows too
        #expect(
            try await fixture.setup.item(ActivityTypeSetup.self, id: "at-maintenance").followUpRules.first?
                .targetActivityTypeCode == "MAINT")
    }

    @Test func deactivate_keepsTheRow_andPublishesItInactive() async throws {
        let fixture = try await IntakeFixture()
        let retired = try await fixture.setup.deactivate(ActivityTypeSetup.self, id: "at-warranty")
        #expect(retired.active == false)
        #expect(try await fixture.setup.list(ActivityTypeSetup.self).count == 3)
        #expect(
            try await fixture.setup.list(ActivityTypeSetup.self, active: true).map(\.code) == ["MAINTENANCE", "REPAIR"])
        #expect(try await fixture.setup.list(ActivityTypeSetup.self, active: false).map(\.code) == ["WARRANTY"])
        let last = try #require(try await fixture.outbox(type: ActivityTypeSnapshot.eventType).last)
        guard case .activityTypeSnapshot(let snapshot) = last.event else {
            Issue.record("wrong event")
            return
        }
        #expect(snapshot.activityTypeID == "at-warranty" && snapshot.active == false)
    }

    @Test func search_matchesCodeOrName_caseInsensitively() async throws {
        let fixture = try await IntakeFixture()
        #expect(try await fixture.setup.list(ActivityTypeSetup.self, query: "maint").map(\.id) == ["at-maintenance"])
        #expect(
            try await fixture.setup.list(CustomerSetupKind.self, query: "bergamo").map(\.customer.name) == [
                "Farmacia Centrale"
            ])
    }

    // MARK: Practices filter (R4)

    @Test func activityTypes_visibleTo_showsOnlyThoseOfThePractices() async throws {
        let fixture = try await IntakeFixture()
        let sales = try await fixture.setup.create(ActivityTypeSetup.self, .mock(code: "OFFER"))
        var loose = ActivityTypeSetup.Input.mock(code: "GENERIC")
        loose.practiceID = ""
        _ = try await fixture.setup.create(ActivityTypeSetup.self, loose)

        let visible = try await fixture.store.activityTypes(visibleTo: ["pr-sales"]).map(\.code)
        #expect(visible == ["GENERIC", sales.code])
        #expect(try await fixture.store.activityTypes(visibleTo: nil).count == 5)
    }

    // MARK: Numbering sequences

    @Test func sequence_paddingShapesTheTicketNumbers() async throws {
        let fixture = try await IntakeFixture()
        let sequence = try await fixture.setup.create(
            SequenceSetup.self, .init(prefix: "int", name: "Interventi", padding: 4))
        #expect(sequence.prefix == "INT")
        #expect(SequenceSetup.view(sequence, now: IntakeFixture.now).format == "INT/2030/0123")
        var intervention = ActivityTypeSetup.Input.mock(code: "INTERVENTION", prefix: "INT")
        intervention.layout = [LayoutField(key: "appliance", label: "Apparecchio", kind: .text, required: false)]
        _ = try await fixture.setup.create(ActivityTypeSetup.self, intervention)

        let first = try await fixture.store.openTicket(.mock(type: "INTERVENTION"), channel: .api).ticket
        _ = try await fixture.setup.update(SequenceSetup.self, id: "INT", .init(padding: 8))
        let second = try await fixture.store.openTicket(.mock(type: "INTERVENTION"), channel: .api).ticket

        #expect(first.number == "INT/2030/0001")
        #expect(second.number == "INT/2030/00000002")
    }

    @Test func sequence_prefixCannotChange_andPaddingIsBounded() async throws {
        let fixture = try await IntakeFixture()
        do {
            _ = try await fixture.setup.update(SequenceSetup.self, id: "TCK", .init(prefix: "TKT", padding: 13))
            Issue.record("expected a refusal")
        } catch let SetupError.invalid(problems) {
            #expect(problems.map(\.field) == ["prefix", "padding"])
        }
        await #expect(throws: SetupError.self) {
            try await fixture.setup.create(SequenceSetup.self, .init(prefix: "TCK", name: "Again", padding: 6))
        }
    }

    @Test func activityType_mustNameAnExistingSequence() async throws {
        let fixture = try await IntakeFixture()
        do {
            _ = try await fixture.setup.create(ActivityTypeSetup.self, .mock(prefix: "XYZ"))
            Issue.record("expected a refusal")
        } catch let SetupError.invalid(problems) {
            #expect(
                problems == [
                    FieldProblem(
                        field: "numberingPrefix",
                        Wording(
                            it: "Non esiste un numeratore attivo con prefisso 'XYZ'.",
                            en: "There is no active numbering sequence with prefix 'XYZ'."))
                ])
        }
    }

    // MARK: States and practices

    @Test func state_badColourAndTakenCode_is422ListingBoth() async throws {
        let fixture = try await IntakeFixture()
        do {
            _ = try await fixture.setup.create(
                ActivityStateSetup.self, .init(code: "NEW", name: "Nuovissimo", colour: "blue"))
            Issue.record("expected a refusal")
        } catch let SetupError.invalid(problems) {
            #expect(problems.map(\.field) == ["colour", "code"])
        }
    }

    @Test func state_create_publishesItsSnapshot() async throws {
        let fixture = try await IntakeFixture()
        let state = try await fixture.setup.create(
            ActivityStateSetup.self, .init(code: "waiting", name: "In attesa", colour: "#FFCC00", position: 25))
        let last = try #require(try await fixture.outbox(type: ActivityStateSnapshot.eventType).last)
        #expect(
            last.event
                == .activityStateSnapshot(
                    ActivityStateSnapshot(
                        stateID: state.id, code: "WAITING", name: "In attesa", colour: "#ffcc00", isFinal: false,
                        position: 25, active: true)))
    }

    @Test func practice_update_publishes_andUnknownIDIsNotFound() async throws {
        let fixture = try await IntakeFixture()
        _ = try await fixture.setup.update(PracticeSetup.self, id: "pr-sales", .init(name: "Commerciale / Sales"))
        let last = try #require(try await fixture.outbox(type: PracticeSnapshot.eventType).last)
        #expect(
            last.event
                == .practiceSnapshot(
                    PracticeSnapshot(practiceID: "pr-sales", code: "SALES", name: "Commerciale / Sales", active: true)))
        await #expect(throws: SetupError.notFound(kind: Wording(it: "nessuna pratica", en: "practice"), id: "pr-ghost"))
        {
            try await fixture.setup.update(PracticeSetup.self, id: "pr-ghost", .init(name: "x"))
        }
    }

    // MARK: Customers and sites

    @Test func customer_sitesDroppedFromAnUpdate_areDeactivatedNotDeleted() async throws {
        let fixture = try await IntakeFixture()
        let created = try await fixture.setup.create(
            CustomerSetupKind.self,
            .init(
                name: "Officina Sala", email: "sala@example.com", phone: "0255",
                sites: [
                    .init(name: "Officina", address: "Via A 1", zone: "Milano"),
                    .init(name: "Deposito", address: "Via B 2", zone: "Como")
                ]))
        #expect(created.snapshot.zones == ["Como", "Milano"])
        let keep = try #require(created.sites.first { $0.name == "Officina" })

        let updated = try await fixture.setup.update(
            CustomerSetupKind.self, id: created.customer.id,
            .init(sites: [
                .init(id: keep.id, name: "Officina", address: "Via A 1", zone: "Monza")
            ]))

        #expect(updated.sites.count == 2)
        #expect(updated.sites.filter(\.active).map(\.zone) == ["Monza"])
        let last = try #require(try await fixture.outbox(type: CustomerSnapshot.eventType).last)
        guard case .customerSnapshot(let snapshot) = last.event else {
            Issue.record("wrong event")
            return
        }
        #expect(snapshot.zones == ["Monza"])
        #expect(snapshot.sites.count == 2)
    }

    @Test func customer_siteWithoutZone_andForeignSite_areRefused() async throws {
        let fixture = try await IntakeFixture()
        do {
            _ = try await fixture.setup.update(
                CustomerSetupKind.self, id: "cus-moretti",
                .init(sites: [
                    .init(name: "Nuovo", zone: " "), .init(id: "cus-lagoblu-site-1", name: "Hotel", zone: "Como")
                ]))
            Issue.record("expected a refusal")
        } catch let SetupError.invalid(problems) {
            #expect(problems.map(\.field) == ["sites[0].zone", "sites[1].id"])
        }
    }
}
