import ArgumentParser
import AriannaKafka
import AriannaProtocol
import Foundation
import GRDB
import IntakeDomain
import IntakeService
import ServiceKit

/// The backlog intake's own event consumer catches up on after an outage (issue 15 point 4): the
/// planner's `appointment.scheduled.v1` and web-report's `intervention.closed.v1` for tickets
/// intake already holds. The tickets are opened in-process through intake's store (the group
/// commit every channel's tickets go through, 500 at a time — setup, not timed), then one
/// appointment and one closing intervention per ticket are published on the run's topics; the
/// consumer's catch-up is timed by the caller, and ``effects(in:)`` checks that every ticket was closed.
struct IntakeEventsBacklog {
    /// Tickets, hence appointments and interventions: the backlog holds twice as many events.
    let tickets: Int
    /// Publishes the appointments and closing interventions of the backlog.
    let producer: KafkaProducer
    /// The run's own topic names, so the backlog meets no other run's events.
    let topics: TopicNames

    /// The topics intake's consumer reads this backlog from.
    static let consumed: [Topic] = [.appointments, .interventions]
    /// The technician on the appointments and reports: one of intake's default operators.
    static let technician = (id: "op-mario", name: "Mario Rossi")

    /// Events in the backlog.
    var events: Int { 2 * tickets }

    /// Opens the tickets in `context`'s store (fresh, prepared), then publishes their appointments
    /// and interventions; says how long that took.
    func fill(_ context: ServiceContext) async throws -> String? {
        let started = ContinuousClock.now
        let store = IntakeStore(context: context)
        var opened: [TicketView] = []
        opened.reserveCapacity(tickets)
        for chunk in stride(from: 0, to: tickets, by: 500) {
            let requests = (chunk..<min(chunk + 500, tickets)).map { index in
                NewTicket(
                    activityTypeCode: "REPAIR",
                    customer: .init(name: "Cliente \(index % 50)", email: "cliente\(index % 50)@example.com"),
                    siteZone: ["Milano", "Como", "Monza"][index % 3],
                    description: "Caldaia in blocco, chiamata \(index)",
                    customFields: ["appliance": "Caldaia"])
            }
            opened += try await store.openTickets(requests, channel: .callCentre)
        }
        try await publish(appointmentsAndInterventionsOf: opened)
        let seconds = BacklogCatchUp.seconds(ContinuousClock.now - started)
        return String(
            format:
                "%d tickets opened in intake's store, then %d appointment.scheduled.v1 and %d intervention.closed.v1 published, in %.2f s",
            tickets, tickets, tickets, seconds)
    }

    /// For each ticket, the planner's appointment (keyed by appointment) and then web-report's
    /// completed report (keyed by ticket), as the two services publish them.
    private func publish(appointmentsAndInterventionsOf opened: [TicketView]) async throws {
        let day = Date(timeIntervalSince1970: 1_924_000_000)  // 2030-12-20, a working morning
        let appointments = try opened.enumerated().map { index, ticket -> KafkaOutgoingMessage in
            let start = day.addingTimeInterval(Double(index % 8) * 3600)
            let appointment = AppointmentScheduled(
                appointmentID: "bench-appointment-\(index)", ticketID: ticket.id, ticketNumber: ticket.number,
                operatorID: Self.technician.id, operatorName: Self.technician.name,
                title: "\(ticket.activityType.name) — \(ticket.customer.name)", customer: ticket.customer,
                start: start, end: start.addingTimeInterval(3600))
            return try message(
                appointment, source: "/arianna/planner", on: .appointments, at: start.addingTimeInterval(-86_400))
        }
        let interventions = try opened.enumerated().map { index, ticket -> KafkaOutgoingMessage in
            let closedAt = day.addingTimeInterval(Double(index % 8) * 3600 + 3300)
            let intervention = InterventionClosed(
                reportID: "bench-report-\(index)", appointmentID: "bench-appointment-\(index)", ticketID: ticket.id,
                operatorID: Self.technician.id, workDone: "Sostituita la valvola del gas, caldaia in funzione.",
                workedMinutes: 45,
                materials: [MaterialLine(articleCode: "VALVE-GAS", description: "Valvola gas", quantity: 1)],
                closedAt: closedAt, outcome: .completed,
                sessions: [WorkSession(start: closedAt.addingTimeInterval(-2700), end: closedAt, travelMinutes: 20)],
                travelMinutes: 20, signedBy: ticket.customer.name)
            return try message(intervention, source: "/arianna/webreport", on: .interventions, at: closedAt)
        }
        for messages in [appointments, interventions] {
            for chunk in stride(from: 0, to: messages.count, by: 1000) {
                let failures = await producer.sendAll(Array(messages[chunk..<min(chunk + 1000, messages.count)]))
                    .filter { if case .failure = $0 { true } else { false } }
                guard failures.isEmpty else {
                    throw ValidationError("the broker refused \(failures.count) events: \(failures[0])")
                }
            }
        }
    }

    private func message<E: DomainEvent>(_ event: E, source: String, on topic: Topic, at time: Date) throws
        -> KafkaOutgoingMessage
    {
        let metadata = EventMetadata.new(for: event, id: UUID().uuidString.lowercased(), source: source, time: time)
        return KafkaOutgoingMessage(
            topic: topics.name(of: topic), key: Array(event.aggregateID.utf8),
            value: try EventCodec.encode(event, metadata: metadata))
    }

    /// What the consumer did to the store: every ticket closed, with its appointment in its history.
    /// - Throws: when a ticket was not closed or an appointment not noted.
    func effects(in database: ServiceDatabase) async throws -> String {
        let (closed, noted) = try await database.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM ticket WHERE state = 'closed' AND reportID IS NOT NULL")
                    ?? 0,
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM ticketHistory WHERE eventType = ?",
                    arguments: [AppointmentScheduled.eventType]) ?? 0
            )
        }
        let summary = "\(closed) of \(tickets) tickets closed, \(noted) appointments in their history"
        guard closed == tickets, noted == tickets else { throw ValidationError("intake-events: only \(summary)") }
        return summary
    }
}
