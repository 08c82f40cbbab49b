import AriannaProtocol
import Foundation
import ServiceTestSupport
import Testing

@Suite("EventCodec round trip")
struct EventCodecRoundTripTests {
    @Test(arguments: AriannaEvent.allMocks)
    func decode_returnsWhatWasEncoded(event: AriannaEvent) throws {
        // Given an encoded event of each catalogue type
        let (metadata, bytes) = try encodeWithMockMetadata(event)

        // When decoding it
        let received = try EventCodec.decode(bytes)

        // Then payload and attributes come back unchanged
        #expect(received == ReceivedEvent(metadata: metadata, event: event))
        #expect(received.event.eventType == metadata.type)
    }

    @Test(arguments: AriannaEvent.allMocks)
    func encode_putsAttributesAtTopLevelAndPayloadInData(event: AriannaEvent) throws {
        // Given an encoded event
        let (metadata, bytes) = try encodeWithMockMetadata(event)

        // When reading it as plain JSON
        let object = try jsonObject(bytes)

        // Then the CloudEvents attributes are top-level members and the payload is nested in `data`
        #expect(object["specversion"] as? String == "1.0")
        #expect(object["id"] as? String == metadata.id)
        #expect(object["source"] as? String == "/arianna/test")
        #expect(object["type"] as? String == event.eventType)
        #expect(object["subject"] as? String == event.aggregateID)
        #expect(object["time"] as? String == "2026-11-29T10:15:00.123Z")
        #expect(object["datacontenttype"] as? String == "application/json")
        #expect(object["correlationid"] as? String == "corr-1")
        let data = try #require(object["data"] as? [String: Any])
        #expect(!data.isEmpty)
        #expect(
            Set(object.keys) == [
                "specversion", "id", "source", "type", "subject", "time", "datacontenttype", "correlationid", "data"
            ])
    }

    @Test func encode_writesSortedKeysMillisecondUTCAndUnescapedSlashes() throws {
        // Given a ticket opened at a whole second
        var ticket = TicketOpened.mock()
        ticket.openedAt = Instant.morningStart

        // When encoding it
        let text = String(decoding: try EventCodec.encode(ticket, metadata: .mock(for: ticket)), as: UTF8.self)

        // Then keys are sorted, dates carry three fraction digits in UTC and the source reads as written
        #expect(text.hasPrefix(#"{"correlationid":"corr-1","data":{"activityType":{"#))
        #expect(text.contains(#""openedAt":"2026-11-30T09:00:00.000Z""#))
        #expect(text.contains(#""source":"/arianna/test""#))
        #expect(text.hasSuffix(#""type":"ticket.opened.v1"}"#))
    }

    @Test func ticketOpened_siteID_roundTrips_andMayBeAbsent() throws {
        var ticket = TicketOpened.mock()
        ticket.siteID = "site-1"
        let bytes = try EventCodec.encode(ticket, metadata: .mock(for: ticket))
        guard case .ticketOpened(let decoded) = try EventCodec.decode(bytes).event else {
            Issue.record("wrong event")
            return
        }
        #expect(decoded == ticket)
        let older = TicketOpened.mock()
        #expect(
            !String(decoding: try EventCodec.encode(older, metadata: .mock(for: older)), as: UTF8.self).contains(
                "siteID"))
    }

    @Test func encode_omitsAbsentOptionalAttributesAndFields() throws {
        // Given metadata without subject or correlation id and a payload with nil optionals
        let event = AppointmentCancelled.mock()
        let metadata = EventMetadata(
            id: "evt-2", source: "/arianna/planner", type: AppointmentCancelled.eventType, subject: nil,
            time: Instant.afternoonStart, correlationID: nil)

        // When encoding and decoding
        let bytes = try EventCodec.encode(event, metadata: metadata)
        let object = try jsonObject(bytes)
        let received = try EventCodec.decode(bytes)

        // Then the absent values are left out and come back as nil
        #expect(object["subject"] == nil)
        #expect(object["correlationid"] == nil)
        let data = try #require(object["data"] as? [String: Any])
        #expect(data["ticketID"] == nil)
        #expect(received.metadata == metadata)
        #expect(received.event == .appointmentCancelled(event))
    }

    @Test func encode_isDeterministic() throws {
        // Given one event
        let event = BillingDocumentCreated.mock()

        // When encoding it twice
        let first = try EventCodec.encode(event, metadata: .mock(for: event))
        let second = try EventCodec.encode(event, metadata: .mock(for: event))

        // Then the bytes are identical
        #expect(first == second)
    }

    @Test func knownTypes_listsEveryCaseOnce() {
        // Given one mock per AriannaEvent case
        let mockTypes = AriannaEvent.allMocks.map(\.eventType)

        // Then the catalogue is exactly those types, without duplicates
        #expect(Set(EventCodec.knownTypes) == Set(mockTypes))
        #expect(EventCodec.knownTypes.count == mockTypes.count)
        #expect(Set(EventCodec.knownTypes).count == EventCodec.knownTypes.count)
    }

    @Test func newMetadata_takesTypeAndSubjectFromTheEvent() {
        // Given a ticket event
        let event = TicketOpened.mock(ticketID: "tck-9")

        // When building metadata for it
        let metadata = EventMetadata.new(for: event, id: "evt-1", source: "/arianna/intake", time: Instant.ticketOpened)

        // Then the attributes follow the event and CloudEvents defaults
        #expect(metadata.type == "ticket.opened.v1")
        #expect(metadata.subject == "tck-9")
        #expect(metadata.specversion == "1.0")
        #expect(metadata.datacontenttype == "application/json")
        #expect(metadata.correlationid == nil)
    }

    @Test func aggregateID_followsTheDocumentedKeys() {
        #expect(TicketOpened.mock().aggregateID == "tck-123")
        #expect(AppointmentMoved.mock().aggregateID == "app-5")
        #expect(InterventionClosed.mock(ticketID: "tck-1").aggregateID == "tck-1")
        #expect(InterventionClosed.mock(ticketID: nil).aggregateID == "app-5")
        #expect(BillingDocumentCreated.mock().aggregateID == "doc-77")
        #expect(ActivityTypeSnapshot.mock().aggregateID == "activity-type:at-7")
        #expect(OperatorSnapshot.mock().aggregateID == "operator:op-3")
        #expect(PracticeSnapshot.mock().aggregateID == "practice:pr-assist")
        #expect(ActivityStateSnapshot.mock().aggregateID == "activity-state:st-closed")
        #expect(GroupSnapshot.mock().aggregateID == "group:grp-north")
        #expect(CustomerSnapshot.mock().aggregateID == "customer:cus-42")
        #expect(SessionEnded.mock().aggregateID == "session:ses-9")
        #expect(ArticleSnapshot.mock().aggregateID == "article:PUMP-A2")
        #expect(ProductionOrderCreated.mock().aggregateID == "tck-123")
        #expect(APIKeySnapshot.mock().aggregateID == "api-key:key-7")
        #expect(APIKeyUsed.mock().aggregateID == "api-key:key-7")
        #expect(MailingListSnapshot.mock().aggregateID == "mailing-list:ml-1")
        #expect(TicketAttachmentAdded.mock().aggregateID == "tck-123")
        #expect(InterventionReportIssued.mock().aggregateID == "tck-123")
    }

    @Test(arguments: AriannaEvent.allMocks)
    func topic_matchesTheDomain(event: AriannaEvent) {
        let expected: Topic =
            switch event {
            case .ticketOpened, .ticketClosed, .ticketCancelled, .ticketEdited, .ticketReassigned, .ticketStateChanged,
                .ticketAttachmentAdded:
                .tickets
            case .appointmentScheduled, .appointmentMoved, .appointmentCancelled: .appointments
            case .interventionClosed, .interventionReportIssued: .interventions
            case .billingDocumentCreated, .articleSnapshot, .productionOrderCreated, .billingDocumentConfirmed: .billing
            case .activityTypeSnapshot, .operatorSnapshot, .practiceSnapshot, .activityStateSnapshot, .groupSnapshot,
                .customerSnapshot, .sessionEnded, .apiKeySnapshot, .apiKeyUsed, .mailingListSnapshot:
                .setup
            case .intakeRequested: .intakeRequests
            case .intakeReplied: .intakeReplies
            }
        #expect(event.topic == expected)
    }
}
