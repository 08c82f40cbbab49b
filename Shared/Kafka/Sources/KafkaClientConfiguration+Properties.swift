/// Raw librdkafka properties written as text, so that how a deployment tunes its clients for
/// its broker (e.g. `fetch.wait.max.ms` for Tansu's storage engines, see scripts/broker.sh) is
/// set where the broker is started rather than compiled in.
extension KafkaClientConfiguration {
    /// Parses `key=value` pairs separated by spaces, commas or new lines (`#` starts a comment
    /// line), e.g. `fetch.wait.max.ms=10 linger.ms=0`. Throws ``KafkaError`` with kind
    /// `.configuration` naming the first malformed entry; an empty text is no properties.
    public static func properties(parsing text: String) throws(KafkaError) -> [String: String] {
        var properties: [String: String] = [:]
        let lines = text.split(whereSeparator: \.isNewline).filter { !$0.trimmingPrefix(while: \.isWhitespace).hasPrefix("#") }
        for entry in lines.flatMap({ $0.split(whereSeparator: { $0 == "," || $0.isWhitespace }) }) {
            let parts = entry.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw KafkaError(kind: .configuration, message: "expected key=value, not '\(entry)'")
            }
            properties[String(parts[0])] = String(parts[1])
        }
        return properties
    }
}
