/// What every Kafka client needs: where the brokers are and how to name itself. Producer,
/// consumer and admin add their own fixed properties on top; ``extra`` is applied last, so a
/// deployment can tune anything librdkafka knows (see its CONFIGURATION.md).
public struct KafkaClientConfiguration: Sendable {
    /// Comma-separated `host:port` list (librdkafka `bootstrap.servers`).
    public var bootstrapServers: String
    /// The client id brokers show in their logs and quotas (librdkafka `client.id`).
    public var clientID: String
    /// Raw librdkafka properties, applied after all others (they win).
    public var extra: [String: String]

    /// Creates a client configuration.
    public init(bootstrapServers: String, clientID: String, extra: [String: String] = [:]) {
        self.bootstrapServers = bootstrapServers
        self.clientID = clientID
        self.extra = extra
    }

    /// The properties common to every client, before the component's own and before ``extra``.
    var baseProperties: [String: String] {
        [
            "bootstrap.servers": bootstrapServers,
            "client.id": clientID,
            // Reconnect quickly after a broker restart (the default backs off up to 10 s).
            "reconnect.backoff.max.ms": "1000",
            // Send each request at once instead of letting Nagle's algorithm hold a small one
            // until the previous one is acknowledged (up to a delayed-ACK timeout, ~40 ms on
            // Linux). Costs a few more TCP segments under load, nothing else.
            "socket.nagle.disable": "true"
        ]
    }
}
