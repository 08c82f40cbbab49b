import CRdKafka
import Logging

/// What librdkafka's C callbacks need to reach Swift: the logger and, for a producer, the
/// state that holds the continuations waiting for delivery reports. It is passed to librdkafka
/// as the configuration opaque; ``RDKafkaHandle`` keeps it retained until `rd_kafka_destroy`
/// has returned, so a callback never sees a dangling pointer.
final class RDKafkaContext: Sendable {
    /// Where librdkafka's log lines and errors go.
    let logger: Logger
    /// Set for producers: resumes the `send` waiting for a delivery report.
    let producerState: RDKafkaProducerState?

    /// The context of a consumer or admin client (no producer state) or of a producer.
    init(logger: Logger, producerState: RDKafkaProducerState? = nil) {
        self.logger = logger
        self.producerState = producerState
    }

    /// The context a callback was given, from the configuration opaque.
    static func from(opaque: UnsafeMutableRawPointer?) -> RDKafkaContext? {
        guard let opaque else { return nil }
        return Unmanaged<RDKafkaContext>.fromOpaque(opaque).takeUnretainedValue()
    }

    /// The context of a client handle (for callbacks that are not given the opaque).
    static func from(handle: OpaquePointer?) -> RDKafkaContext? {
        guard let handle else { return nil }
        return from(opaque: rd_kafka_opaque(handle))
    }
}

extension RDKafkaContext {
    /// Routes librdkafka's own log lines (syslog levels) to swift-log. Called from
    /// librdkafka's internal threads, which is fine: `Logger` is thread-safe.
    static let logCallback:
        @convention(c) (OpaquePointer?, Int32, UnsafePointer<CChar>?, UnsafePointer<CChar>?) -> Void = {
            handle, level, facility, line in
            guard let context = RDKafkaContext.from(handle: handle) else { return }
            let swiftLevel: Logger.Level =
                switch level {
                case ...2: .critical
                case 3: .error
                case 4: .warning
                case 5: .notice
                case 6: .info
                default: .debug
                }
            let text = line.map { String(cString: $0) } ?? ""
            let facilityText = facility.map { String(cString: $0) } ?? ""
            context.logger.log(
                level: swiftLevel,
                "\(text)",
                metadata: [KafkaLogMetadata.facility: "\(facilityText)"]
            )
        }

    /// Logs client-level errors (broker down, fatal idempotence errors). Served from the poll
    /// call of the client, i.e. on its dedicated thread or queue.
    static let errorCallback:
        @convention(c) (OpaquePointer?, Int32, UnsafePointer<CChar>?, UnsafeMutableRawPointer?) -> Void = {
            handle, code, reason, opaque in
            guard let context = RDKafkaContext.from(opaque: opaque) else { return }
            let error = KafkaError(code: code, message: reason.map { String(cString: $0) })
            if error.kind == .fatal, let handle {
                context.logger.critical(
                    "librdkafka fatal error",
                    metadata: [KafkaLogMetadata.error: "\(RDKafkaHandle.fatalError(of: handle) ?? error)"]
                )
            } else {
                context.logger.warning("librdkafka error", metadata: [KafkaLogMetadata.error: "\(error)"])
            }
        }
}
