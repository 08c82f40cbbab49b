import AriannaProtocol
import Testing

@Suite("TopicNames")
struct TopicNamesTests {
    @Test func name_isRawValueWithoutPrefix() {
        #expect(TopicNames().name(of: .tickets) == "arianna.tickets")
        #expect(TopicNames().name(of: .intakeRequests) == "arianna.intake.requests")
    }

    @Test(arguments: Topic.allCases)
    func topic_invertsNameWithPrefix(topic: Topic) {
        // Given a per-run prefix
        let names = TopicNames(prefix: "test-42.")

        // When naming the topic and reading the name back
        let name = names.name(of: topic)

        // Then the name is prefixed and maps back to the same topic
        #expect(name == "test-42." + topic.rawValue)
        #expect(names.topic(named: name) == topic)
    }

    @Test func topic_isNilForOtherPrefixesAndUnknownNames() {
        let names = TopicNames(prefix: "test-42.")

        #expect(names.topic(named: "arianna.tickets") == nil)
        #expect(names.topic(named: "test-43.arianna.tickets") == nil)
        #expect(names.topic(named: "test-42.arianna.unknown") == nil)
        #expect(TopicNames().topic(named: "test-42.arianna.tickets") == nil)
    }
}
