import ArgumentParser
import AriannaKafka
import AriannaProtocol
import Foundation
import Logging
import NotificationService

/// Notification's email throughput to a real SMTP server: publishes a burst of
/// `appointment.scheduled.v1` events (one customer each) on `arianna.appointments`, as the
/// planner would, and watches the folder of the local SMTP server (`scripts/mail-sink.py`) until
/// every customer's message has arrived. Reports emails/s from the first publish to the last
/// message stored, and event → stored (after the server's 250) latency p50/p99, from the time
/// in each stored file's name. Also renders as many emails in-process and reports the render
/// time per message, and, given the server's delay and notification's connections, the ceiling
/// the server allows (connections / delay), so the figures show which side sets the pace.
struct NotificationSMTPBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "notification-smtp")

    /// The Kafka brokers the appointment events are published to.
    @Option(help: "Kafka bootstrap servers.") var brokers = "127.0.0.1:9092"
    /// The topic prefix the running services use, so notification consumes the published events.
    @Option(help: "Topic prefix the services run with (ARIANNA_TOPIC_PREFIX).") var topicPrefix = ""
    /// How many appointment events are published, each owing the customer one email.
    @Option(help: "Appointment events to publish.") var count = 1000
    /// The folder where the SMTP test server (`mail-sink.py --folder`) writes each message received.
    @Option(help: "The SMTP test server's folder (mail-sink.py --folder).") var mailFolder: String
    /// How long every expected email may take to arrive before the run fails.
    @Option(help: "Seconds to wait for every message before giving up.") var timeoutSeconds = 300
    /// The delay the SMTP test server adds per message, to compute the ceiling the connections allow.
    @Option(help: "The SMTP test server's delay per message (mail-sink.py --delay-ms), for the ceiling.")
    var smtpDelayMs = 0
    /// How many SMTP connections notification runs with, to compute the same ceiling.
    @Option(help: "Notification's SMTP connections (ARIANNA_SMTP_CONNECTIONS), for the ceiling.") var connections = 4

    func run() async throws {
        var logger = Logger(label: "bench")
        logger.logLevel = .warning
        let names = TopicNames(prefix: topicPrefix)
        let producer = try KafkaProducer(
            configuration: KafkaClientConfiguration(bootstrapServers: brokers, clientID: "arianna-bench-notification"),
            logger: logger)
        let run = UUID().uuidString.prefix(8).lowercased()
        let folder = URL(fileURLWithPath: mailFolder)
        let before = Set(try FileManager.default.contentsOfDirectory(atPath: folder.path))
        let start = Date()
        var sentAt: [String: Date] = [:]
        for chunk in stride(from: 0, to: count, by: 100) {
            let batch = (chunk..<min(chunk + 100, count)).map { index -> KafkaOutgoingMessage in
                let address = "bench-\(run)-\(index)@example.com"
                let slot = start.addingTimeInterval(86_400 + Double(index) * 3600)
                let event = AppointmentScheduled(
                    appointmentID: "bench-\(run)-\(index)", ticketID: nil, ticketNumber: "BENCH/\(index)",
                    operatorID: "op-bench",
                    operatorName: "Bench Technician", title: "Benchmark visit \(index)",
                    customer: CustomerRef(id: "cus-bench-\(index)", name: "Bench customer \(index)", email: address),
                    start: slot, end: slot.addingTimeInterval(3600))
                let metadata = EventMetadata.new(
                    for: event, id: UUID().uuidString, source: "/arianna-bench", time: Date())
                sentAt[address] = Date()
                return KafkaOutgoingMessage(
                    topic: names.name(of: .appointments), key: Array(event.aggregateID.utf8),
                    value: (try? EventCodec.encode(event, metadata: metadata)) ?? [])
            }
            let failures = await producer.sendAll(batch).filter { if case .failure = $0 { true } else { false } }
            guard failures.isEmpty else {
                throw ValidationError("the broker refused \(failures.count) events: \(failures[0])")
            }
        }
        await producer.close()

        // Each stored file is "<time_ns>-<n>.eml" with "X-Envelope-To: <address>" on its second line.
        var storedAt: [String: Date] = [:]
        var seen = before
        let deadline = Date().addingTimeInterval(Double(timeoutSeconds))
        while storedAt.count < count, Date() < deadline {
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path)
            where name.hasSuffix(".eml") && !name.hasPrefix(".") && !seen.contains(name) {
                seen.insert(name)
                guard let nanos = name.split(separator: "-").first.flatMap({ Double($0) }),
                    let head = try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8).prefix(
                        400),
                    let line = head.split(separator: "\r\n").first(where: {
                        $0.hasPrefix("X-Envelope-To: bench-\(run)-")
                    })
                else { continue }
                storedAt[String(line.dropFirst("X-Envelope-To: ".count))] = Date(timeIntervalSince1970: nanos / 1e9)
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        let last = storedAt.values.max() ?? Date()
        let latencies = storedAt.compactMap { address, stored in
            sentAt[address].map { stored.timeIntervalSince($0) * 1000 }
        }
        print("notification over SMTP: \(count) appointment events, \(storedAt.count) customer emails stored")
        print(
            "notification SMTP throughput: \(String(format: "%.1f", Double(storedAt.count) / max(last.timeIntervalSince(start), 0.001))) emails/s (first publish → last message stored)"
        )
        if let first = storedAt.values.min(), storedAt.count > 1, last > first {
            // Without the consumer's start (joining the group) in it: the pace SMTP delivery keeps.
            let steady = Double(storedAt.count - 1) / last.timeIntervalSince(first)
            print(
                "notification SMTP steady throughput: \(String(format: "%.1f", steady)) emails/s (first → last message stored)"
            )
        }
        print("notification event → 250: \(Percentiles(milliseconds: latencies))")
        if smtpDelayMs > 0 {
            let ceiling = Double(connections) * 1000 / Double(smtpDelayMs)
            print(
                "notification SMTP ceiling: \(connections) connections / \(smtpDelayMs) ms per message = \(String(format: "%.1f", ceiling)) emails/s"
            )
        }
        let render = try EmailRenderTiming.milliseconds(
            messages: count, timeZone: TimeZone(identifier: "Europe/Rome") ?? .current)
        print("notification render per message: \(Percentiles(milliseconds: render))")
        guard storedAt.count == count else {
            throw ValidationError("only \(storedAt.count) of \(count) emails arrived in \(timeoutSeconds) s")
        }
    }
}
