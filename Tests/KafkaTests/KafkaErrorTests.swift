import AriannaKafka
import Testing

@Suite("KafkaError classification")
struct KafkaErrorTests {
    @Test(arguments: [
        (Int32(-150), KafkaError.Kind.fatal),  // _FATAL
        (90, .fatal),  // PRODUCER_FENCED
        (-192, .timedOut),  // _MSG_TIMED_OUT
        (-185, .timedOut),  // _TIMED_OUT
        (7, .timedOut),  // REQUEST_TIMED_OUT
        (-195, .retriable),  // _TRANSPORT
        (-187, .retriable),  // _ALL_BROKERS_DOWN
        (-184, .retriable),  // _QUEUE_FULL
        (3, .retriable),  // UNKNOWN_TOPIC_OR_PART
        (6, .retriable),  // NOT_LEADER_FOR_PARTITION
        (19, .retriable),  // NOT_ENOUGH_REPLICAS
        (-186, .configuration),  // _INVALID_ARG
        (37, .configuration),  // INVALID_PARTITIONS
        (29, .configuration),  // TOPIC_AUTHORIZATION_FAILED
        (-197, .closed),  // _DESTROY
        (-152, .closed),  // _PURGE_QUEUE
        (2, .other),  // INVALID_MSG
        (-172, .other)  // _STATE
    ])
    func kind_mapsResponseCode(code: Int32, expected: KafkaError.Kind) {
        // When
        let error = KafkaError(code: code)

        // Then
        #expect(error.kind == expected)
        #expect(error.code == code)
        #expect(!error.message.isEmpty)
    }

    @Test func isRetriable_holdsForRetriableAndTimedOutOnly() {
        #expect(KafkaError(kind: .retriable, message: "x").isRetriable)
        #expect(KafkaError(kind: .timedOut, message: "x").isRetriable)
        #expect(!KafkaError(kind: .fatal, message: "x").isRetriable)
        #expect(!KafkaError(kind: .configuration, message: "x").isRetriable)
        #expect(!KafkaError(kind: .closed, message: "x").isRetriable)
        #expect(!KafkaError(kind: .other, message: "x").isRetriable)
    }

    @Test func description_namesKindAndCode() {
        // When
        let description = KafkaError(code: -192).description

        // Then
        #expect(description.contains("timedOut"))
        #expect(description.contains("_MSG_TIMED_OUT"))
    }
}
