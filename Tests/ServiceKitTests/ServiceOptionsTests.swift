import Foundation
import Testing

@testable import ServiceKit

@Suite struct ServiceOptionsTests {
    @Test func configuration_usesDefaults_withEmptyEnvironment() throws {
        let configuration = try ServiceOptions.parse([]).configuration(
            serviceName: "planner", defaultPort: 8082, environment: [:])
        #expect(configuration.kafkaBrokers == "127.0.0.1:9092")
        #expect(configuration.httpPort == 8082)
        #expect(configuration.topicNames.prefix == "")
        #expect(configuration.dataDirectory.path.hasSuffix("data/planner"))
        #expect(configuration.consumerGroupID == "arianna-planner")
        #expect(configuration.timeZone.identifier == "Europe/Rome")
        #expect(configuration.killAfterPublishing == nil)
    }

    @Test func configuration_readsEnvironment() throws {
        let configuration = try ServiceOptions.parse([]).configuration(
            serviceName: "intake", defaultPort: 8081,
            environment: [
                "ARIANNA_KAFKA_BROKERS": "127.0.0.1:19092", "ARIANNA_INTAKE_PORT": "9999",
                "ARIANNA_TOPIC_PREFIX": "t1.", "ARIANNA_DATA_DIR": "/tmp/x", "ARIANNA_TOPIC_PARTITIONS": "6",
                "ARIANNA_FAULT_KILL_AFTER_PUBLISH": "40"
            ])
        #expect(configuration.kafkaBrokers == "127.0.0.1:19092")
        #expect(configuration.httpPort == 9999)
        #expect(configuration.topicNames.name(of: .tickets) == "t1.arianna.tickets")
        #expect(configuration.consumerGroupID == "t1.arianna-intake")
        #expect(configuration.databaseURL.path == "/tmp/x/intake/intake.sqlite")
        #expect(configuration.topicPartitions == 6)
        #expect(configuration.killAfterPublishing == 40)
    }

    @Test func configuration_flagsWinOverEnvironment() throws {
        let options = try ServiceOptions.parse(["--port", "7000", "--kafka-brokers", "h:1"])
        let configuration = try options.configuration(
            serviceName: "billing", defaultPort: 8085,
            environment: [
                "ARIANNA_BILLING_PORT": "9999", "ARIANNA_KAFKA_BROKERS": "x:2"
            ])
        #expect(configuration.httpPort == 7000)
        #expect(configuration.kafkaBrokers == "h:1")
    }

    @Test func configuration_rejectsBadValues_withClearMessages() {
        #expect(throws: (any Error).self) {
            try ServiceOptions.parse([]).configuration(
                serviceName: "intake", defaultPort: 1, environment: ["ARIANNA_INTAKE_PORT": "eighty"])
        }
        #expect(throws: (any Error).self) {
            try ServiceOptions.parse([]).configuration(
                serviceName: "intake", defaultPort: 1, environment: ["ARIANNA_TIME_ZONE": "Mars/Olympus"])
        }
        #expect(throws: (any Error).self) {
            try ServiceOptions.parse([]).configuration(
                serviceName: "intake", defaultPort: 1, environment: ["ARIANNA_TOPIC_PARTITIONS": "0"])
        }
    }

    @Test func kafkaProperties_readFromEnvironment_emptyByDefault_refusedWhenMalformed() throws {
        let defaults = try ServiceOptions.parse([]).configuration(
            serviceName: "planner", defaultPort: 1, environment: [:])
        #expect(defaults.kafkaProperties.isEmpty)
        let tuned = try ServiceOptions.parse([]).configuration(
            serviceName: "planner", defaultPort: 1,
            environment: [
                "ARIANNA_KAFKA_PROPERTIES": "fetch.wait.max.ms=10 linger.ms=0\n"
            ])
        #expect(tuned.kafkaProperties == ["fetch.wait.max.ms": "10", "linger.ms": "0"])
        #expect(throws: (any Error).self) {
            try ServiceOptions.parse([]).configuration(
                serviceName: "planner", defaultPort: 1, environment: ["ARIANNA_KAFKA_PROPERTIES": "fetch.wait.max.ms"])
        }
    }

    @Test func consumerBatching_defaultsTo500AndNoWait_readsEnvironmentAndFlags_refusesNonsense() throws {
        let defaults = try ServiceOptions.parse([]).configuration(
            serviceName: "planner", defaultPort: 1, environment: [:])
        #expect(defaults.consumerBatching == ConsumerBatching(maxCount: 500, maxWait: .zero))
        let fromEnvironment = try ServiceOptions.parse([]).configuration(
            serviceName: "planner", defaultPort: 1,
            environment: [
                "ARIANNA_CONSUMER_BATCH_SIZE": "1", "ARIANNA_CONSUMER_BATCH_WAIT_MS": "0"
            ])
        #expect(fromEnvironment.consumerBatching == ConsumerBatching(maxCount: 1, maxWait: .zero))
        let fromFlags = try ServiceOptions.parse(["--consumer-batch-size", "50", "--consumer-batch-wait-ms", "20"])
            .configuration(serviceName: "planner", defaultPort: 1, environment: ["ARIANNA_CONSUMER_BATCH_SIZE": "7"])
        #expect(fromFlags.consumerBatching == ConsumerBatching(maxCount: 50, maxWait: .milliseconds(20)))
        #expect(throws: (any Error).self) {
            try ServiceOptions.parse([]).configuration(
                serviceName: "planner", defaultPort: 1, environment: ["ARIANNA_CONSUMER_BATCH_SIZE": "0"])
        }
        #expect(throws: (any Error).self) {
            try ServiceOptions.parse([]).configuration(
                serviceName: "planner", defaultPort: 1, environment: ["ARIANNA_CONSUMER_BATCH_WAIT_MS": "soon"])
        }
        #expect(throws: (any Error).self) {
            try ServiceOptions.parse(["--consumer-batch-size", "0"]).configuration(
                serviceName: "planner", defaultPort: 1, environment: [:])
        }
    }
}
