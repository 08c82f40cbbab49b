import AriannaProtocol
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NotificationDomain
import ServiceKit
import ServiceTestSupport
import Testing

@testable import NotificationService

/// Kafka orders a partition, never two topics: after a backlog notification can read an
/// appointment, a cancellation or a completed intervention before the `ticket.opened.v1` it
/// needs. The event waits and sends, once the ticket arrives, exactly what it would have sent in
/// order (the chaos matrix's finding 1).
@Suite("Events that overtake their ticket")
struct TicketWaitTests {
    /// Each event kind whose emails need notification's copy of the ticket.
    enum Overtaking: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case ticketCancelled, appointmentScheduled, appointmentMoved, appointmentCancelled, interventionClosed

        var testDescription: String { rawValue }

        var event: ReceivedEvent {
            let id = "evt-\(rawValue)"
            switch self {
            case .ticketCancelled:
                return .mock(
                    TicketCancelled(
                        ticketID: "tck-123", number: "TCK/2026/000123", reason: "Duplicate",
                        cancelledAt: Instant.now, cancelledBy: "Giulia Verdi"),
                    id: id, as: AriannaEvent.ticketCancelled)
            case .appointmentScheduled:
                return .mock(AppointmentScheduled.mock(), id: id, as: AriannaEvent.appointmentScheduled)
            case .appointmentMoved: return .mock(AppointmentMoved.mock(), id: id, as: AriannaEvent.appointmentMoved)
            case .appointmentCancelled:
                return .mock(AppointmentCancelled.mock(), id: id, as: AriannaEvent.appointmentCancelled)
            case .interventionClosed:
                return .mock(SignedReportAttachmentTests.closed(), id: id, as: AriannaEvent.interventionClosed)
            }
        }
    }

    static let ticket = ReceivedEvent.mock(TicketOpened.mock(), id: "evt-open", as: AriannaEvent.ticketOpened)

    /// Setup copies (technician, activity type with its practice) and a mailing list that follows
    /// every trigger, so the ticket decides more than the customer's address.
    static func service() async throws -> TestService {
        try await RecipientTests.service(lists: [
            RecipientTests.list(
                "ml-all", addresses: ["qualita@rossi.example"], events: NotificationTrigger.allCases.map(\.rawValue))
        ])
    }

    /// The jobs `eventID` asked for, oldest first, without their generated ids.
    static func emails(of eventID: String, in service: TestService) async throws -> [EmailJobRecord] {
        try await service.jobs().filter { $0.eventID == eventID }.map {
            var job = $0
            job.id = ""
            return job
        }
    }

    static func waiting(in service: TestService) async throws -> Int {
        try await service.store.ticketWaits(limit: 10).count
    }

    @Test(arguments: Overtaking.allCases)
    func anEventReadBeforeItsTicket_sendsTheSameEmailsOnce_whenTheTicketArrives(_ kind: Overtaking) async throws {
        // Given what the event queues when it comes after its ticket
        let inOrder = try await Self.service()
        try await inOrder.deliver(Self.ticket)
        try await inOrder.deliver(kind.event)
        let expected = try await Self.emails(of: kind.event.metadata.id, in: inOrder)
        #expect(expected.contains { $0.recipientRole == .customer && $0.status == .queued })
        #expect(expected.contains { $0.recipientRole == .mailingList })

        // When it comes first: nothing queued, nothing refused, one wait (a redelivery adds none)
        let service = try await Self.service()
        #expect(try await service.deliver(kind.event))
        #expect(try await service.jobs().isEmpty)
        #expect(!(try await service.deliver(kind.event)))
        let handler = service.handler
        try await service.database.write { db in try handler.handle(kind.event, in: db) }
        #expect(try await Self.waiting(in: service) == 1)

        // Then the ticket queues the very same emails, once
        try await service.deliver(Self.ticket)
        #expect(try await Self.emails(of: kind.event.metadata.id, in: service) == expected)
        #expect(try await Self.waiting(in: service) == 0)
        #expect(!(try await service.deliver(kind.event)))
        try await service.database.write { db in try handler.handle(kind.event, in: db) }
        try await service.database.write { db in try handler.handle(Self.ticket, in: db) }
        #expect(try await Self.emails(of: kind.event.metadata.id, in: service) == expected)

        // and each deliverable one is sent once, with the content it has in order
        let transport = RecordingTransport()
        let worker = EmailWorkerTests.worker(service, transport: transport, outbox: URL(fileURLWithPath: "/unused"))
        let renderer = try EmailRenderer.bundled()
        while try await worker.deliverDueEmails(renderer: renderer) > 0 {}
        for job in expected where job.status == .queued {
            let content = try renderer.render(job.kind, facts: job.facts, timeZone: rome)
            let copies = transport.messages.filter { message in
                message.to.address == job.recipient && message.content.subject == content.subject
            }
            #expect(copies.count == 1, "\(job.kind) to \(job.recipient)")
            #expect(copies.first?.content.body == content.body)
        }
        let sent = try await Self.emails(of: kind.event.metadata.id, in: service).filter { $0.status == .sent }
        #expect(sent.count == expected.filter { $0.status == .queued }.count)
    }

    @Test func eventsThatWaited_areHandledInTheOrderTheyArrived() async throws {
        // Given an appointment scheduled, moved and cancelled, all read before their ticket
        let service = try await Self.service()
        for kind in [Overtaking.appointmentScheduled, .appointmentMoved, .appointmentCancelled] {
            try await service.deliver(kind.event)
        }
        #expect(try await service.jobs().isEmpty)
        // When the ticket arrives
        try await service.deliver(Self.ticket)
        // Then the customer hears of them in that order, with the calendar sequence growing
        let customer = try await service.jobs().filter { $0.recipientRole == .customer && $0.eventID != "evt-open" }
        #expect(customer.map(\.kind) == [.appointmentScheduled, .appointmentMoved, .appointmentCancelled])
        #expect(customer.map(\.facts.calendarSequence) == [0, 1, 2])
        #expect(customer.last?.facts.technicianName == "Marco Verdi")
    }

    @Test func aTicketStillUnknownAfterSevenDays_isReportedOnce_andListedAsWaiting() async throws {
        // Given a completed intervention whose ticket never came
        let service = try await Self.service()
        try await service.deliver(Overtaking.interventionClosed.event)
        // When the check runs before and after seven days
        let early = try await service.store.reportOverdueTicketWaits(
            receivedBefore: Instant.now.addingTimeInterval(-AwaitingTicketRecord.reportAfter), at: Instant.now)
        let later = Instant.now.addingTimeInterval(AwaitingTicketRecord.reportAfter + 60)
        let worker = EmailWorker(
            store: service.store, transport: RecordingTransport(),
            settings: MailSettings(outboxFolder: URL(fileURLWithPath: "/unused")),
            timeZone: rome, clock: .fixed(later), logger: Logger(label: "test.worker"))
        _ = await worker.reportOverdueTicketWaitsIfDue(lastCheck: nil)
        let again = try await service.store.reportOverdueTicketWaits(
            receivedBefore: later.addingTimeInterval(-AwaitingTicketRecord.reportAfter), at: later)
        // Then it is reported once (by the worker), never dropped, and the outbox page shows it
        #expect(early.isEmpty)
        #expect(again.isEmpty)
        let waits = try await service.store.ticketWaits(limit: 10)
        #expect(waits.count == 1)
        #expect(waits.oldest.first?.reportedAt == later)
        let app = Application(
            router: ServiceRuntime.buildRouter(NotificationService.definition, context: service.context))
        try await app.test(.router) { anonymous in
            let client = anonymous.loggedIn(to: service.context)
            try await client.execute(
                uri: "/outbox", method: .get, headers: [.accept: "text/html", .acceptLanguage: "it"]
            ) { response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains("Eventi in attesa della loro richiesta (1)"))
                #expect(html.contains("intervention.closed.v1"))
                #expect(html.contains("tck-123"))
                #expect(html.contains("in attesa della richiesta"))
            }
            try await client.execute(
                uri: "/outbox", method: .get, headers: [.accept: "text/html", .acceptLanguage: "en"]
            ) { response in
                #expect(String(buffer: response.body).contains("Events waiting for their ticket (1)"))
            }
        }
        // and the signed report it will carry is not pruned meanwhile
        try await service.deliver(
            .mock(SignedReportAttachmentTests.issued(), id: "evt-pdf", as: AriannaEvent.interventionReportIssued))
        #expect(try await service.store.pruneReportDocuments(receivedBefore: later) == 0)
    }
}
