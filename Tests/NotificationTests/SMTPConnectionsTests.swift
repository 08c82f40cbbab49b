import AriannaProtocol
import Foundation
import Logging
import ServiceKit
import Testing

@testable import NotificationService

/// Several SMTP connections at once, each reused: with a server that takes 500 ms a message,
/// 8 customers' emails over 4 connections are answered up to 4 at a time (the server's own
/// `X-Data-Started` times overlap), arrive over at most 4 connections (the sink's `X-Peer`
/// port), and one customer's emails keep their order.
@Suite("SMTP connections in parallel, reused", .serialized)
struct SMTPConnectionsTests {
    static func appointment(_ index: Int) -> AppointmentScheduled {
        var event = AppointmentScheduled.mock(
            customer: CustomerRef(
                id: "cus-\(index)", name: "Cliente \(index)", email: "cliente\(index)@example.org"))
        event.appointmentID = "app-par-\(index)"
        return event
    }

    @Test func fourConnections_sendEightSlowEmailsFourAtATime_reusingTheirConnections() async throws {
        let sink = try MailSink(extraArguments: ["--delay-ms", "500"])
        defer { sink.remove() }
        let service = try TestService()
        try await service.knowTicket()
        for index in 0..<8 {
            try await service.deliver(
                .mock(Self.appointment(index), id: "evt-par-\(index)", as: AriannaEvent.appointmentScheduled))
        }
        // (The technician's copies go to an operator this store never saw: refused, not sent.)
        let worker = try SMTPDeliveryTests.worker(service, sink: sink, extra: [MailConfiguration.Key.connections: "4"])
        #expect(worker.settings.connections == 4)

        try await worker.deliverDueEmails(renderer: try EmailRenderer.bundled())

        let messages = try sink.parsedMessages()
        #expect(Set(messages.map(\.envelopeTo)) == Set((0..<8).map { "cliente\($0)@example.org" }))
        #expect(messages.count == 8)
        // While the server waits 500 ms on one message, others arrive: more than one, at most four at once.
        let starts = messages.map(\.dataStarted).sorted()
        #expect(!starts.contains(0))
        let mostAtOnce =
            starts.map { start in starts.filter { $0 >= start && $0 < start + 500_000_000 }.count }.max() ?? 0
        #expect((2...4).contains(mostAtOnce), "messages answered at once: \(mostAtOnce), starts \(starts)")
        let connections = Set(messages.map(\.peer))
        #expect(!connections.contains(""))
        #expect(connections.count <= 4, "connections used: \(connections.sorted())")
        #expect(try await service.jobs().filter { $0.status == .sent }.count == 8)
    }

    @Test func oneConnection_reusesItForEveryMessage() async throws {
        let sink = try MailSink()
        defer { sink.remove() }
        let service = try TestService()
        try await service.knowTicket()
        for index in 0..<3 {
            try await service.deliver(
                .mock(Self.appointment(index), id: "evt-one-\(index)", as: AriannaEvent.appointmentScheduled))
        }

        try await SMTPDeliveryTests.worker(service, sink: sink, extra: [MailConfiguration.Key.connections: "1"])
            .deliverDueEmails(renderer: try EmailRenderer.bundled())

        let messages = try sink.parsedMessages()
        #expect(messages.count == 3)
        #expect(Set(messages.map(\.peer)).count == 1, "one TCP connection for the three: \(messages.map(\.peer))")
    }

    @Test func oneCustomersEmails_keepTheirOrder_evenWithManyConnections() async throws {
        let sink = try MailSink(extraArguments: ["--delay-ms", "100"])
        defer { sink.remove() }
        let service = try TestService()
        try await service.knowTicket()
        try await service.deliver(
            .mock(AppointmentScheduled.mock(), id: "evt-o-1", as: AriannaEvent.appointmentScheduled))
        try await service.deliver(.mock(AppointmentMoved.mock(), id: "evt-o-2", as: AriannaEvent.appointmentMoved))
        try await service.deliver(
            .mock(AppointmentCancelled.mock(), id: "evt-o-3", as: AriannaEvent.appointmentCancelled))

        try await SMTPDeliveryTests.worker(service, sink: sink, extra: [MailConfiguration.Key.connections: "8"])
            .deliverDueEmails(renderer: try EmailRenderer.bundled())

        let customer = try sink.parsedMessages().filter { $0.envelopeTo == "facilities@rossi.example" }
        #expect(customer.compactMap(\.calendars.first?.events.first?.sequence) == [0, 1, 2])
    }

    @Test func theConnectionsSetting_isCheckedAtStartUp() {
        #expect(throws: MailConfigurationError.self) {
            try MailConfiguration(values: [MailConfiguration.Key.connections: "0"])
        }
        #expect(throws: MailConfigurationError.self) {
            try MailConfiguration(values: [MailConfiguration.Key.connections: "17"])
        }
        #expect((try? MailConfiguration(values: [:]))?.connections == 4)
    }
}
