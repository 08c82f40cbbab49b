import CRdKafka

/// The C side of producing: `rd_kafka_produceva` and the delivery-report callback.
enum RDKafkaProduce {
    /// Enqueues `message` on `handle` (non-blocking; librdkafka copies key, value and headers).
    /// `messageID` comes back in the delivery report as the per-message opaque.
    static func produce(_ message: KafkaOutgoingMessage, on handle: OpaquePointer, messageID: UInt) -> KafkaError? {
        // Header names and values are packed into two buffers so that one pointer scope covers
        // all of them, however many there are.
        var names: [CChar] = []
        var nameStarts: [Int] = []
        var values: [UInt8] = []
        var valueRanges: [Range<Int>] = []
        for header in message.headers {
            nameStarts.append(names.count)
            names.append(contentsOf: header.key.utf8CString)
            valueRanges.append(values.count..<(values.count + header.value.count))
            values.append(contentsOf: header.value)
        }
        let key = message.key

        let error: OpaquePointer? = message.topic.withCString { topic in
            message.value.withUnsafeBytes { value in
                (key ?? []).withUnsafeBytes { keyBytes in
                    names.withUnsafeBufferPointer { names in
                        values.withUnsafeBytes { values in
                            var arguments: [rd_kafka_vu_t] = []
                            arguments.reserveCapacity(5 + message.headers.count)

                            var argument = rd_kafka_vu_t()
                            argument.vtype = RD_KAFKA_VTYPE_TOPIC
                            argument.u.cstr = topic
                            arguments.append(argument)

                            argument = rd_kafka_vu_t()
                            argument.vtype = RD_KAFKA_VTYPE_MSGFLAGS
                            argument.u.i = RD_KAFKA_MSG_F_COPY
                            arguments.append(argument)

                            argument = rd_kafka_vu_t()
                            argument.vtype = RD_KAFKA_VTYPE_VALUE
                            argument.u.mem.ptr =
                                value.isEmpty ? nil : UnsafeMutableRawPointer(mutating: value.baseAddress)
                            argument.u.mem.size = value.count
                            arguments.append(argument)

                            if key != nil {
                                argument = rd_kafka_vu_t()
                                argument.vtype = RD_KAFKA_VTYPE_KEY
                                argument.u.mem.ptr =
                                    keyBytes.isEmpty ? nil : UnsafeMutableRawPointer(mutating: keyBytes.baseAddress)
                                argument.u.mem.size = keyBytes.count
                                arguments.append(argument)
                            }

                            argument = rd_kafka_vu_t()
                            argument.vtype = RD_KAFKA_VTYPE_OPAQUE
                            argument.u.ptr = UnsafeMutableRawPointer(bitPattern: messageID)
                            arguments.append(argument)

                            for (index, start) in nameStarts.enumerated() {
                                let range = valueRanges[index]
                                argument = rd_kafka_vu_t()
                                argument.vtype = RD_KAFKA_VTYPE_HEADER
                                argument.u.header.name = names.baseAddress.map { UnsafePointer($0 + start) }
                                argument.u.header.val =
                                    range.isEmpty
                                    ? nil : values.baseAddress.map { UnsafeRawPointer($0 + range.lowerBound) }
                                argument.u.header.size = range.count
                                arguments.append(argument)
                            }

                            return arguments.withUnsafeBufferPointer { arguments in
                                rd_kafka_produceva(handle, arguments.baseAddress, arguments.count)
                            }
                        }
                    }
                }
            }
        }
        guard let error else { return nil }
        return KafkaError(consuming: error, "cannot enqueue a record for \(message.topic)")
    }

    /// Turns each delivery report into the result of the waiting `send`. Served by
    /// `rd_kafka_poll`/`rd_kafka_flush` on the producer's poll thread.
    static let deliveryCallback:
        @convention(c) (OpaquePointer?, UnsafePointer<rd_kafka_message_t>?, UnsafeMutableRawPointer?) -> Void = {
            handle, message, opaque in
            guard let message, let context = RDKafkaContext.from(opaque: opaque),
                let state = context.producerState
            else { return }
            let report = message.pointee
            let id = UInt(bitPattern: report._private)
            guard id != 0 else { return }
            let topic = report.rkt.map { String(cString: rd_kafka_topic_name($0)) } ?? ""
            let result: Result<KafkaDeliveryReport, KafkaError>
            if report.err == RD_KAFKA_RESP_ERR_NO_ERROR {
                result = .success(KafkaDeliveryReport(topic: topic, partition: report.partition, offset: report.offset))
            } else if report.err == RD_KAFKA_RESP_ERR__FATAL, let handle,
                let fatal = RDKafkaHandle.fatalError(of: handle)
            {
                result = .failure(fatal)
            } else {
                result = .failure(KafkaError(report.err, "delivery to \(topic) failed"))
            }
            state.deliver(id: id, result: result)
        }
}
