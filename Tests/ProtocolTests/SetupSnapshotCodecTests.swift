import AriannaProtocol
import Foundation
import Testing

/// The setup snapshots added with the setup pages, and the optional palette fields of
/// `setup.activity-type.v1`, which must not break consumers of the first version.
@Suite("Setup snapshots on the wire")
struct SetupSnapshotCodecTests {
    @Test func activityTypeWithPalettes_roundTrips() throws {
        // Given an activity type snapshot with every palette field
        let event = AriannaEvent.activityTypeSnapshot(.mockWithPalettes())
        let (metadata, bytes) = try encodeWithMockMetadata(event)

        // When decoding it
        let received = try EventCodec.decode(bytes)

        // Then every field comes back
        #expect(received == ReceivedEvent(metadata: metadata, event: event))
    }

    @Test func activityTypeV1Payload_withoutPaletteFields_stillDecodes() throws {
        // Given a payload as the first version wrote it (no palette members at all)
        let bytes = try tamperedEnvelope(.activityTypeSnapshot(.mockWithPalettes())) { object in
            var data = try #require(object["data"] as? [String: Any])
            for key in [
                "practiceID", "numberingPrefix", "notifyAssignee", "registrationType", "layout",
                "billingArticles", "productionOrder", "followUpRules"
            ] {
                data.removeValue(forKey: key)
            }
            object["data"] = data
        }

        // When decoding it
        let received = try EventCodec.decode(bytes)

        // Then it is the v1 snapshot, palette fields absent
        #expect(received.event == .activityTypeSnapshot(.mock()))
    }

    @Test func activityTypeV1Encoding_omitsAbsentPaletteFields() throws {
        let object = try jsonObject(try encodeWithMockMetadata(.activityTypeSnapshot(.mock())).bytes)
        let data = try #require(object["data"] as? [String: Any])
        #expect(
            Set(data.keys) == [
                "activityTypeID", "code", "name", "macroType", "expectedDurationMinutes", "billable", "colour", "active"
            ])
    }

    @Test func activityState_withBadColour_isRejected() throws {
        let bytes = try tamperedEnvelope(.activityStateSnapshot(.mock())) { object in
            var data = try #require(object["data"] as? [String: Any])
            data["colour"] = "red;}"
            object["data"] = data
        }
        #expect(throws: EventDecodingError.self) { try EventCodec.decode(bytes) }
    }

    @Test func followUpRule_countOutOfRange_isRejected() throws {
        var snapshot = ActivityTypeSnapshot.mockWithPalettes()
        snapshot.followUpRules?[0].count = 0
        let bytes = try encodeWithMockMetadata(.activityTypeSnapshot(snapshot)).bytes
        #expect(throws: EventDecodingError.self) { try EventCodec.decode(bytes) }
    }

    @Test func customer_zonesAreTheActiveSitesZones() {
        #expect(CustomerSnapshot.mock().zones == ["Milano Nord"])
    }

    @Test func customer_language_roundTrips_andAnOlderSnapshotWithoutItStillDecodes() throws {
        var customer = CustomerSnapshot.mock()
        customer.language = "en"
        let event = AriannaEvent.customerSnapshot(customer)
        let (metadata, bytes) = try encodeWithMockMetadata(event)
        #expect(try EventCodec.decode(bytes) == ReceivedEvent(metadata: metadata, event: event))

        let older = try encodeWithMockMetadata(.customerSnapshot(.mock())).bytes
        #expect(!String(decoding: older, as: UTF8.self).contains("language"))
        guard case .customerSnapshot(let decoded) = try EventCodec.decode(older).event else {
            Issue.record("wrong event")
            return
        }
        #expect(decoded.language == nil)
    }

    @Test func customer_siteContactEmail_roundTrips() throws {
        var customer = CustomerSnapshot.mock()
        customer.sites[0].contactEmail = "magazzino@rossi.example"
        let event = AriannaEvent.customerSnapshot(customer)
        let (metadata, bytes) = try encodeWithMockMetadata(event)
        #expect(try EventCodec.decode(bytes) == ReceivedEvent(metadata: metadata, event: event))
    }

    @Test func customer_unknownLanguage_isRejected() throws {
        var customer = CustomerSnapshot.mock()
        customer.language = "de"
        let bytes = try encodeWithMockMetadata(.customerSnapshot(customer)).bytes
        #expect(throws: EventDecodingError.self) { try EventCodec.decode(bytes) }
    }

    @Test func customer_siteWithoutZone_isRejected() throws {
        var customer = CustomerSnapshot.mock()
        customer.sites[0].zone = " "
        let bytes = try encodeWithMockMetadata(.customerSnapshot(customer)).bytes
        #expect(throws: EventDecodingError.self) { try EventCodec.decode(bytes) }
    }

    @Test func mailingList_roundTrips() throws {
        let event = AriannaEvent.mailingListSnapshot(.mock())
        let (metadata, bytes) = try encodeWithMockMetadata(event)
        #expect(try EventCodec.decode(bytes) == ReceivedEvent(metadata: metadata, event: event))
    }

    @Test func mailingList_unknownTrigger_isRejected() throws {
        var list = MailingListSnapshot.mock()
        list.events.append("ticket-exploded")
        let bytes = try encodeWithMockMetadata(.mailingListSnapshot(list)).bytes
        #expect(throws: EventDecodingError.self) { try EventCodec.decode(bytes) }
    }
}
