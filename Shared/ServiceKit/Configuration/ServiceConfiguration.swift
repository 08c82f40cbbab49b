public import AriannaProtocol
public import Foundation
public import Logging

/// Everything a service needs to know about its surroundings, read once at start-up.
///
/// Every field has a default that works for the local run (`make run`), so a service started
/// with no environment at all talks to a broker on 127.0.0.1:9092 and keeps its data in `./data`.
/// `ServiceOptions` documents the environment keys and their defaults (`--help`).
public struct ServiceConfiguration: Sendable {
    /// Short name of the service (`intake`, `planner`…); used for the data folder, the
    /// consumer group, the CloudEvents `source` and the Kafka client id.
    public var serviceName: String
    /// librdkafka `bootstrap.servers`.
    public var kafkaBrokers: String
    /// Prefix for every topic name, so parallel test runs do not see each other's events.
    public var topicNames: TopicNames
    /// Partitions given to each topic when the service creates it.
    public var topicPartitions: Int
    /// Folder holding this service's SQLite store and any files it writes.
    public var dataDirectory: URL
    /// Address the HTTP server listens on (`127.0.0.1` for the local run).
    public var httpHost: String
    /// Port of the service's pages and API (intake 8081 … billing 8085 by default).
    public var httpPort: Int
    /// The least severe log level written to standard error.
    public var logLevel: Logger.Level
    /// The company's time zone: how times are shown in pages, emails and refusal messages.
    public var timeZone: TimeZone
    /// Test-only fault injection: kill the process with SIGKILL after this many outbox rows were
    /// delivered but before they are marked sent. Proves the relay republishes rather than loses.
    public var killAfterPublishing: Int?
    /// Signs session cookies and derives CSRF tokens; the same in all five services (see `SessionKey`).
    public var sessionKey: SessionKey
    /// Base URL of every service by name (`intake` → `http://127.0.0.1:8081`), from
    /// `ARIANNA_<SERVICE>_URL`: the login page's address, and the only places a login may return to.
    public var serviceURLs: [String: String]
    /// Mark the session cookie `Secure` even when the request did not come over TLS (behind a
    /// TLS-terminating proxy that does not send `X-Forwarded-Proto`).
    public var secureCookies: Bool
    /// How long a login lasts.
    public var sessionLifetime: Duration
    /// Intake: the back-office group of activity types without their own (R11).
    public var defaultBackOfficeGroup: String = "Back office"
    /// How many consumed events one transaction applies and how long a poll waits to fill it.
    public var consumerBatching = ConsumerBatching()
    /// Raw librdkafka properties for every client of the service, applied over the built-in
    /// ones (`ARIANNA_KAFKA_PROPERTIES`): how a deployment tunes fetch waits for its broker.
    public var kafkaProperties: [String: String] = [:]

    /// A configuration with the local run's defaults for everything not given; tests pass only
    /// what they need (a service name, a temporary data folder, port 0).
    public init(
        serviceName: String,
        kafkaBrokers: String = "127.0.0.1:9092",
        topicNames: TopicNames = TopicNames(),
        topicPartitions: Int = 3,
        dataDirectory: URL,
        httpHost: String = "127.0.0.1",
        httpPort: Int,
        logLevel: Logger.Level = .info,
        timeZone: TimeZone = TimeZone(identifier: "Europe/Rome") ?? .gmt,
        killAfterPublishing: Int? = nil,
        sessionKey: SessionKey = .random(),
        serviceURLs: [String: String] = ServiceConfiguration.defaultServiceURLs(),
        secureCookies: Bool = false,
        sessionLifetime: Duration = .seconds(8 * 3600)
    ) {
        self.serviceName = serviceName
        self.kafkaBrokers = kafkaBrokers
        self.topicNames = topicNames
        self.topicPartitions = topicPartitions
        self.dataDirectory = dataDirectory
        self.httpHost = httpHost
        self.httpPort = httpPort
        self.logLevel = logLevel
        self.timeZone = timeZone
        self.killAfterPublishing = killAfterPublishing
        self.sessionKey = sessionKey
        self.serviceURLs = serviceURLs
        self.secureCookies = secureCookies
        self.sessionLifetime = sessionLifetime
    }

    /// The services' base URLs as `PageNavigation` reads them from `environment`.
    public static func defaultServiceURLs(_ environment: [String: String] = [:]) -> [String: String] {
        Dictionary(
            uniqueKeysWithValues: PageNavigation.fromEnvironment(environment).entries.map { ($0.service, $0.baseURL) })
    }

    /// Intake's base URL (login, logout, users).
    public var intakeURL: String { serviceURLs["intake"] ?? "http://127.0.0.1:8081" }

    /// The service's own SQLite file.
    public var databaseURL: URL {
        dataDirectory.appendingPathComponent("\(serviceName).sqlite")
    }

    /// CloudEvents `source` of everything this service publishes.
    public var eventSource: String { "/arianna/\(serviceName)" }

    /// Consumer group of the service: every instance of one service shares it.
    public var consumerGroupID: String { "\(topicNames.prefix)arianna-\(serviceName)" }
}
