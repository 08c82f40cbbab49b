public import ArgumentParser
import AriannaKafka
import AriannaProtocol
public import Foundation
import Logging

/// The command-line options every service executable accepts. Each one falls back to an
/// environment variable and then to a default that suits the local run; `--help` lists them.
public struct ServiceOptions: ParsableArguments, Sendable {
    /// Where the broker is (`--kafka-brokers`).
    @Option(help: "Kafka bootstrap servers. Env: ARIANNA_KAFKA_BROKERS. Default: 127.0.0.1:9092.")
    public var kafkaBrokers: String?

    /// The root data folder (`--data-dir`), shared by the five services, one sub-folder each.
    @Option(
        help:
            "Root data folder; the service keeps its files in <data-dir>/<service>. Env: ARIANNA_DATA_DIR. Default: ./data."
    )
    public var dataDir: String?

    /// A prefix for every topic name (`--topic-prefix`), so parallel runs share one broker.
    @Option(help: "Prefix for every topic name. Env: ARIANNA_TOPIC_PREFIX. Default: none.")
    public var topicPrefix: String?

    /// Partitions per topic the service creates (`--topic-partitions`).
    @Option(help: "Partitions per topic when the service creates it. Env: ARIANNA_TOPIC_PARTITIONS. Default: 3.")
    public var topicPartitions: Int?

    /// The HTTP listen address (`--host`).
    @Option(help: "HTTP listen address. Env: ARIANNA_HTTP_HOST. Default: 127.0.0.1.")
    public var host: String?

    /// The HTTP port (`--port`), else the service's own.
    @Option(
        help:
            "HTTP port. Env: ARIANNA_<SERVICE>_PORT (e.g. ARIANNA_INTAKE_PORT). Default: the service's own (intake 8081, planner 8082, notification 8083, webreport 8084, billing 8085)."
    )
    public var port: Int?

    /// The log level by name (`--log-level`).
    @Option(
        help: "Log level (trace, debug, info, notice, warning, error, critical). Env: ARIANNA_LOG_LEVEL. Default: info."
    )
    public var logLevel: String?

    /// The company's time zone (`--time-zone`), an IANA identifier such as `Europe/Rome`.
    @Option(
        help: "The company's time zone for pages, emails and messages. Env: ARIANNA_TIME_ZONE. Default: Europe/Rome.")
    public var timeZone: String?

    /// The secret that signs sessions (`--session-key`), the same on all five services.
    @Option(
        help:
            "Secret (at least 32 characters) that signs login sessions; must be the same for all five services. Env: ARIANNA_SESSION_KEY. Default: the file <data-dir>/session.key, created with 32 random bytes (mode 0600) by the first service that starts."
    )
    public var sessionKey: String?

    /// Marks the session cookie `Secure` behind a TLS proxy (`--secure-cookies`).
    @Flag(
        help:
            "Mark the session cookie Secure even on plain HTTP (behind a TLS proxy). Env: ARIANNA_SECURE_COOKIES=1. Default: only when the request came over TLS."
    )
    public var secureCookies: Bool = false

    /// How long a login lasts, in hours (`--session-hours`).
    @Option(help: "How many hours a login lasts. Env: ARIANNA_SESSION_HOURS. Default: 8.")
    public var sessionHours: Int?

    /// Intake's default back-office group (`--back-office-group`, R11).
    @Option(
        help:
            "Intake: the back-office group of the activity types without their own (R11). Env: ARIANNA_BACK_OFFICE_GROUP. Default: Back office."
    )
    public var backOfficeGroup: String?

    /// Copy the store to this folder and exit (`--backup-to`, `make backup`).
    @Option(
        help:
            "Copy the service's store (SQLite's online backup API) and files into <folder>/<service>, then exit; the service may be running. `make backup` runs it for all five."
    )
    public var backupTo: String?

    /// Restore the store from this folder and exit (`--restore-from`, `make restore`).
    @Option(
        help:
            "Put <folder>/<service> (a --backup-to copy) in place of the service's data folder, which must hold no store, then exit. `make restore FROM=<folder>` runs it for all five."
    )
    public var restoreFrom: String?

    /// Most events applied in one consumer transaction (`--consumer-batch-size`).
    @Option(
        help:
            "Most events the consumer applies in one transaction (1 = one at a time). Env: ARIANNA_CONSUMER_BATCH_SIZE. Default: 500."
    )
    public var consumerBatchSize: Int?

    /// How long a poll waits to fill a batch, in milliseconds (`--consumer-batch-wait-ms`).
    @Option(
        help:
            "Milliseconds a poll waits for more events once it has one, to fill a batch. Env: ARIANNA_CONSUMER_BATCH_WAIT_MS. Default: 0 (take the events already fetched, wait for none)."
    )
    public var consumerBatchWaitMs: Int?

    /// Options with nothing given; ArgumentParser fills them from the command line.
    public init() {}

    /// Resolves flags, then environment, then defaults.
    public func configuration(
        serviceName: String,
        defaultPort: Int,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> ServiceConfiguration {
        func env(_ key: String) -> String? {
            guard let value = environment[key], !value.isEmpty else { return nil }
            return value
        }
        let portKey = "ARIANNA_\(serviceName.uppercased())_PORT"
        let rootData = dataDir ?? env("ARIANNA_DATA_DIR") ?? "./data"
        let levelName = logLevel ?? env("ARIANNA_LOG_LEVEL") ?? "info"
        guard let level = Logger.Level(rawValue: levelName) else {
            throw ValidationError("Unknown log level '\(levelName)'.")
        }
        let resolvedPort =
            try port ?? env(portKey).map { value in
                guard let number = Int(value) else {
                    throw ValidationError("\(portKey) must be a port number, not '\(value)'.")
                }
                return number
            } ?? defaultPort
        let partitions =
            try topicPartitions ?? env("ARIANNA_TOPIC_PARTITIONS").map { value in
                guard let number = Int(value), number > 0 else {
                    throw ValidationError("ARIANNA_TOPIC_PARTITIONS must be a positive number, not '\(value)'.")
                }
                return number
            } ?? 3
        let zoneName = timeZone ?? env("ARIANNA_TIME_ZONE") ?? "Europe/Rome"
        guard let zone = TimeZone(identifier: zoneName) else {
            throw ValidationError("Unknown time zone '\(zoneName)'; use an IANA name such as Europe/Rome.")
        }
        let key: SessionKey
        if let secret = sessionKey ?? env("ARIANNA_SESSION_KEY") {
            do { key = try SessionKey(secret: secret) } catch { throw ValidationError("\(error)") }
        } else {
            do {
                key = try SessionKey.loadOrCreate(
                    at: URL(fileURLWithPath: rootData).appendingPathComponent("session.key"))
            } catch { throw ValidationError("\(error)") }
        }
        let hours =
            try sessionHours ?? env("ARIANNA_SESSION_HOURS").map { value in
                guard let number = Int(value), number > 0 else {
                    throw ValidationError("ARIANNA_SESSION_HOURS must be a positive number of hours, not '\(value)'.")
                }
                return number
            } ?? 8
        let secure = secureCookies || ["1", "true", "yes"].contains(env("ARIANNA_SECURE_COOKIES")?.lowercased() ?? "")
        var configuration = ServiceConfiguration(
            serviceName: serviceName,
            kafkaBrokers: kafkaBrokers ?? env("ARIANNA_KAFKA_BROKERS") ?? "127.0.0.1:9092",
            topicNames: TopicNames(prefix: topicPrefix ?? env("ARIANNA_TOPIC_PREFIX") ?? ""),
            topicPartitions: partitions,
            dataDirectory: URL(fileURLWithPath: rootData).appendingPathComponent(serviceName),
            httpHost: host ?? env("ARIANNA_HTTP_HOST") ?? "127.0.0.1",
            httpPort: resolvedPort,
            logLevel: level,
            timeZone: zone,
            killAfterPublishing: env("ARIANNA_FAULT_KILL_AFTER_PUBLISH").flatMap(Int.init),
            sessionKey: key,
            serviceURLs: ServiceConfiguration.defaultServiceURLs(environment),
            secureCookies: secure,
            sessionLifetime: .seconds(hours * 3600)
        )
        configuration.defaultBackOfficeGroup = backOfficeGroup ?? env("ARIANNA_BACK_OFFICE_GROUP") ?? "Back office"
        let batchSize =
            try consumerBatchSize ?? env("ARIANNA_CONSUMER_BATCH_SIZE").map { value in
                guard let number = Int(value), number > 0 else {
                    throw ValidationError(
                        "ARIANNA_CONSUMER_BATCH_SIZE must be a positive number of events, not '\(value)'.")
                }
                return number
            } ?? 500
        let batchWait =
            try consumerBatchWaitMs ?? env("ARIANNA_CONSUMER_BATCH_WAIT_MS").map { value in
                guard let number = Int(value), number >= 0 else {
                    throw ValidationError(
                        "ARIANNA_CONSUMER_BATCH_WAIT_MS must be a number of milliseconds (0 or more), not '\(value)'.")
                }
                return number
            } ?? 0
        guard batchSize > 0, batchWait >= 0 else {
            throw ValidationError("--consumer-batch-size must be positive and --consumer-batch-wait-ms 0 or more.")
        }
        configuration.consumerBatching = ConsumerBatching(maxCount: batchSize, maxWait: .milliseconds(batchWait))
        do {
            configuration.kafkaProperties = try KafkaClientConfiguration.properties(
                parsing: env("ARIANNA_KAFKA_PROPERTIES") ?? "")
        } catch {
            throw ValidationError(
                "ARIANNA_KAFKA_PROPERTIES must be librdkafka key=value pairs separated by spaces: \(error.message)")
        }
        return configuration
    }
}
