import Logging
import Testing

@testable import AriannaKafka

/// `ARIANNA_KAFKA_PROPERTIES` and `scripts/broker.sh`'s `client.properties` are parsed here and
/// reach librdkafka through ``KafkaClientConfiguration/extra`` (issue 13).
@Suite("Kafka client properties as text")
struct KafkaClientPropertiesTests {
    @Test func parsing_readsPairsSeparatedBySpacesCommasAndLines_skipsComments() throws {
        let text = """
            # what scripts/broker.sh writes for the memory engine
            fetch.wait.max.ms=10
            linger.ms=1, socket.nagle.disable=true  client.rack=a=b
            """
        let properties = try KafkaClientConfiguration.properties(parsing: text)
        #expect(
            properties == [
                "fetch.wait.max.ms": "10", "linger.ms": "1", "socket.nagle.disable": "true", "client.rack": "a=b"
            ])
        #expect(try KafkaClientConfiguration.properties(parsing: "  \n").isEmpty)
    }

    @Test(arguments: ["fetch.wait.max.ms", "=10", "linger.ms="])
    func parsing_refusesAnEntryWithoutKeyOrValue(text: String) {
        #expect(throws: KafkaError.self) { try KafkaClientConfiguration.properties(parsing: text) }
    }

    @Test func oneTextForTheDeployment_givesEachKindOfClientOnlyItsOwnProperties() throws {
        // Given one text for every client, as scripts/broker.sh and ARIANNA_KAFKA_PROPERTIES give it
        let extra = try KafkaClientConfiguration.properties(
            parsing:
                "fetch.wait.max.ms=10 group.instance.id=a session.timeout.ms=9000 linger.ms=0 acks=1 socket.nagle.disable=true"
        )
        let client = KafkaClientConfiguration(bootstrapServers: "127.0.0.1:1", clientID: "t", extra: extra)

        // Then producers get the common and producer properties, consumers the common and consumer ones
        #expect(client.extra(forConsumer: false) == ["linger.ms": "0", "acks": "1", "socket.nagle.disable": "true"])
        let consumer = KafkaConsumerConfiguration(client: client, groupID: "g", topics: ["t"]).properties
        #expect(consumer["fetch.wait.max.ms"] == "10")
        #expect(consumer["session.timeout.ms"] == "9000")
        #expect(consumer["socket.nagle.disable"] == "true")
        #expect(consumer["linger.ms"] == nil)
        #expect(consumer["acks"] == nil)
        // and a consumer looks for topics created after its start every 10 s, not every 5 minutes
        #expect(consumer["topic.metadata.refresh.interval.ms"] == "10000")
    }

    @Test func parsedProperties_reachLibrdkafka_whichRefusesAnUnknownOne() throws {
        // Given properties as a deployment writes them, one of them unknown to librdkafka
        let extra = try KafkaClientConfiguration.properties(parsing: "linger.ms=0 arianna.no.such.property=1")
        let configuration = KafkaClientConfiguration(
            bootstrapServers: "127.0.0.1:1", clientID: "properties-test", extra: extra)

        // Then creating a client fails on it: the text is applied, not ignored
        #expect(throws: KafkaError.self) {
            _ = try KafkaProducer(configuration: configuration, logger: Logger(label: "test"))
        }
    }
}
