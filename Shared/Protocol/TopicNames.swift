/// Maps ``Topic`` values to the names used on the broker.
///
/// Test runs and parallel environments prefix every topic name (e.g. `"test-42."`), so that two
/// runs sharing one broker never see each other's messages. Production uses the empty prefix.
public struct TopicNames: Sendable, Equatable {
    /// Prepended verbatim to every topic's raw value.
    public let prefix: String

    /// - Parameter prefix: prepended verbatim; include your own separator (`"ci-7."`).
    public init(prefix: String = "") {
        self.prefix = prefix
    }

    /// The broker name of `topic`: `prefix + topic.rawValue`.
    public func name(of topic: Topic) -> String {
        prefix + topic.rawValue
    }

    /// The inverse of ``name(of:)``: `nil` when `name` lacks the prefix or names no known topic.
    public func topic(named name: String) -> Topic? {
        guard name.hasPrefix(prefix) else { return nil }
        return Topic(rawValue: String(name.dropFirst(prefix.count)))
    }
}
