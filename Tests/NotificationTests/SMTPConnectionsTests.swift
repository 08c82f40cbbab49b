import AriannaProtocol
import Foundation
import Logging
import ServiceKit
import Testing

@testable import NotificationService

/// Several SMTP connections at once, each reused: with a server that takes 500 ms a message,
/// 8 customers' emails over 4 connections take about two server delays, not eight, arrive
/// over at most 4 connections (the sink's `X-Peer` port), and one customer's emails keep their order.
@Suite("SMTP connections in parallel, reused", .serialized)
struct SMTPConnectionsTests {
    static func appointment(_ index: Int) -> AppointmentScheduled {
        var event = AppointmentScheduled.mock(customer: CustomerRef(
            id: "cus-\(index)", name: "Cliente \(index)", email: "cliente\(index)@example.org"))
        event.appointmentID = "app-par-\(index)"
        return event
    }

    @Test func fourConnections_sendEightSlowEmailsInAboutTwoServerDelays_reusingTheirConnections() async throws {
        let sink = try MailSink(extraArguments: ["--delay-ms", "500"])
        defer { sink.remove() }
        let service = try TestService()
        for index in 0..<8 {
            try await service.deliver(.mock(Self.appointment(index), id: "evt-par-\(index)", as: AriannaEvent.appointmentScheduled))
        }
        // (The technician's copies go to an operator this store never saw: refused, not sent.)
        let worker = try SMTPDeliveryTests.worker(service, sink: sink, extra: [MailConfiguration.Key.connections: "4"])
        #expect(worker.settings.connections == 4)

        let clock = ContinuousClock()
        let elapsed = try await clock.measure {
            try await worker.deliverDueEmails(renderer: try EmailRenderer.bundled())
        }

        let messages = try sink.parsedMessages()
        #expect(Set(messages.map(\.envelopeTo)) == Set((0..<8).map { "cliente\($0)@example.org" }))
        #expect(messages.count == 8)
        // One after the other would take 8 × 500 ms = 4 s; four at a time about 1 s.
        #expect(elapsed < .milliseconds(3000), "took \(elapsed)")
        let connections = Set(messages.map(\.peer))
        #expect(!connections.contains(""))
        #expect(connections.count <= 4, "connections used: \(connections.sorted())")
        #expect(try await service.jobs().filter { $0.status == .sent }.count == 8)
    }

    @Test func oneConnection_reusesItForEveryMessage() async throws {
        let sink = try MailSink()
        defer { sink.remove() }
        let service = try TestService()
        for index in 0..<3 {
            try await service.deliver(.mock(Self.appointment(index), id: "evt-one-\(index)", as: AriannaEvent.appointmentScheduled))
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
        try await service.deliver(.mock(AppointmentScheduled.mock(), id: "evt-o-1", as: AriannaEvent.appointmentScheduled))
        try await service.deliver(.mock(AppointmentMoved.mock(), id: "evt-o-2", as: AriannaEvent.appointmentMoved))
        try await service.deliver(.mock(AppointmentCancelled.mock(), id: "evt-o-3", as: AriannaEvent.appointmentCancelled))

        try await SMTPDeliveryTests.worker(service, sink: sink, extra: [MailConfiguration.Key.connections: "8"])
            .deliverDueEmails(renderer: try EmailRenderer.bundled())

        let customer = try sink.parsedMessages().filter { $0.envelopeTo == "facilities@rossi.example" }
        #expect(customer.compactMap(\.calendars.first?.events.first?.sequence) == [0, 1, 2])
    }

    @Test func theConnectionsSetting_isCheckedAtStartUp() {
        #expect(throws: MailConfigurationError.self) { try MailConfiguration(values: [MailConfiguration.Key.connections: "0"]) }
        #expect(throws: MailConfigurationError.self) { try MailConfiguration(values: [MailConfiguration.Key.connections: "17"]) }
        #expect((try? MailConfiguration(values: [:]))?.connections == 4)
    }
}
