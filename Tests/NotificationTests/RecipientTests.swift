import AriannaProtocol
import Foundation
import ServiceTestSupport
import Testing

@testable import NotificationService

/// Who receives what (R5, R14): the customer except for follow-up deadlines, the technician of
/// an appointment, the mailing lists that follow the event, the operator in charge when the
/// type's notify flag is set; bad addresses recorded, each recipient once per event.
@Suite("Recipients of each trigger")
struct RecipientTests {
    /// Setup snapshots as intake publishes them: activity type at-7 in practice pr-assist (notify
    /// flag on), technician op-3 and operator in charge op-9 with addresses, and `lists`.
    static func service(lists: [MailingListSnapshot]) async throws -> TestService {
        let service = try TestService()
        var events: [ReceivedEvent] = [
            .mock(
                ActivityTypeSnapshot(
                    activityTypeID: "at-7", code: "REPAIR", name: "Repair call", macroType: .call,
                    expectedDurationMinutes: 60, billable: true, colour: "#336699", active: true,
                    practiceID: "pr-assist", notifyAssignee: true),
                id: "setup-at", as: AriannaEvent.activityTypeSnapshot),
            .mock(
                OperatorSnapshot(
                    operatorID: "op-3", name: "Giulia Bianchi", email: "giulia@arianna.example", groups: [],
                    active: true),
                id: "setup-op3", as: AriannaEvent.operatorSnapshot),
            .mock(
                OperatorSnapshot(
                    operatorID: "op-9", name: "Paolo Neri", email: "paolo@arianna.example", groups: [], active: true),
                id: "setup-op9", as: AriannaEvent.operatorSnapshot)
        ]
        for (index, list) in lists.enumerated() {
            events.append(.mock(list, id: "setup-list-\(index)", as: AriannaEvent.mailingListSnapshot))
        }
        for event in events { try await service.deliver(event) }
        return service
    }

    static func list(_ id: String, addresses: [String], practiceIDs: [String] = [], events: [String])
        -> MailingListSnapshot
    {
        MailingListSnapshot(
            id: id, name: "Lista \(id)", addresses: addresses, practiceIDs: practiceIDs, activityTypeIDs: [],
            events: events, active: true)
    }

    @Test func aMailingList_getsEachValidAddressOnce_andARecordedReasonForTheOthers() async throws {
        // Given a list following ticket-opened for the ticket's practice (one address is also the
        // customer's, one is not an address) and a list for another practice
        let service = try await Self.service(lists: [
            Self.list(
                "ml-1", addresses: ["ufficio@rossi.example", "not an address", "facilities@rossi.example"],
                practiceIDs: ["pr-assist"], events: ["ticket-opened"]),
            Self.list("ml-2", addresses: ["altro@rossi.example"], practiceIDs: ["pr-other"], events: ["ticket-opened"])
        ])

        // When a ticket is opened
        try await service.deliver(.mock(TicketOpened.mock(), id: "evt-1", as: AriannaEvent.ticketOpened))

        // Then the customer once, the valid list address, a failed job for the bad one, nothing for ml-2
        let jobs = try await service.jobs().filter { $0.kind == .ticketOpened }
        #expect(
            jobs.map(\.recipient) == ["facilities@rossi.example", "ufficio@rossi.example", "list:ml-1:not an address"])
        #expect(jobs.map(\.status) == [.queued, .queued, .failed])
        #expect(jobs.map(\.recipientRole) == [.customer, .mailingList, .mailingList])
        #expect(jobs.last?.lastError?.contains("is not an email address") == true)
    }

    @Test func aFollowUpDeadline_isNotAnnouncedToTheCustomer_butTheOperatorInChargeIsTold() async throws {
        let service = try await Self.service(lists: [])
        var deadline = TicketOpened.mock()
        deadline.followUpOfTicketID = "tck-100"
        deadline.operatorInChargeID = "op-9"
        deadline.dueAt = Instant.afternoonStart

        try await service.deliver(.mock(deadline, id: "evt-2", as: AriannaEvent.ticketOpened))

        let jobs = try await service.jobs()
        #expect(jobs.map(\.recipient) == ["paolo@arianna.example"])
        #expect(jobs.first?.kind == .deadlineAssigned)
        #expect(jobs.first?.recipientRole == .operatorInCharge)
        #expect(jobs.first?.facts.recipientName == "Paolo Neri")
        let content = try EmailRenderer.bundled().render(
            .deadlineAssigned, facts: try #require(jobs.first).facts, timeZone: rome)
        #expect(content.subject == "Nuova scadenza TCK/2026/000123")
        #expect(content.body.contains("Ciao Paolo Neri"))
        #expect(content.body.contains("01/12/2026"))
    }

    @Test func anAppointment_reachesTheCustomerAndItsTechnician() async throws {
        let service = try await Self.service(lists: [
            Self.list("ml-1", addresses: ["planning@rossi.example"], events: ["appointment-moved"])
        ])

        try await service.knowTicket()
        try await service.deliver(
            .mock(AppointmentScheduled.mock(), id: "evt-3", as: AriannaEvent.appointmentScheduled))

        let jobs = try await service.jobs()
        #expect(jobs.map(\.recipient) == ["facilities@rossi.example", "giulia@arianna.example"])
        #expect(jobs.map(\.kind) == [.appointmentScheduled, .technicianAppointment])
        let content = try EmailRenderer.bundled().render(.technicianAppointment, facts: jobs[1].facts, timeZone: rome)
        #expect(content.subject == "Nuovo appuntamento: 30/11/2026 10:00 (TCK/2026/000123)")
        #expect(content.body.contains("Ciao Giulia Bianchi"))
        #expect(content.body.contains("Cliente: Rossi Impianti S.r.l."))
    }

    @Test func aCancelledTicket_andACompletedIntervention_reachTheTicketsCustomer() async throws {
        let service = try await Self.service(lists: [
            Self.list("ml-1", addresses: ["qualita@rossi.example"], events: ["intervention-completed"])
        ])
        try await service.deliver(.mock(TicketOpened.mock(), id: "evt-4", as: AriannaEvent.ticketOpened))

        try await service.deliver(
            .mock(
                InterventionClosed(
                    reportID: "rep-1", appointmentID: "app-5", ticketID: "tck-123", operatorID: "op-3",
                    workDone: "Replaced the pump", workedMinutes: 50, materials: [], closedAt: Instant.morningEnd),
                id: "evt-5", as: AriannaEvent.interventionClosed))
        try await service.deliver(
            .mock(
                TicketCancelled(
                    ticketID: "tck-123", number: "TCK/2026/000123", reason: "Duplicate", cancelledAt: Instant.now,
                    cancelledBy: "Giulia Verdi"),
                id: "evt-6", as: AriannaEvent.ticketCancelled))

        let jobs = try await service.jobs().filter { $0.eventID != "evt-4" }
        #expect(
            jobs.map(\.recipient) == ["facilities@rossi.example", "qualita@rossi.example", "facilities@rossi.example"])
        #expect(jobs.map(\.kind) == [.interventionCompleted, .interventionCompleted, .ticketCancelled])
        let renderer = try EmailRenderer.bundled()
        let completed = try renderer.render(.interventionCompleted, facts: jobs[0].facts, timeZone: rome)
        #expect(completed.body.contains("Giulia Bianchi ha completato l'intervento il 30/11/2026"))
        let cancelled = try renderer.render(.ticketCancelled, facts: jobs[2].facts, timeZone: rome)
        #expect(cancelled.subject == "Richiesta TCK/2026/000123 annullata")
        #expect(cancelled.body.contains("Motivo: Duplicate"))
    }

    @Test func onlyACompletedIntervention_isAnnounced_anotherVisitSendsNothing() async throws {
        let service = try await Self.service(lists: [])
        try await service.deliver(.mock(TicketOpened.mock(), id: "evt-4", as: AriannaEvent.ticketOpened))

        try await service.deliver(
            .mock(
                InterventionClosed(
                    reportID: "rep-1", appointmentID: "app-5", ticketID: "tck-123", operatorID: "op-3",
                    workDone: "Pump checked", workedMinutes: 30, materials: [], closedAt: Instant.morningEnd,
                    outcome: .anotherVisitNeeded, visitNote: "The spare part must be ordered"),
                id: "evt-5", as: AriannaEvent.interventionClosed))
        try await service.deliver(
            .mock(
                InterventionClosed(
                    reportID: "rep-2", appointmentID: "app-6", ticketID: "tck-123", operatorID: "op-3",
                    workDone: "Replaced the pump", workedMinutes: 50, materials: [], closedAt: Instant.morningEnd,
                    outcome: .completed, reportURL: "http://127.0.0.1:8084/reports/rep-2.pdf"),
                id: "evt-6", as: AriannaEvent.interventionClosed))

        let jobs = try await service.jobs().filter { $0.eventID != "evt-4" }
        #expect(jobs.map(\.eventID) == ["evt-6"])
        let completed = try EmailRenderer.bundled().render(.interventionCompleted, facts: jobs[0].facts, timeZone: rome)
        #expect(completed.body.contains("Replaced the pump"))
        // web-report's link to the signed report (a signed customer link) is in the email.
        #expect(completed.body.contains("http://127.0.0.1:8084/reports/rep-2.pdf"))
    }
}
