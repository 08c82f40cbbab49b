import AriannaProtocol
import Foundation
import GRDB
import Testing

@testable import IntakeService
@testable import ServiceKit

/// The Kafka channel: `intake.request.v1` in, a ticket and `intake.reply.v1` out.
@Suite struct IntakeRequestTests {
    static func request(_ id: String, type: String? = "REPAIR", description: String? = "Boiler stops")
        -> IntakeRequested
    {
        IntakeRequested(
            requestID: id, system: "callcentre-north", activityTypeCode: type,
            customer: .init(name: "Rossi Impianti", email: "facilities@rossi.example"),
            siteZone: "Milano", description: description, customFields: ["appliance": "Caldaia"])
    }

    func apply(_ request: IntakeRequested, to fixture: IntakeFixture) async throws {
        let handler = IntakeEventHandler(
            outbox: fixture.context.outbox, clock: fixture.context.clock, ids: fixture.context.ids)
        let received = ReceivedEvent(
            metadata: EventMetadata(
                id: UUID().uuidString, source: "/callcentre-north", type: IntakeRequested.eventType,
                subject: request.requestID, time: IntakeFixture.now, correlationID: "corr-\(request.requestID)"),
            event: .intakeRequested(request))
        try await fixture.context.database.write { db in try handler.handle(received, in: db) }
    }

    func replies(_ fixture: IntakeFixture) async throws -> [IntakeReplied] {
        try await fixture.outbox(type: IntakeReplied.eventType).compactMap {
            if case .intakeReplied(let reply) = $0.event { return reply }
            return nil
        }
    }

    @Test func request_opensATicket_andRepliesAccepted() async throws {
        let fixture = try await IntakeFixture()
        try await apply(Self.request("cc-1"), to: fixture)
        let tickets = try await fixture.store.tickets()
        let ticket = try #require(tickets.first)
        #expect(tickets.count == 1)
        #expect(ticket.channel == .kafka)
        let reply = try #require(try await replies(fixture).first)
        #expect(reply.status == .accepted)
        #expect(reply.ticketID == ticket.id)
        #expect(reply.ticketNumber == ticket.number)
        let replyEvent = try #require(try await fixture.outbox(type: IntakeReplied.eventType).first)
        #expect(replyEvent.metadata.correlationid == "corr-cc-1")
        #expect(replyEvent.metadata.subject == "cc-1")
        // The custom fields travel with the ticket, for the technician's to-do list
        let opened = try #require(try await fixture.outbox(type: TicketOpened.eventType).first)
        guard case .ticketOpened(let payload) = opened.event else {
            Issue.record("wrong event")
            return
        }
        #expect(payload.customFields == ["appliance": "Caldaia"])
    }

    @Test func sameRequestID_twice_returnsTheSameTicket() async throws {
        let fixture = try await IntakeFixture()
        try await apply(Self.request("cc-1"), to: fixture)
        try await apply(Self.request("cc-1"), to: fixture)
        #expect(try await fixture.store.tickets().count == 1)
        let replies = try await replies(fixture)
        #expect(replies.count == 2)
        #expect(Set(replies.map(\.ticketID)).count == 1)
    }

    @Test func invalidRequest_isRejectedWithEveryReason_andOpensNothing() async throws {
        let fixture = try await IntakeFixture()
        try await apply(Self.request("cc-2", type: nil, description: nil), to: fixture)
        try await apply(Self.request("cc-3", type: "NOPE"), to: fixture)
        #expect(try await fixture.store.tickets().isEmpty)
        #expect(try await fixture.outbox(type: TicketOpened.eventType).isEmpty)
        let replies = try await replies(fixture)
        #expect(replies.map(\.status) == [.rejected, .rejected])
        #expect(replies[0].reasons.count == 2)
        #expect(replies[0].reasons.contains { $0.contains("activityTypeCode is required") })
        #expect(replies[0].reasons.contains { $0.contains("description is required") })
        #expect(replies[1].reasons == ["There is no active activity type with code 'NOPE'."])
    }
}
