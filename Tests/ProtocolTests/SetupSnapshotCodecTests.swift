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

    @Test func paletteMembersAddedLater_areOnTheWire() throws {
        // Given a snapshot with a choice field and a follow-up rule
        let object = try jsonObject(try encodeWithMockMetadata(.activityTypeSnapshot(.mockWithPalettes())).bytes)
        let data = try #require(object["data"] as? [String: Any])

        // Then the field carries its choices, and the rule its step both flat (v1) and nested
        let field = try #require((data["layout"] as? [[String: Any]])?.last)
        #expect(field["choices"] as? [String] == ["A", "B"])
        let rule = try #require((data["followUpRules"] as? [[String: Any]])?.first)
        #expect(rule["count"] as? Int == 3 && rule["unit"] as? String == "months")
        let recurrence = try #require(rule["recurrence"] as? [String: Any])
        #expect(recurrence["count"] as? Int == 3 && recurrence["unit"] as? String == "months")
    }

    @Test func palettePayload_fromBeforeChoicesAndRecurrence_stillDecodes() throws {
        // Given palettes as a producer wrote them before `choices` and `recurrence` existed
        let bytes = try tamperedEnvelope(.activityTypeSnapshot(.mockWithPalettes())) { object in
            var data = try #require(object["data"] as? [String: Any])
            data["layout"] = (data["layout"] as? [[String: Any]])?.map { field in
                field.filter { $0.key != "choices" }
            }
            data["followUpRules"] = (data["followUpRules"] as? [[String: Any]])?.map { rule in
                rule.filter { $0.key != "recurrence" }
            }
            object["data"] = data
        }

        // When decoding it
        let received = try EventCodec.decode(bytes)

        // Then the step comes from count and unit, and a field without choices has none
        var expected = ActivityTypeSnapshot.mockWithPalettes()
        expected.layout?[1].choices = []
        #expect(received.event == .activityTypeSnapshot(expected))
    }

    @Test func followUpRule_withOnlyTheNestedRecurrence_decodes() throws {
        // Given a rule in the shape intake's API takes (and its rows were stored in): no flat step
        let bytes = try tamperedEnvelope(.activityTypeSnapshot(.mockWithPalettes())) { object in
            var data = try #require(object["data"] as? [String: Any])
            data["followUpRules"] = (data["followUpRules"] as? [[String: Any]])?.map { rule in
                rule.filter { $0.key != "count" && $0.key != "unit" }
            }
            object["data"] = data
        }

        // Then it reads as the same rule
        #expect(try EventCodec.decode(bytes).event == .activityTypeSnapshot(.mockWithPalettes()))
    }

    @Test func followUpRule_whoseTwoStepsDisagree_isRejected() throws {
        let bytes = try tamperedEnvelope(.activityTypeSnapshot(.mockWithPalettes())) { object in
            var data = try #require(object["data"] as? [String: Any])
            var rules = try #require(data["followUpRules"] as? [[String: Any]])
            rules[0]["recurrence"] = ["count": 4, "unit": "months"]
            data["followUpRules"] = rules
            object["data"] = data
        }
        #expect(throws: EventDecodingError.self) { try EventCodec.decode(bytes) }
    }

    @Test func paletteTerms_unknownToThisBuild_stillDecode() throws {
        // Given terms a newer intake might offer
        let bytes = try tamperedEnvelope(.activityTypeSnapshot(.mockWithPalettes())) { object in
            var data = try #require(object["data"] as? [String: Any])
            data["registrationType"] = "prepaid"
            var fields = try #require(data["layout"] as? [[String: Any]])
            fields[0]["kind"] = "signature"
            data["layout"] = fields
            object["data"] = data
        }

        // Then the snapshot is not dead-lettered: the terms arrive, marked unknown
        guard case .activityTypeSnapshot(let snapshot) = try EventCodec.decode(bytes).event else {
            Issue.record("not an activity type snapshot")
            return
        }
        #expect(snapshot.registrationType == "prepaid" && snapshot.registrationType?.isKnown == false)
        #expect(snapshot.layout?[0].kind == "signature" && snapshot.layout?[0].kind.isKnown == false)
        #expect(snapshot.layout?[1].kind.isKnown == true)
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
        snapshot.followUpRules?[0].recurrence.count = 0
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
