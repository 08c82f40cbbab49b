import AriannaProtocol
import Foundation
import GRDB
import IntakeDomain
import Testing

@testable import IntakeService
@testable import ServiceKit

/// The back office's changes to a ticket in the store (issue 12): each one transaction with its
/// event and history line; every refusal leaves the ticket, the history and the outbox as they were.
@Suite struct TicketLifecycleStoreTests {
    let actor = TicketActor(name: "Giulia Verdi")

    func opened(_ fixture: IntakeFixture) async throws -> TicketView {
        try await fixture.store.openTicket(.mock(), channel: .api).ticket
    }

    /// Everything a refused change must not have touched.
    func footprint(_ id: String, _ fixture: IntakeFixture) async throws -> (TicketRecord?, Int, Int) {
        try await fixture.context.database.read { db in
            (
                try TicketRecord.fetchOne(db, key: id),
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM ticketHistory WHERE ticketID = ?", arguments: [id])
                    ?? 0,
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox") ?? 0
            )
        }
    }

    func expectUnchanged(
        _ id: String, _ fixture: IntakeFixture, since before: (TicketRecord?, Int, Int),
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let after = try await footprint(id, fixture)
        #expect(after.0 == before.0, sourceLocation: sourceLocation)
        #expect(after.1 == before.1, sourceLocation: sourceLocation)
        #expect(after.2 == before.2, sourceLocation: sourceLocation)
    }

    @Test func edit_replacesTheDetails_bumpsTheVersion_andPublishesTicketEdited() async throws {
        let fixture = try await IntakeFixture()
        let ticket = try await opened(fixture)
        let due = IntakeFixture.now.addingTimeInterval(3 * 24 * 3600)
        let edit = TicketEdit(
            version: ticket.version, description: "Oven broken, door seal too",
            customFields: ["appliance": "Forno rotativo"],
            siteZone: "Monza", contact: "Sig. Moretti, 333 1234567", dueAt: due)

        let edited = try await fixture.store.edit(ticket: ticket.id, edit, by: actor)

        #expect(edited.version == 2)
        #expect(edited.description == "Oven broken, door seal too")
        #expect(edited.customFields == ["appliance": "Forno rotativo"])
        #expect(edited.contact == "Sig. Moretti, 333 1234567")
        #expect(edited.dueAt == due)
        #expect(edited.siteZone == "Monza")
        let events = try await fixture.outbox(type: TicketEdited.eventType)
        #expect(events.count == 1)
        guard case .ticketEdited(let event) = events.first?.event else {
            Issue.record("no ticket.edited.v1")
            return
        }
        #expect(event.version == 2)
        #expect(event.editedBy == "Giulia Verdi")
        #expect(event.description == "Oven broken, door seal too")
        let history = try await fixture.store.history(ofTicket: ticket.id)
        #expect(history.last?.summary == "Edited by Giulia Verdi: description, custom fields, site, contact, due date.")
    }

    @Test func edit_withBadDetails_listsEveryProblem_andWritesNothing() async throws {
        let fixture = try await IntakeFixture()
        let ticket = try await opened(fixture)
        let before = try await footprint(ticket.id, fixture)
        let edit = TicketEdit(
            version: 1, description: "  ", customFields: ["colour": "red"], siteID: "cus-ferri-site-1")

        let error = await #expect(throws: TicketChangeError.self) {
            try await fixture.store.edit(ticket: ticket.id, edit, by: actor)
        }

        guard case .invalid(let problems) = error else {
            Issue.record("expected invalid, got \(String(describing: error))")
            return
        }
        #expect(problems.map(\.en).contains("description is required."))
        #expect(problems.map(\.en).contains("customFields.colour: this activity type has no field 'colour'."))
        #expect(problems.map(\.en).contains("customFields.appliance: 'Apparecchio / Appliance' is required."))
        #expect(problems.map(\.en).contains("site 'Studio' belongs to another customer."))
        #expect(problems.map(\.it).contains("description: la descrizione è obbligatoria."))
        try await expectUnchanged(ticket.id, fixture, since: before)
    }

    @Test func secondOfTwoEditsOnTheSameVersion_isStale_andOverwritesNothing() async throws {
        let fixture = try await IntakeFixture()
        let ticket = try await opened(fixture)
        _ = try await fixture.store.edit(
            ticket: ticket.id, TicketEdit(version: 1, description: "First", customFields: ["appliance": "Forno"]),
            by: actor)
        let before = try await footprint(ticket.id, fixture)

        let error = await #expect(throws: TicketChangeError.self) {
            try await fixture.store.edit(
                ticket: ticket.id, TicketEdit(version: 1, description: "Second", customFields: ["appliance": "Forno"]),
                by: actor)
        }

        #expect(error == .staleVersion(number: ticket.number, sent: 1, current: 2))
        #expect(error?.wording.it.contains("Qualcun altro ha modificato il ticket") == true)
        try await expectUnchanged(ticket.id, fixture, since: before)
        #expect(try await fixture.store.ticket(id: ticket.id).description == "First")
    }

    @Test func edit_withoutVersion_isRefused() async throws {
        let fixture = try await IntakeFixture()
        let ticket = try await opened(fixture)
        await #expect(throws: TicketChangeError.versionMissing) {
            try await fixture.store.edit(
                ticket: ticket.id, TicketEdit(version: nil, description: "x", customFields: ["appliance": "y"]),
                by: actor)
        }
    }

    @Test func reassign_toAGroupAndAnOperator_publishesTicketReassigned() async throws {
        let fixture = try await IntakeFixture()
        let ticket = try await opened(fixture)

        let moved = try await fixture.store.reassign(
            ticket: ticket.id, TicketReassignment(version: 1, group: "Technicians North", operatorID: "op-mario"),
            by: actor)

        #expect(moved.assignedGroup == "Technicians North")
        #expect(moved.assignedOperatorID == "op-mario")
        #expect(moved.assignedOperatorName == "Mario Rossi")
        let events = try await fixture.outbox(type: TicketReassigned.eventType)
        guard case .ticketReassigned(let event) = events.first?.event else {
            Issue.record("no ticket.reassigned.v1")
            return
        }
        #expect(event.group == "Technicians North")
        #expect(event.operatorID == "op-mario")
        #expect(
            try await fixture.store.history(ofTicket: ticket.id).last?.summary
                == "Assigned by Giulia Verdi to group Technicians North, operator Mario Rossi.")
    }

    @Test func reassign_toAnUnknownGroupOrOperator_isRefused_andWritesNothing() async throws {
        let fixture = try await IntakeFixture()
        let ticket = try await opened(fixture)
        let before = try await footprint(ticket.id, fixture)

        let error = await #expect(throws: TicketChangeError.self) {
            try await fixture.store.reassign(
                ticket: ticket.id, TicketReassignment(version: 1, group: "Nobody", operatorID: "op-ghost"), by: actor)
        }

        #expect(
            error
                == .invalid([
                    Wording(
                        it: "group: 'Nobody' non è un gruppo attivo.", en: "group 'Nobody' is not an active group."),
                    Wording(
                        it: "operatorID: 'op-ghost' non è un operatore attivo.",
                        en: "operatorID 'op-ghost' is not an active operator.")
                ]))
        try await expectUnchanged(ticket.id, fixture, since: before)
    }

    @Test func changeState_toANonFinalState_keepsItOpen() async throws {
        let fixture = try await IntakeFixture()
        let ticket = try await opened(fixture)

        let changed = try await fixture.store.changeState(
            ticket: ticket.id, TicketStateChange(version: 1, stateID: "st-working"), by: actor)

        #expect(changed.state == .open)
        #expect(changed.activityState?.id == "st-working")
        let events = try await fixture.outbox(type: TicketStateChanged.eventType)
        guard case .ticketStateChanged(let event) = events.first?.event else {
            Issue.record("no ticket.state-changed.v1")
            return
        }
        #expect(event.stateCode == "WORKING")
        #expect(event.colour == "#ff7f0e")
        #expect(!event.isFinal)
        #expect(try await fixture.outbox(type: TicketClosed.eventType).isEmpty)
    }

    @Test func changeState_toAFinalState_closesIt_andFiresTheOnDeadlineCloseRules() async throws {
        let fixture = try await IntakeFixture()
        let json = String(
            decoding: try JSONEncoder().encode([
                FollowUpRule(
                    trigger: .onDeadlineClose, targetActivityTypeCode: "WARRANTY",
                    recurrence: .init(count: 1, unit: .months), baseDate: .closingDate)
            ]), as: UTF8.self)
        try await fixture.context.database.write { db in
            try db.execute(sql: "UPDATE activityType SET followUpRules = ? WHERE code = 'REPAIR'", arguments: [json])
        }
        let ticket = try await opened(fixture)

        let closed = try await fixture.store.changeState(
            ticket: ticket.id, TicketStateChange(version: 1, stateID: "st-closed"), by: actor)

        #expect(closed.state == .closed)
        #expect(closed.closedAt == IntakeFixture.now)
        let closings = try await fixture.outbox(type: TicketClosed.eventType)
        guard case .ticketClosed(let event) = closings.first?.event else {
            Issue.record("no ticket.closed.v1")
            return
        }
        #expect(event.workedMinutes == 0)
        #expect(event.reportID == nil)
        let followUps = try await fixture.context.database.read { db in
            try TicketRecord.filter(Column("followUpOf") == ticket.id).fetchAll(db)
        }
        #expect(followUps.count == 1)
        // Its life is over: nothing more can change.
        await #expect(throws: TicketChangeError.notOpen(number: ticket.number, state: .closed)) {
            try await fixture.store.edit(
                ticket: ticket.id, TicketEdit(version: 2, description: "x", customFields: ["appliance": "y"]), by: actor
            )
        }
    }

    @Test func changeState_toAnUnknownState_orToCancelled_orToTheSameState_isRefused() async throws {
        let fixture = try await IntakeFixture()
        let ticket = try await opened(fixture)
        let before = try await footprint(ticket.id, fixture)

        for stateID in ["st-bogus", "st-cancelled", "st-new"] {
            await #expect(throws: TicketChangeError.self, "\(stateID)") {
                try await fixture.store.changeState(
                    ticket: ticket.id, TicketStateChange(version: 1, stateID: stateID), by: actor)
            }
        }

        try await expectUnchanged(ticket.id, fixture, since: before)
    }

    @Test func cancel_setsTheCancelledState_andPublishesTicketCancelled_once() async throws {
        let fixture = try await IntakeFixture()
        let ticket = try await opened(fixture)

        let cancelled = try await fixture.store.cancel(
            ticket: ticket.id, TicketCancellation(version: 1, reason: " Customer fixed it "), by: actor)

        #expect(cancelled.state == .cancelled)
        #expect(cancelled.activityState?.id == "st-cancelled")
        #expect(cancelled.cancelReason == "Customer fixed it")
        #expect(cancelled.cancelledAt == IntakeFixture.now)
        let events = try await fixture.outbox(type: TicketCancelled.eventType)
        guard case .ticketCancelled(let event) = events.first?.event else {
            Issue.record("no ticket.cancelled.v1")
            return
        }
        #expect(
            event
                == TicketCancelled(
                    ticketID: ticket.id, number: ticket.number, reason: "Customer fixed it",
                    cancelledAt: IntakeFixture.now,
                    cancelledBy: "Giulia Verdi"))
        #expect(try await fixture.outbox(type: TicketClosed.eventType).isEmpty)

        // Cancelling twice: told so, nothing more written.
        let before = try await footprint(ticket.id, fixture)
        let error = await #expect(throws: TicketChangeError.self) {
            try await fixture.store.cancel(
                ticket: ticket.id, TicketCancellation(version: 2, reason: "Again"), by: actor)
        }
        #expect(error?.wording.en == "Ticket \(ticket.number) is already cancelled: it cannot be changed any more.")
        #expect(error?.wording.it == "Il ticket \(ticket.number) è già annullato: non si può più modificare.")
        try await expectUnchanged(ticket.id, fixture, since: before)
    }

    @Test func cancel_withoutAReason_isRefused() async throws {
        let fixture = try await IntakeFixture()
        let ticket = try await opened(fixture)
        let before = try await footprint(ticket.id, fixture)
        await #expect(throws: TicketChangeError.self) {
            try await fixture.store.cancel(ticket: ticket.id, TicketCancellation(version: 1, reason: "   "), by: actor)
        }
        try await expectUnchanged(ticket.id, fixture, since: before)
    }

    @Test func aTicketOfAnotherPractice_isNotFound() async throws {
        let fixture = try await IntakeFixture()
        let ticket = try await opened(fixture)
        let practice = try #require(ticket.practiceID)
        let outsider = TicketActor(name: "Sales", visiblePracticeIDs: ["pr-sales"])
        #expect(practice != "pr-sales")
        await #expect(throws: IntakeError.ticketNotFound(ticket.id)) {
            try await fixture.store.cancel(
                ticket: ticket.id, TicketCancellation(version: 1, reason: "No"), by: outsider)
        }
    }

    @Test func migration_keepsExistingTickets_andAcceptsTheCancelledState() throws {
        // Given a store as it was before the lifecycle migration, with a ticket in it
        let queue = try DatabaseQueue()
        var migrator = DatabaseMigrator()
        IntakeMigrations.register(in: &migrator)
        try migrator.migrate(queue, upTo: "intake.followup-anchor")
        try queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO activityType (id, code, name, macroType, expectedDurationMinutes, billable, colour, numberingPrefix)
                    VALUES ('at-1', 'REPAIR', 'Repair', 'call', 60, 1, '#123456', 'TCK');
                    INSERT INTO customer (id, name) VALUES ('cus-1', 'Bar Sport');
                    INSERT INTO ticket (id, number, activityTypeID, customerID, description, channel, state, openedAt, assignedGroup, seriesAnchorDay)
                    VALUES ('tck-1', 'TCK/2030/000001', 'at-1', 'cus-1', 'Leak', 'api', 'open', '2030-03-17 10:00:00', 'Back office', 17);
                    """)
        }

        // When migrating to the end
        try migrator.migrate(queue)

        // Then the ticket is intact, at version 1, the indexes are back and it can be cancelled
        try queue.write { db in
            let ticket = try #require(try TicketRecord.fetchOne(db, key: "tck-1"))
            #expect(ticket.description == "Leak")
            #expect(ticket.assignedGroup == "Back office")
            #expect(ticket.seriesAnchorDay == 17)
            #expect(ticket.version == 1)
            try db.execute(sql: "UPDATE ticket SET state = 'cancelled' WHERE id = 'tck-1'")
            #expect(try String.fetchOne(db, sql: "SELECT state FROM ticket WHERE id = 'tck-1'") == "cancelled")
            #expect(throws: (any Error).self) {
                try db.execute(sql: "UPDATE ticket SET state = 'lost' WHERE id = 'tck-1'")
            }
            let indexes = try String.fetchAll(
                db,
                sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'ticket' AND sql IS NOT NULL")
            #expect(
                Set(indexes).isSuperset(of: [
                    "ticket_state", "ticket_customer", "ticket_type", "ticket_group", "ticket_operator"
                ]))
        }
    }
}

/// Ticket numbers take the year in the company's time zone (issue 12, shared helper).
@Suite struct TicketNumberYearTests {
    @Test func aTicketOpenedAtHalfPastMidnightOnNewYearsDayInRome_isNumberedInTheNewYear() async throws {
        let fixture = try await IntakeFixture()
        // 2026-12-31T23:30:00Z: 00:30 on 1 January 2027 in Rome
        let newYear = Date(timeIntervalSince1970: 1_798_759_800)
        let settings = IntakeSettings(timeZone: TimeZone(identifier: "Europe/Rome")!)
        let opened = try await fixture.context.database.write { db in
            try IntakeStore.open(
                .mock(), channel: .api, at: newYear, ids: fixture.context.ids, outbox: fixture.context.outbox,
                correlationID: nil, settings: settings, in: db
            ).ticket
        }
        #expect(opened.number == "TCK/2027/000001")
    }
}
