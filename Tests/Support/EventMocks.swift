public import AriannaProtocol
public import Foundation
public import ServiceKit

// One builder per event the test targets feed their services. The defaults are the shared
// scenario (Rossi Impianti's boiler maintenance, ticket TCK/2026/000123, Giulia Bianchi's
// appointment app-5); a target whose tests assert other values keeps a thin `mock(…)` in its
// own Mocks.swift that calls these with them.

extension ActivityTypeRef {
    /// The activity type a scenario's ticket is of: boiler maintenance, 90 minutes, billable.
    public static func mock(
        id: String = "at-7", code: String = "MAINT", name: String = "Boiler maintenance",
        expectedDurationMinutes: Int = 90, billable: Bool = true
    ) -> ActivityTypeRef {
        ActivityTypeRef(
            id: id, code: code, name: name, expectedDurationMinutes: expectedDurationMinutes, billable: billable)
    }
}

extension TicketOpened {
    /// `ticket.opened.v1` for the scenario's ticket, opened by the call centre.
    public static func mock(
        ticketID: String = "tck-123", number: String = "TCK/2026/000123", activityType: ActivityTypeRef = .mock(),
        customer: CustomerRef = .mock(), siteZone: String? = "Milano Nord",
        description: String = "Boiler makes a knocking noise", channel: IntakeChannel = .callCentre,
        openedAt: Date = Instant.ticketOpened, dueAt: Date? = nil, operatorInChargeID: String? = nil
    ) -> TicketOpened {
        TicketOpened(
            ticketID: ticketID, number: number, activityType: activityType, customer: customer, siteZone: siteZone,
            description: description, channel: channel, openedAt: openedAt, dueAt: dueAt,
            operatorInChargeID: operatorInChargeID)
    }
}

extension TicketClosed {
    /// `ticket.closed.v1` for the scenario's ticket: 95 minutes worked, 2.5 m of copper pipe.
    public static func mock(
        ticketID: String = "tck-123", number: String = "TCK/2026/000123", activityType: ActivityTypeRef = .mock(),
        customer: CustomerRef = .mock(), closedAt: Date = Instant.interventionClosed, reportID: String? = "rep-9",
        workedMinutes: Int = 95,
        materials: [MaterialLine] = [
            MaterialLine(articleCode: "PIPE-22", description: "Copper pipe 22 mm (m)", quantity: 2.5)
        ],
        travelMinutes: Int? = nil
    ) -> TicketClosed {
        TicketClosed(
            ticketID: ticketID, number: number, activityType: activityType, customer: customer, closedAt: closedAt,
            reportID: reportID, workedMinutes: workedMinutes, materials: materials, travelMinutes: travelMinutes)
    }
}

extension AppointmentScheduled {
    /// `appointment.scheduled.v1`: Giulia Bianchi (op-3) at the customer's in the morning.
    public static func mock(
        appointmentID: String = "app-5", ticketID: String? = "tck-123", ticketNumber: String? = "TCK/2026/000123",
        operatorID: String = "op-3", operatorName: String = "Giulia Bianchi", title: String = "Boiler maintenance",
        customer: CustomerRef? = .mock(), start: Date = Instant.morningStart, end: Date = Instant.morningEnd
    ) -> AppointmentScheduled {
        AppointmentScheduled(
            appointmentID: appointmentID, ticketID: ticketID, ticketNumber: ticketNumber, operatorID: operatorID,
            operatorName: operatorName, title: title, customer: customer, start: start, end: end)
    }
}

extension AppointmentMoved {
    /// `appointment.moved.v1`: the morning appointment handed to Marco Verdi (op-4) the next afternoon.
    public static func mock(
        appointmentID: String = "app-5", ticketID: String? = "tck-123", ticketNumber: String? = "TCK/2026/000123",
        operatorID: String = "op-4", operatorName: String = "Marco Verdi", title: String = "Boiler maintenance",
        customer: CustomerRef? = .mock(), previousOperatorID: String = "op-3",
        previousStart: Date = Instant.morningStart, previousEnd: Date = Instant.morningEnd,
        start: Date = Instant.afternoonStart, end: Date = Instant.afternoonEnd
    ) -> AppointmentMoved {
        AppointmentMoved(
            appointmentID: appointmentID, ticketID: ticketID, ticketNumber: ticketNumber, operatorID: operatorID,
            operatorName: operatorName, title: title, customer: customer, previousOperatorID: previousOperatorID,
            previousStart: previousStart, previousEnd: previousEnd, start: start, end: end)
    }
}

extension AppointmentCancelled {
    /// `appointment.cancelled.v1`: by default a site survey without a ticket, called off by the customer.
    public static func mock(
        appointmentID: String = "app-5", ticketID: String? = nil, ticketNumber: String? = nil,
        operatorID: String = "op-4", title: String = "Site survey", customer: CustomerRef? = nil,
        start: Date = Instant.afternoonStart, end: Date = Instant.afternoonEnd,
        reason: String = "Customer asked to postpone"
    ) -> AppointmentCancelled {
        AppointmentCancelled(
            appointmentID: appointmentID, ticketID: ticketID, ticketNumber: ticketNumber, operatorID: operatorID,
            title: title, customer: customer, start: start, end: end, reason: reason)
    }
}

extension ReceivedEvent {
    /// `event` as a service's consumer hands it over, with CloudEvents id `id`, sent at `time`
    /// by `source`.
    public static func mock<E: DomainEvent>(
        _ event: E, id: String, as wrap: (E) -> AriannaEvent, time: Date, source: String = "/arianna/test",
        correlationID: String? = nil
    ) -> ReceivedEvent {
        ReceivedEvent(
            metadata: .new(for: event, id: id, source: source, time: time, correlationID: correlationID),
            event: wrap(event))
    }
}

extension ServiceDatabase {
    /// Delivers `event` to `handler` the way `EventConsumerService` does: inbox check, handler
    /// and inbox record (stamped `time`) in one transaction. Returns `false` when the inbox
    /// skipped it as a duplicate.
    @discardableResult
    public func deliver(_ event: ReceivedEvent, to handler: some EventHandler, at time: Date) async throws -> Bool {
        try await write { db in
            if try Inbox.contains(event.metadata.id, in: db) { return false }
            if handler.handles(event) { try handler.handle(event, in: db) }
            try Inbox.record(
                eventID: event.metadata.id, eventType: event.metadata.type, topic: "arianna.test", partition: 0,
                offset: 0, at: time, in: db)
            return true
        }
    }
}
