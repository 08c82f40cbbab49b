public import AriannaKafka
public import Foundation

/// Reads the records a durable broker (Tansu on S3, `scripts/broker.sh … durable`) stored in its
/// bucket folder, without asking the broker: for counting a chaos row's topics (issue 14).
///
/// Tansu's S3 engine keeps every produce request as one object,
/// `…/topics/<topic>/partitions/<partition>/records/<offset>.batch`, holding the request's Kafka
/// record batch (format v2) as it arrived. Reading them back through the broker takes one fetch
/// per object, each listing the whole partition, so a topic of N objects costs N listings of up
/// to N objects; reading the files takes one pass. Only uncompressed batches are read (the
/// services' producers do not compress); anything else is an error, never a silent gap.
public enum StoredTopicReader {
    /// What a stored batch could not be read as.
    public struct Failure: Error, CustomStringConvertible {
        /// The object's path and what was wrong with it.
        public let description: String
    }

    /// Every record stored for `topics` under `bucketFolder` (the broker's `s3` folder), in
    /// partition and offset order.
    public static func records(of topics: [String], in bucketFolder: URL) throws -> [KafkaMessage] {
        let files = FileManager.default
        guard
            let clusters = try? files.contentsOfDirectory(
                atPath: bucketFolder.appendingPathComponent("tansu/clusters").path)
        else {
            throw Failure(description: "\(bucketFolder.path) holds no Tansu cluster (tansu/clusters)")
        }
        var messages: [KafkaMessage] = []
        for cluster in clusters.sorted() {
            for topic in topics {
                let partitions = bucketFolder.appendingPathComponent(
                    "tansu/clusters/\(cluster)/topics/\(topic)/partitions")
                for partition in ((try? files.contentsOfDirectory(atPath: partitions.path)) ?? []).sorted() {
                    let folder = partitions.appendingPathComponent("\(partition)/records")
                    let objects = ((try? files.contentsOfDirectory(atPath: folder.path)) ?? [])
                        .filter { $0.hasSuffix(".batch") }.sorted()
                    for object in objects {
                        let url = folder.appendingPathComponent(object)
                        let firstOffset = Int64(object.dropLast(".batch".count)) ?? 0
                        let bytes = [UInt8](try Data(contentsOf: url))
                        do {
                            messages += try RecordBatch.records(
                                in: bytes, topic: topic, partition: Int32(partition) ?? 0, firstOffset: firstOffset)
                        } catch let failure as Failure {
                            throw Failure(description: "\(url.path): \(failure.description)")
                        }
                    }
                }
            }
        }
        return messages
    }

    /// Kafka's record batch, magic 2: a 61-byte header, then the records.
    enum RecordBatch {
        /// The records of the batches in `bytes`; offsets count from `firstOffset` (the object's
        /// name: Tansu assigns offsets when it stores the request).
        static func records(in bytes: [UInt8], topic: String, partition: Int32, firstOffset: Int64) throws
            -> [KafkaMessage]
        {
            var reader = ByteReader(bytes: bytes)
            var messages: [KafkaMessage] = []
            var nextOffset = firstOffset
            while !reader.isAtEnd {
                _ = try reader.fixed(8)  // base offset, as the producer sent it
                let length = Int(try reader.fixed(4))
                let end = reader.position + length
                guard length >= 49, end <= bytes.count else {
                    throw Failure(description: "a batch runs past the object")
                }
                _ = try reader.fixed(4)  // partition leader epoch
                guard try reader.byte() == 2 else { throw Failure(description: "not a v2 record batch") }
                _ = try reader.fixed(4)  // CRC
                let attributes = try reader.fixed(2)
                guard attributes & 0x07 == 0 else { throw Failure(description: "a compressed batch") }
                _ = try reader.fixed(4)  // last offset delta
                let firstTimestamp = try reader.fixed(8)
                _ = try reader.fixed(8 + 8 + 2 + 4)  // max timestamp, producer id, epoch, base sequence
                let count = Int(Int32(truncatingIfNeeded: try reader.fixed(4)))
                for _ in 0..<max(0, count) {
                    _ = try reader.varint()  // record length
                    _ = try reader.byte()  // attributes
                    let timestampDelta = try reader.varint()
                    _ = try reader.varint()  // offset delta
                    let key = try reader.bytesWithLength()
                    let value = try reader.bytesWithLength() ?? []
                    var headers: [KafkaHeader] = []
                    for _ in 0..<max(0, try reader.varint()) {
                        let name = String(decoding: try reader.bytesWithLength() ?? [], as: UTF8.self)
                        headers.append(KafkaHeader(key: name, value: try reader.bytesWithLength() ?? []))
                    }
                    let milliseconds = Int64(bitPattern: firstTimestamp) + timestampDelta
                    messages.append(
                        KafkaMessage(
                            topic: topic, partition: partition, offset: nextOffset, key: key, value: value,
                            headers: headers, timestamp: Date(timeIntervalSince1970: Double(milliseconds) / 1000)))
                    nextOffset += 1
                }
                guard reader.position == end else { throw Failure(description: "a batch's records do not fill it") }
            }
            return messages
        }
    }

    /// Big-endian integers and zig-zag varints over a byte array.
    struct ByteReader {
        /// The object's bytes.
        let bytes: [UInt8]
        /// Where the next read starts.
        var position = 0

        /// Whether every byte has been read.
        var isAtEnd: Bool { position >= bytes.count }

        /// The next byte.
        mutating func byte() throws -> UInt8 {
            guard position < bytes.count else { throw Failure(description: "the object ends inside a batch") }
            defer { position += 1 }
            return bytes[position]
        }

        /// `count` bytes as one big-endian unsigned number (at most 8; more are skipped).
        mutating func fixed(_ count: Int) throws -> UInt64 {
            var value: UInt64 = 0
            for _ in 0..<count { value = (value << 8) | UInt64(try byte()) }
            return value
        }

        /// A zig-zag variable-length integer, as Kafka writes record fields.
        mutating func varint() throws -> Int64 {
            var raw: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                let next = try byte()
                raw |= UInt64(next & 0x7f) << shift
                if next & 0x80 == 0 { break }
                shift += 7
                guard shift < 64 else { throw Failure(description: "a varint longer than 64 bits") }
            }
            return Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1)
        }

        /// A varint length, then that many bytes; `nil` for length -1.
        mutating func bytesWithLength() throws -> [UInt8]? {
            let length = try varint()
            guard length >= 0 else { return nil }
            guard position + Int(length) <= bytes.count else {
                throw Failure(description: "a field runs past the object")
            }
            defer { position += Int(length) }
            return Array(bytes[position..<position + Int(length)])
        }
    }
}
