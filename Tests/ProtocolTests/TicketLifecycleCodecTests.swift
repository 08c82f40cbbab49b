import AriannaProtocol
import Foundation
import Testing

/// The deadline members of `ticket.opened.v1` and `ticket.cancelled.v1`, which came after the
/// first version and must not break its consumers.
@Suite("Ticket lifecycle on the wire")
struct TicketLifecycleCodecTests {
    @Test func deadline_roundTripsEveryOptionalMember() throws {
        // Given a follow-up deadline with every member set
        let event = AriannaEvent.ticketOpened(.mockDeadline())
        let (metadata, bytes) = try encodeWithMockMetadata(event)

        // When decoding it
        let received = try EventCodec.decode(bytes)

        // Then every member comes back and the planner is told not to queue it
        #expect(received == ReceivedEvent(metadata: metadata, event: event))
        guard case .ticketOpened(let ticket) = received.event else {
            Issue.record("expected ticketOpened, got \(received.event)")
            return
        }
        #expect(ticket.macroType == .task)
        #expect(ticket.followUpOfTicketID == "tck-123")
        #expect(!ticket.wantsAppointment)
        #expect(ticket.customFields == ["boilerModel": "Vaillant ecoTEC", "floor": "3"])
    }

    @Test func ticketOpenedV1Payload_withoutDeadlineMembers_stillDecodesAndWantsAnAppointment() throws {
        // Given a payload as the first version wrote it
        let bytes = try tamperedEnvelope(.ticketOpened(.mockDeadline())) { object in
            var data = try #require(object["data"] as? [String: Any])
            for key in [
                "macroType", "dueAt", "operatorInChargeID", "followUpOfTicketID", "needsAppointment", "customFields"
            ] {
                data.removeValue(forKey: key)
            }
            data["ticketID"] = "tck-123"
            data["number"] = "TCK/2026/000123"
            object["data"] = data
            object["subject"] = "tck-123"
        }

        // When decoding it
        let received = try EventCodec.decode(bytes)

        // Then it is the v1 ticket, and absent `needsAppointment` means it is queued
        #expect(received.event == .ticketOpened(.mock()))
        guard case .ticketOpened(let ticket) = received.event else { return }
        #expect(ticket.wantsAppointment)
    }

    @Test func ticketOpenedV1Encoding_omitsAbsentDeadlineMembers() throws {
        let object = try jsonObject(try encodeWithMockMetadata(.ticketOpened(.mock())).bytes)
        let data = try #require(object["data"] as? [String: Any])
        #expect(
            Set(data.keys) == [
                "ticketID", "number", "activityType", "customer", "siteZone", "description", "channel", "openedAt"
            ])
    }

    @Test func deadline_withBlankOperatorInCharge_isRejected() throws {
        var ticket = TicketOpened.mockDeadline()
        ticket.operatorInChargeID = " "
        let bytes = try EventCodec.encode(ticket, metadata: .mock(for: ticket))
        #expect(
            throws: EventDecodingError.invalidPayload(
                type: "ticket.opened.v1", reason: "operatorInChargeID must not be empty")
        ) { try EventCodec.decode(bytes) }
    }

    @Test func cancelled_withoutReason_isRejected() throws {
        var cancelled = TicketCancelled.mock()
        cancelled.reason = "  "
        let bytes = try EventCodec.encode(cancelled, metadata: .mock(for: cancelled))
        #expect(
            throws: EventDecodingError.invalidPayload(type: "ticket.cancelled.v1", reason: "reason must not be empty")
        ) { try EventCodec.decode(bytes) }
    }

    @Test func reassigned_toNobody_isRejected() throws {
        var reassigned = TicketReassigned.mock()
        reassigned.group = nil
        reassigned.operatorID = nil
        let bytes = try EventCodec.encode(reassigned, metadata: .mock(for: reassigned))
        #expect(
            throws: EventDecodingError.invalidPayload(
                type: "ticket.reassigned.v1", reason: "group or operatorID must be present")
        ) { try EventCodec.decode(bytes) }
    }

    @Test func stateChanged_withBadColour_isRejected() throws {
        var changed = TicketStateChanged.mock()
        changed.colour = "red;}"
        let bytes = try EventCodec.encode(changed, metadata: .mock(for: changed))
        #expect(throws: EventDecodingError.self) { try EventCodec.decode(bytes) }
    }

    @Test func cancelled_isKeyedByTicketOnTheTicketsTopic() {
        #expect(TicketCancelled.mock().aggregateID == "tck-123")
        #expect(AriannaEvent.ticketCancelled(.mock()).topic == .tickets)
    }
}
