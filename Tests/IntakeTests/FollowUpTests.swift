import AriannaProtocol
import Foundation
import GRDB
import IntakeDomain
import Testing

@testable import IntakeService
@testable import ServiceKit

/// Follow-up deadlines fired by the store: on open, on close, on deadline close; exactly once
/// under redelivery; never a runaway series.
@Suite struct FollowUpTests {
    func setRules(_ rules: [FollowUpRule], onType code: String, _ fixture: IntakeFixture) async throws {
        let json = String(decoding: try JSONEncoder().encode(rules), as: UTF8.self)
        try await fixture.context.database.write { db in
            try db.execute(sql: "UPDATE activityType SET followUpRules = ? WHERE code = ?", arguments: [json, code])
        }
    }

    func followUpsOf(_ ticketID: String, _ fixture: IntakeFixture) async throws -> [TicketRecord] {
        try await fixture.context.database.read { db in
            try TicketRecord.filter(Column("followUpOf") == ticketID).fetchAll(db)
        }
    }

    func close(_ ticketID: String, report: String, at closedAt: Date, _ fixture: IntakeFixture) async throws {
        let intervention = InterventionClosed(
            reportID: report, appointmentID: "apt-\(report)", ticketID: ticketID, operatorID: "op-mario",
            workDone: "Replaced the thermostat", workedMinutes: 45, materials: [], closedAt: closedAt)
        try await fixture.context.database.write { db in
            try IntakeStore.closeTicket(
                for: intervention, correlationID: nil, outbox: fixture.context.outbox, ids: fixture.context.ids, in: db)
        }
    }

    @Test func onOpen_createsOneFollowUp_dueAfterTheRecurrence() async throws {
        let fixture = try await IntakeFixture()
        try await setRules(
            [
                FollowUpRule(
                    trigger: .onOpen, targetActivityTypeCode: "WARRANTY",
                    recurrence: .init(count: 2, unit: .weeks), baseDate: .closingDate)
            ],
            onType: "REPAIR", fixture)
        let (ticket, _) = try await fixture.store.openTicket(.mock(), channel: .api)
        let followUps = try await followUpsOf(ticket.id, fixture)
        #expect(followUps.count == 1)
        let followUp = try #require(followUps.first)
        // Two calendar weeks in Rome: across the change to summer time (30 March 2030) the
        // local time stays, so the interval is an hour short of 14 × 24 h.
        var rome = Calendar(identifier: .gregorian)
        rome.timeZone = TimeZone(identifier: "Europe/Rome")!
        #expect(followUp.dueAt == rome.date(byAdding: .day, value: 14, to: IntakeFixture.now))
        #expect(followUp.dueAt == IntakeFixture.now.addingTimeInterval(14 * 24 * 3600 - 3600))
        #expect(followUp.activityTypeID == "at-warranty")
        // Its own on-open rules do not fire: a follow-up cannot start a chain by being opened.
        #expect(try await followUpsOf(followUp.id, fixture).isEmpty)
        // Published, so the planner queues it like any other ticket.
        #expect(try await fixture.outbox(type: TicketOpened.eventType).count == 2)
    }

    @Test func onDeadlineClose_firesExactlyOnce_whenTheCloseIsRedelivered() async throws {
        let fixture = try await IntakeFixture()
        try await setRules(
            [
                FollowUpRule(
                    trigger: .onDeadlineClose, targetActivityTypeCode: "REPAIR",
                    recurrence: .init(count: 1, unit: .months), baseDate: .closingDate)
            ],
            onType: "REPAIR", fixture)
        let (ticket, _) = try await fixture.store.openTicket(.mock(), channel: .api)
        var rome = Calendar(identifier: .gregorian)
        rome.timeZone = TimeZone(identifier: "Europe/Rome")!
        let closedAt = rome.date(from: DateComponents(year: 2030, month: 1, day: 31, hour: 16))!
        for _ in 0..<3 { try await close(ticket.id, report: "r1", at: closedAt, fixture) }
        let followUps = try await followUpsOf(ticket.id, fixture)
        #expect(followUps.count == 1)
        #expect(followUps.first?.dueAt == rome.date(from: DateComponents(year: 2030, month: 2, day: 28, hour: 16)))
        #expect(followUps.first?.seriesAnchorDay == 31)
    }

    @Test func onClose_firesOncePerIntervention_andSeriesMovesOnOnlyByClosing() async throws {
        let fixture = try await IntakeFixture()
        try await setRules(
            [
                FollowUpRule(
                    trigger: .onClose, targetActivityTypeCode: "REPAIR",
                    recurrence: .init(count: 3, unit: .months), baseDate: .deadlineDate)
            ],
            onType: "REPAIR", fixture)
        let (ticket, _) = try await fixture.store.openTicket(.mock(), channel: .api)
        try await close(ticket.id, report: "r1", at: IntakeFixture.now, fixture)
        try await close(ticket.id, report: "r1", at: IntakeFixture.now, fixture)
        let first = try await followUpsOf(ticket.id, fixture)
        #expect(first.count == 1)
        // The follow-up is itself a REPAIR: only closing it creates the next one.
        let next = try #require(first.first)
        #expect(try await followUpsOf(next.id, fixture).isEmpty)
        try await close(next.id, report: "r2", at: IntakeFixture.now, fixture)
        let second = try await followUpsOf(next.id, fixture)
        #expect(second.count == 1)
        // Base date = the old deadline's date: 3 months after the first follow-up's due date.
        var rome = Calendar(identifier: .gregorian)
        rome.timeZone = TimeZone(identifier: "Europe/Rome")!
        #expect(second.first?.dueAt == rome.date(byAdding: .month, value: 3, to: next.dueAt!))
    }

    @Test func history_recordsOpeningClosingAndFollowUp() async throws {
        let fixture = try await IntakeFixture()
        try await setRules(
            [
                FollowUpRule(
                    trigger: .onDeadlineClose, targetActivityTypeCode: "REPAIR",
                    recurrence: .init(count: 1, unit: .months), baseDate: .closingDate)
            ],
            onType: "REPAIR", fixture)
        let (ticket, _) = try await fixture.store.openTicket(.mock(), channel: .api)
        try await close(ticket.id, report: "r1", at: IntakeFixture.now, fixture)
        let history = try await fixture.store.history(ofTicket: ticket.id)
        #expect(history.map(\.eventType) == [TicketOpened.eventType, TicketClosed.eventType, "follow-up"])
    }
}
