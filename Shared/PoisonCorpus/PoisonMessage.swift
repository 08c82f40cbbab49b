public import AriannaKafka
public import AriannaProtocol

/// One hostile record of the corpus, ready to publish, and the line the checker expects back.
public struct PoisonMessage: Sendable {
    /// The unique marker, also in the ``PoisonCorpus/markerHeader`` header and the record key.
    public let id: String
    /// What is wrong with it.
    public let kind: PoisonKind
    /// The topic it is meant for.
    public let topic: Topic
    /// The record as it goes on the broker (topic name with the run's prefix).
    public let record: KafkaOutgoingMessage

    /// The line written to the expectation file.
    public var expectation: PoisonExpectation {
        PoisonExpectation(
            topic: record.topic, id: id, kind: kind,
            groups: PoisonCorpus.consumingServices(of: topic).map {
                PoisonCorpus.consumerGroup(of: $0, prefix: prefix)
            },
            prefix: prefix)
    }

    /// The services' topic prefix the message is sent under (`ARIANNA_TOPIC_PREFIX`).
    let prefix: String
}

/// One expected poison message: the JSON line `arianna-bench poison` writes and
/// `arianna-bench dead-letters` reads (`{"topic":…, "id":…, "kind":…}` plus who must
/// dead-letter it).
public struct PoisonExpectation: Codable, Sendable, Equatable {
    /// The topic name on the broker, prefix included.
    public var topic: String
    /// The marker of the message.
    public var id: String
    /// What is wrong with it.
    public var kind: PoisonKind
    /// The consumer groups that read the topic: each must dead-letter the message once.
    /// Absent in hand-written files: then derived from `topic` and `prefix`.
    public var groups: [String]?
    /// The topic prefix of the run (the dead-letter topic is `prefix + arianna.deadletter`).
    public var prefix: String?

    /// An expectation; `groups` and `prefix` as the corpus wrote them.
    public init(topic: String, id: String, kind: PoisonKind, groups: [String]?, prefix: String?) {
        self.topic = topic
        self.id = id
        self.kind = kind
        self.groups = groups
        self.prefix = prefix
    }

    /// The groups that must dead-letter the message: as written, or those consuming `topic`.
    public var expectedGroups: [String] {
        if let groups { return groups }
        let prefix = prefix ?? ""
        let bare = topic.hasPrefix(prefix) ? String(topic.dropFirst(prefix.count)) : topic
        guard let known = Topic(rawValue: bare) else { return [] }
        return PoisonCorpus.consumingServices(of: known).map { PoisonCorpus.consumerGroup(of: $0, prefix: prefix) }
    }
}
