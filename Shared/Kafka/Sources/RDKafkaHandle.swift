import CRdKafka

/// Owns one `rd_kafka_t` and the callback context it points to.
///
/// `@unchecked Sendable` because the pointer is immutable and librdkafka handles are
/// thread-safe; the one unsafe operation, ``destroy()``, is called exactly once by the owner's
/// state machine, after which the owner never hands the pointer out again.
final class RDKafkaHandle: @unchecked Sendable {
    /// The client handle; valid until ``destroy()``.
    let pointer: OpaquePointer
    /// Retained for librdkafka (as the configuration opaque) until ``destroy()`` returns.
    let context: RDKafkaContext

    private init(pointer: OpaquePointer, context: RDKafkaContext) {
        self.pointer = pointer
        self.context = context
    }

    /// Creates a client from `properties`. `configure` installs type-specific callbacks on the
    /// configuration before the client takes it over.
    static func make(
        type: rd_kafka_type_t,
        properties: [String: String],
        context: RDKafkaContext,
        installErrorCallback: Bool = true,
        configure: (OpaquePointer) -> Void = { _ in }
    ) throws(KafkaError) -> RDKafkaHandle {
        let configuration = try makeConfiguration(properties)
        let opaque = Unmanaged.passRetained(context).toOpaque()
        rd_kafka_conf_set_opaque(configuration, opaque)
        rd_kafka_conf_set_log_cb(configuration, RDKafkaContext.logCallback)
        if installErrorCallback {
            rd_kafka_conf_set_error_cb(configuration, RDKafkaContext.errorCallback)
        }
        configure(configuration)

        var errorText = [CChar](repeating: 0, count: 512)
        guard let pointer = rd_kafka_new(type, configuration, &errorText, errorText.count) else {
            rd_kafka_conf_destroy(configuration)
            Unmanaged<RDKafkaContext>.fromOpaque(opaque).release()
            throw KafkaError(
                kind: .configuration,
                code: RD_KAFKA_RESP_ERR__INVALID_ARG.rawValue,
                message: "cannot create the Kafka client: \(decodeCString(errorText))"
            )
        }
        return RDKafkaHandle(pointer: pointer, context: context)
    }

    /// Destroys the client (blocking: it joins librdkafka's threads) and releases the context.
    /// Call it once, off the cooperative pool, when no other thread uses ``pointer``.
    func destroy() {
        rd_kafka_destroy(pointer)
        Unmanaged.passUnretained(context).release()
    }

    /// The value of a configuration property as the client sees it (after librdkafka's own
    /// rewrites, e.g. the mock cluster's `bootstrap.servers`).
    func configurationValue(_ name: String) -> String? {
        guard let configuration = rd_kafka_conf(pointer) else { return nil }
        var size = 0
        guard rd_kafka_conf_get(configuration, name, nil, &size) == RD_KAFKA_CONF_OK, size > 0 else {
            return nil
        }
        var buffer = [CChar](repeating: 0, count: size)
        guard rd_kafka_conf_get(configuration, name, &buffer, &size) == RD_KAFKA_CONF_OK else { return nil }
        return decodeCString(buffer)
    }

    /// The underlying error after librdkafka raised `_FATAL`, if any.
    static func fatalError(of pointer: OpaquePointer) -> KafkaError? {
        var text = [CChar](repeating: 0, count: 512)
        let code = rd_kafka_fatal_error(pointer, &text, text.count)
        guard code != RD_KAFKA_RESP_ERR_NO_ERROR else { return nil }
        return KafkaError(kind: .fatal, code: code.rawValue, message: decodeCString(text))
    }

    /// Builds an `rd_kafka_conf_t`; the caller owns it.
    private static func makeConfiguration(_ properties: [String: String]) throws(KafkaError) -> OpaquePointer {
        guard let configuration = rd_kafka_conf_new() else {
            throw KafkaError(kind: .other, message: "rd_kafka_conf_new failed")
        }
        var errorText = [CChar](repeating: 0, count: 512)
        // Sorted so that a configuration always applies the same way.
        for (name, value) in properties.sorted(by: { $0.key < $1.key }) {
            if rd_kafka_conf_set(configuration, name, value, &errorText, errorText.count) != RD_KAFKA_CONF_OK {
                rd_kafka_conf_destroy(configuration)
                throw KafkaError(
                    kind: .configuration,
                    code: RD_KAFKA_RESP_ERR__INVALID_ARG.rawValue,
                    message: "invalid Kafka property \(name): \(decodeCString(errorText))"
                )
            }
        }
        return configuration
    }
}

/// Decodes a NUL-terminated buffer filled by C.
func decodeCString(_ buffer: [CChar]) -> String {
    buffer.withUnsafeBufferPointer { pointer in
        guard let base = pointer.baseAddress else { return "" }
        return String(cString: base)
    }
}
