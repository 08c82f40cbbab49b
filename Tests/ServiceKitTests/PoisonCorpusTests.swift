import AriannaKafka
import AriannaPoisonCorpus
import AriannaProtocol
import Foundation
import Testing

@testable import ServiceKit

/// The poison corpus is poison for the reason it claims, and the dead-letter copy keeps what a
/// person needs to find the original (key, headers, marker, reason) even for a 1 MiB record.
@Suite("Poison corpus and dead-letter copies")
struct PoisonCorpusTests {
    let names = TopicNames(prefix: "unit.")

    @Test(arguments: PoisonCorpus.consumedTopics)
    func base_isAValidEvent_andEveryPoisonMessageIsNot(topic: Topic) throws {
        // The unmutated base decodes, so each mutation is what makes its message poison
        let base = try EventCodec.decode(PoisonCorpus.validBase(for: topic, id: "base-1"))
        #expect(base.metadata.id == "base-1")

        let messages = PoisonCorpus.messages(for: topic, run: "unit", names: names)
        #expect(messages.map(\.kind) == PoisonKind.allCases)
        for message in messages {
            #expect(message.record.topic == names.name(of: topic))
            #expect(message.record.key == Array(message.id.utf8))
            #expect(message.record.headers.contains(KafkaHeader(key: PoisonCorpus.markerHeader, string: message.id)))
            if message.kind == .oversized {
                // Well-formed apart from its size: only the consumer's size limit stops it
                #expect(message.record.value.count > PoisonCorpus.oversizedPayloadBytes)
                #expect(message.record.value.count > KafkaSizeLimits.maximumEventBytes)
            } else {
                #expect(message.record.value.count < 10_000)
                #expect(throws: EventDecodingError.self, "\(message.id)") {
                    try EventCodec.decode(message.record.value)
                }
            }
        }
    }

    @Test func reasons_nameWhatIsWrong() throws {
        func reason(_ kind: PoisonKind) -> String {
            let message = PoisonCorpus.messages(for: .tickets, run: "unit", names: names).first { $0.kind == kind }!
            do {
                _ = try EventCodec.decode(message.record.value)
                return "decoded"
            } catch {
                return error.description
            }
        }
        #expect(reason(.notJSON).hasPrefix("malformed JSON"))
        #expect(reason(.notAnEnvelope) == "missing CloudEvents attribute 'specversion'")
        #expect(reason(.wrongSpecVersion) == "unsupported CloudEvents specversion '0.3'")
        #expect(reason(.unknownType).hasPrefix("unknown event type"))
        #expect(reason(.newerVersion) == "unknown event type 'ticket.cancelled.v99'")
        #expect(reason(.missingFields).hasPrefix("invalid ticket.cancelled.v1 payload"))
        #expect(reason(.wrongJSONTypes).hasPrefix("invalid ticket.cancelled.v1 payload"))
    }

    @Test func markers_areUniqueAcrossTopics_andNameEveryConsumingGroup() {
        let all = PoisonCorpus.consumedTopics.flatMap { PoisonCorpus.messages(for: $0, run: "r1", names: names) }
        #expect(Set(all.map(\.id)).count == all.count)
        let setup = all.first { $0.topic == .setup }!.expectation
        #expect(
            setup.expectedGroups
                == ["intake", "planner", "notification", "webreport", "billing"].map { "unit.arianna-\($0)" })
        #expect(setup.topic == "unit.arianna.setup")
    }

    @Test func deadLetterCopy_ofASmallMessage_isTheOriginalPlusReasonAndOrigin() {
        let original = KafkaMessage(
            topic: "unit.arianna.tickets", partition: 2, offset: 41, key: Array("k-1".utf8), value: Array("{bad".utf8),
            headers: [KafkaHeader(key: PoisonCorpus.markerHeader, string: "m-1")])
        let copy = DeadLetterCopy.record(
            of: original, reason: "malformed JSON: x", groupID: "unit.arianna-planner",
            deadLetterTopic: "unit.arianna.deadletter")
        #expect(copy.topic == "unit.arianna.deadletter")
        #expect(copy.key == original.key)
        #expect(copy.value == original.value)
        #expect(copy.headers.first == original.headers.first)
        let headers = Dictionary(copy.headers.map { ($0.key, $0.stringValue ?? "") }) { first, _ in first }
        #expect(headers[HeaderName.deadLetterReason] == "malformed JSON: x")
        #expect(headers[HeaderName.originGroup] == "unit.arianna-planner")
        #expect(headers[HeaderName.originTopic] == "unit.arianna.tickets")
        #expect(headers[HeaderName.originPartition] == "2")
        #expect(headers[HeaderName.originOffset] == "41")
        #expect(headers[HeaderName.deadLetterTruncated] == nil)
    }

    @Test func deadLetterCopy_ofAnOversizedMessage_keepsItsBeginningSizeAndHash() {
        let value = Array(repeating: UInt8(ascii: "x"), count: 1 << 20)
        let original = KafkaMessage(
            topic: "unit.arianna.setup", partition: 0, offset: 7, key: Array("k-big".utf8), value: value,
            headers: [KafkaHeader(key: PoisonCorpus.markerHeader, string: "m-big")])
        let copy = DeadLetterCopy.record(of: original, reason: "too big", groupID: "g", deadLetterTopic: "dl")
        #expect(copy.value == Array(value.prefix(DeadLetterCopy.keptBytesOfOversized)))
        #expect(copy.key == original.key)
        let headers = Dictionary(copy.headers.map { ($0.key, $0.stringValue ?? "") }) { first, _ in first }
        #expect(headers[PoisonCorpus.markerHeader] == "m-big")
        #expect(headers[HeaderName.deadLetterTruncated] == "true")
        #expect(headers[HeaderName.originalValueBytes] == "1048576")
        // sha256 of 1 MiB of "x", computed independently with `head -c 1048576 /dev/zero | tr '\0' x | sha256sum`
        #expect(headers[HeaderName.originalValueSHA256] == Self.sha256OfOneMiBOfX)
        let size =
            copy.value.count + (copy.key?.count ?? 0)
            + copy.headers.reduce(0) { $0 + $1.key.utf8.count + $1.value.count }
        #expect(size < KafkaSizeLimits.maximumEventBytes)
    }

    @Test func tally_countsOnceMissingDuplicatedUnexpectedAndReasonless() {
        let expectations = [
            PoisonExpectation(
                topic: "p.arianna.billing", id: "a", kind: .notJSON, groups: ["p.arianna-webreport"], prefix: "p."),
            PoisonExpectation(
                topic: "p.arianna.billing", id: "b", kind: .oversized, groups: ["p.arianna-webreport"], prefix: "p."),
            PoisonExpectation(
                topic: "p.arianna.intake.requests", id: "c", kind: .unknownType, groups: nil, prefix: "p.")
        ]
        var tally = DeadLetterTally(expecting: expectations)
        #expect(tally.rows.count == 3)
        func record(_ marker: String?, group: String, reason: String?) -> KafkaMessage {
            var headers = [KafkaHeader(key: DeadLetterTally.groupHeader, string: group)]
            if let marker { headers.append(KafkaHeader(key: PoisonCorpus.markerHeader, string: marker)) }
            if let reason { headers.append(KafkaHeader(key: DeadLetterTally.reasonHeader, string: reason)) }
            return KafkaMessage(
                topic: "p.arianna.deadletter", partition: 0, offset: 0, key: nil, value: [], headers: headers)
        }
        tally.count(record("a", group: "p.arianna-webreport", reason: "malformed JSON"))
        #expect(!tally.allFound)
        tally.count(record("b", group: "p.arianna-webreport", reason: "too big"))
        tally.count(record("b", group: "p.arianna-webreport", reason: "too big"))
        tally.count(record("c", group: "p.arianna-intake", reason: ""))
        tally.count(record("c", group: "p.arianna-planner", reason: "x"))
        tally.count(record(nil, group: "p.arianna-planner", reason: "a real bug"))
        #expect(tally.allFound)
        #expect(tally.foundOnce.map(\.expectation.id) == ["a", "c"])
        #expect(tally.duplicated.map(\.expectation.id) == ["b"])
        #expect(tally.unexpected.count == 2)
        #expect(tally.withoutReason == ["c @ p.arianna-intake"])
        #expect(!tally.isExact)
        #expect(tally.report(prefix: "p.").contains("expected 3, found once 2, missing 0, duplicated 1, unexpected 2"))
    }

    @Test func tallyHeaderNames_areTheOnesThePublisherWrites() {
        #expect(DeadLetterTally.reasonHeader == HeaderName.deadLetterReason)
        #expect(DeadLetterTally.groupHeader == HeaderName.originGroup)
    }

    static let sha256OfOneMiBOfX = "8f990ba0b577b51cf009ea049368c16bbda1b21e1b93be07a824758bb253c39b"
}
