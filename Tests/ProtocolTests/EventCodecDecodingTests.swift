import AriannaProtocol
import Foundation
import ServiceTestSupport
import Testing

@Suite("EventCodec decoding rules")
struct EventCodecDecodingTests {
    @Test func decode_rejectsUnknownType() throws {
        // Given an envelope whose type is not in the catalogue
        let bytes = try tamperedEnvelope { $0["type"] = "ticket.reopened.v1" }

        // Then decoding names the type
        #expect(throws: EventDecodingError.unknownType("ticket.reopened.v1")) { try EventCodec.decode(bytes) }
    }

    @Test func decode_rejectsNewerVersionOfKnownType() throws {
        let bytes = try tamperedEnvelope { $0["type"] = "ticket.opened.v2" }

        #expect(throws: EventDecodingError.unknownType("ticket.opened.v2")) { try EventCodec.decode(bytes) }
    }

    @Test(arguments: ["not json at all", "{\"specversion\":\"1.0\",", "[1,2,3]", "\"a string\"", ""])
    func decode_rejectsWhatIsNotAJSONObject(text: String) {
        // When decoding bytes that are not a JSON object
        let error = #expect(throws: EventDecodingError.self) { try EventCodec.decode(Array(text.utf8)) }

        // Then the error is malformedJSON
        guard case .malformedJSON = error else {
            Issue.record("expected malformedJSON, got \(String(describing: error))")
            return
        }
    }

    @Test(arguments: ["id", "source", "type", "specversion", "time"])
    func decode_reportsMissingRequiredAttribute(attribute: String) throws {
        let bytes = try tamperedEnvelope { $0[attribute] = nil }

        #expect(throws: EventDecodingError.missingAttribute(attribute)) { try EventCodec.decode(bytes) }
    }

    @Test func decode_treatsEmptyIDAsMissing() throws {
        let bytes = try tamperedEnvelope { $0["id"] = "" }

        #expect(throws: EventDecodingError.missingAttribute("id")) { try EventCodec.decode(bytes) }
    }

    @Test func decode_rejectsOtherSpecVersion() throws {
        let bytes = try tamperedEnvelope { $0["specversion"] = "0.3" }

        #expect(throws: EventDecodingError.unsupportedSpecVersion("0.3")) { try EventCodec.decode(bytes) }
    }

    @Test func decode_rejectsAttributeOfWrongJSONType() throws {
        let bytes = try tamperedEnvelope { $0["id"] = 42 }

        #expect(throws: EventDecodingError.malformedJSON("attribute 'id' is not a string")) {
            try EventCodec.decode(bytes)
        }
    }

    @Test func decode_rejectsAppointmentEndingBeforeItStarts() throws {
        // Given an appointment whose end precedes its start
        let event = AppointmentScheduled.mock(start: Instant.morningEnd, end: Instant.morningStart)
        let bytes = try EventCodec.encode(event, metadata: .mock(for: event))

        // Then decoding rejects the payload with the rule that failed
        #expect(
            throws: EventDecodingError.invalidPayload(
                type: "appointment.scheduled.v1", reason: "end must be after start")
        ) {
            try EventCodec.decode(bytes)
        }
    }

    @Test func decode_rejectsZeroLengthAppointment() throws {
        let event = AppointmentScheduled.mock(start: Instant.morningStart, end: Instant.morningStart)
        let bytes = try EventCodec.encode(event, metadata: .mock(for: event))

        #expect(
            throws: EventDecodingError.invalidPayload(
                type: "appointment.scheduled.v1", reason: "end must be after start")
        ) {
            try EventCodec.decode(bytes)
        }
    }

    @Test func decode_rejectsNonPositiveQuantityWithItsPath() throws {
        var event = InterventionClosed.mock()
        event.materials[1].quantity = 0
        let bytes = try EventCodec.encode(event, metadata: .mock(for: event))

        #expect(
            throws: EventDecodingError.invalidPayload(
                type: "intervention.closed.v1", reason: "materials[1].quantity must be greater than zero")
        ) { try EventCodec.decode(bytes) }
    }

    @Test func decode_rejectsEmptyNestedID() throws {
        var event = TicketOpened.mock()
        event.customer.id = " "
        let bytes = try EventCodec.encode(event, metadata: .mock(for: event))

        #expect(
            throws: EventDecodingError.invalidPayload(type: "ticket.opened.v1", reason: "customer.id must not be empty")
        ) {
            try EventCodec.decode(bytes)
        }
    }

    @Test func decode_rejectsBillingTotalThatIsNotTheSumOfLines() throws {
        var event = BillingDocumentCreated.mock()
        event.totalCents += 1
        let bytes = try EventCodec.encode(event, metadata: .mock(for: event))

        let error = #expect(throws: EventDecodingError.self) { try EventCodec.decode(bytes) }
        guard case .invalidPayload(let type, _) = error else {
            Issue.record("expected invalidPayload, got \(String(describing: error))")
            return
        }
        #expect(type == "billing.document.created.v1")
    }

    @Test(arguments: ["red", "#12345", "#1f77b4\"><script>", ""])
    func decode_rejectsColourThatIsNotHex(colour: String) throws {
        var event = ActivityTypeSnapshot.mock()
        event.colour = colour
        let bytes = try EventCodec.encode(event, metadata: .mock(for: event))

        #expect(
            throws: EventDecodingError.invalidPayload(
                type: "setup.activity-type.v1", reason: "colour must be #rgb or #rrggbb")
        ) {
            try EventCodec.decode(bytes)
        }
    }

    @Test func decode_reportsMissingPayloadFieldByPath() throws {
        let bytes = try tamperedEnvelope { object in
            var data = try #require(object["data"] as? [String: Any])
            var customer = try #require(data["customer"] as? [String: Any])
            customer["name"] = nil
            data["customer"] = customer
            object["data"] = data
        }

        #expect(
            throws: EventDecodingError.invalidPayload(type: "ticket.opened.v1", reason: "missing field 'customer.name'")
        ) {
            try EventCodec.decode(bytes)
        }
    }

    @Test func decode_reportsMissingData() throws {
        let bytes = try tamperedEnvelope { $0["data"] = nil }

        #expect(throws: EventDecodingError.invalidPayload(type: "ticket.opened.v1", reason: "data is missing")) {
            try EventCodec.decode(bytes)
        }
    }

    @Test func decode_rejectsUnknownEnumValue() throws {
        let bytes = try tamperedEnvelope { object in
            var data = try #require(object["data"] as? [String: Any])
            data["channel"] = "carrier-pigeon"
            object["data"] = data
        }

        let error = #expect(throws: EventDecodingError.self) { try EventCodec.decode(bytes) }
        guard case .invalidPayload(_, let reason) = error else {
            Issue.record("expected invalidPayload, got \(String(describing: error))")
            return
        }
        #expect(reason.contains("channel"))
    }

    @Test func decode_ignoresUnknownFieldsInDataAndUnknownAttributes() throws {
        // Given an envelope from a newer producer, with an extra attribute and extra payload fields
        let bytes = try tamperedEnvelope { object in
            object["traceparent"] = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"
            var data = try #require(object["data"] as? [String: Any])
            data["priority"] = "high"
            data["siteContact"] = ["name": "Mario", "phone": "+39 02 000000"]
            object["data"] = data
        }

        // When decoding it
        let received = try EventCodec.decode(bytes)

        // Then the extras are ignored and the known payload is intact
        #expect(received.event == .ticketOpened(.mock()))
    }

    @Test func decode_acceptsTimeWithOffsetAndWithoutFraction() throws {
        // Given times written by other producers: an offset and no fraction
        let bytes = try tamperedEnvelope { object in
            object["time"] = "2026-11-29T11:15:00+01:00"
            var data = try #require(object["data"] as? [String: Any])
            data["openedAt"] = "2026-11-30T09:00:00Z"
            object["data"] = data
        }

        // When decoding
        let received = try EventCodec.decode(bytes)

        // Then they are read as the UTC instants they denote
        #expect(received.metadata.time == Date(timeIntervalSinceReferenceDate: 817_640_100))
        guard case .ticketOpened(let ticket) = received.event else {
            Issue.record("expected ticketOpened, got \(received.event)")
            return
        }
        #expect(ticket.openedAt == Instant.morningStart)
    }

    @Test(arguments: [
        ("2026-11-29T10:15:00.123Z", 817_640_100.123),
        ("2026-11-29T10:15:00.1Z", 817_640_100.1),
        ("2026-11-29t10:15:00.123z", 817_640_100.123),
        ("2026-11-29T05:45:00.123-04:30", 817_640_100.123),
        ("2026-11-29T10:15:00.123456Z", 817_640_100.123456),
        ("2024-02-29T00:00:00Z", 730_857_600),
        ("1999-12-31T23:59:59.999Z", -31_622_400.001)
    ])
    func decode_readsRFC3339Forms(text: String, secondsSinceReference: Double) throws {
        let bytes = try tamperedEnvelope { $0["time"] = text }

        let received = try EventCodec.decode(bytes)

        #expect(abs(received.metadata.time.timeIntervalSinceReferenceDate - secondsSinceReference) < 0.000_001)
    }

    @Test(arguments: [
        "2026-11-29", "2026-11-29 10:15", "2026-13-01T00:00:00Z", "2026-02-29T00:00:00Z",
        "2026-11-29T10:15:00", "2026-11-29T10:15:00.Z", "2026-11-29T10:15:00+0100", "yesterday"
    ])
    func decode_rejectsTimeThatIsNotRFC3339(text: String) throws {
        let bytes = try tamperedEnvelope { $0["time"] = text }

        #expect(throws: EventDecodingError.malformedJSON("attribute 'time' is not an RFC 3339 date-time")) {
            try EventCodec.decode(bytes)
        }
    }

    @Test func encode_roundsToMillisecondsAndWritesUTC() throws {
        // Given a time with sub-millisecond precision before the reference date
        var ticket = TicketOpened.mock()
        ticket.openedAt = Date(timeIntervalSinceReferenceDate: -31_622_400.000_4)

        let object = try jsonObject(try EventCodec.encode(ticket, metadata: .mock(for: ticket)))

        let data = try #require(object["data"] as? [String: Any])
        #expect(data["openedAt"] as? String == "2000-01-01T00:00:00.000Z")
    }

    @Test func description_isOneShortLine() {
        let error = EventDecodingError.invalidPayload(
            type: "ticket.opened.v1", reason: String(repeating: "x\n", count: 500))

        #expect(!error.description.contains("\n"))
        #expect(error.description.count < 450)
        #expect(EventDecodingError.missingAttribute("id").description == "missing CloudEvents attribute 'id'")
    }
}
