import Foundation

/// One MIME entity: headers and the raw (still transfer-encoded) body.
struct MailPart: Sendable {
    /// The entity's headers.
    let headers: MailHeaders
    /// The body, still transfer-encoded.
    let body: ArraySlice<UInt8>

    /// Splits raw bytes into headers and body at the first empty line.
    init(bytes: some Collection<UInt8>) {
        let bytes = Array(bytes)
        // The header section ends at the first empty line.
        var end = bytes.count
        var bodyStart = bytes.count
        var lineStart = 0
        for index in bytes.indices where bytes[index] == UInt8(ascii: "\n") {
            if index == lineStart {
                end = index
                bodyStart = index + 1
                break
            }
            lineStart = index + 1
        }
        if lineStart == 0 && end == bytes.count && !bytes.contains(UInt8(ascii: ":")) {
            end = 0
            bodyStart = 0
        }
        let headerText = MailTextDecoding.text(Array(bytes[..<end]), charset: "utf-8")
        headers = MailHeaders(lines: headerText.split(separator: "\n", omittingEmptySubsequences: true))
        body = bytes[bodyStart...]
    }

    /// The declared type, `text/plain; charset=us-ascii` when absent (RFC 2045).
    var contentType: MailHeaderValue { MailHeaderValue(headers["Content-Type"] ?? "text/plain; charset=us-ascii") }

    /// Whether the part is a file rather than the message's text.
    var isAttachment: Bool {
        MailHeaderValue(headers["Content-Disposition"] ?? "").value == "attachment"
    }

    /// The decoded text of this part, after transfer decoding and charset conversion.
    var decodedText: String {
        let bytes = MailTextDecoding.transferDecode(Array(body), encoding: headers["Content-Transfer-Encoding"])
        return MailTextDecoding.text(bytes, charset: contentType.parameters["charset"])
    }

    /// The plain text of the message: this part when it is `text/plain`, else the first
    /// `text/plain` inside a multipart, else an HTML part with its tags removed.
    func plainText(depth: Int) -> String? {
        let type = contentType
        if type.value.hasPrefix("multipart/") {
            guard depth < InboundEmail.maximumDepth, let boundary = type.parameters["boundary"], !boundary.isEmpty
            else { return nil }
            // A part with a file name is a file even when shown inline (as Apple Mail sends photos).
            let parts = Self.split(body, boundary: boundary).map { MailPart(bytes: $0) }
                .filter { !$0.isAttachment && $0.fileName == nil }
            for part in parts where !part.contentType.value.hasPrefix("text/html") {
                if let text = part.plainText(depth: depth + 1) { return text }
            }
            return parts.lazy.compactMap { $0.plainText(depth: depth + 1) }.first
        }
        if type.value == "text/plain" || type.value.isEmpty { return decodedText }
        if type.value == "text/html" { return Self.textOfHTML(decodedText) }
        return nil
    }

    /// The bodies between `--boundary` lines, up to `--boundary--`.
    static func split(_ body: ArraySlice<UInt8>, boundary: String) -> [ArraySlice<UInt8>] {
        let delimiter = Array("--\(boundary)".utf8)
        var parts: [ArraySlice<UInt8>] = []
        var partStart: Int?
        var lineStart = body.startIndex
        while lineStart < body.endIndex {
            let lineEnd = body[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? body.endIndex
            let line = body[lineStart..<lineEnd]
            if line.starts(with: delimiter) {
                let rest = line.dropFirst(delimiter.count)
                if let start = partStart {
                    // The line break before a delimiter belongs to the delimiter.
                    parts.append(body[start..<max(start, lineStart - 1)])
                }
                if rest.starts(with: Array("--".utf8)) { return parts }
                partStart = min(lineEnd + 1, body.endIndex)
            }
            lineStart = lineEnd + 1
        }
        if let start = partStart, start < body.endIndex { parts.append(body[start...]) }
        return parts
    }

    /// A crude HTML-to-text for messages that have no plain part: tags removed, line breaks
    /// for `<br>` and `</p>`, the commonest entities decoded.
    static func textOfHTML(_ html: String) -> String {
        var text = html.replacingOccurrences(of: "<br>", with: "\n", options: .caseInsensitive)
            .replacingOccurrences(of: "<br/>", with: "\n", options: .caseInsensitive)
            .replacingOccurrences(of: "<br />", with: "\n", options: .caseInsensitive)
            .replacingOccurrences(of: "</p>", with: "\n", options: .caseInsensitive)
        if let styleRange = text.range(of: "<style[^>]*>.*?</style>", options: [.regularExpression, .caseInsensitive]) {
            text.removeSubrange(styleRange)
        }
        text = text.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
        for (entity, character) in [
            ("&nbsp;", " "), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")
        ] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        return text
    }
}
