/// The parts of a `multipart/form-data` body, byte for byte (RFC 7578): attachments and CSV
/// imports. The email channel's MIME reader turns CRLF into LF — harmless for a message's text,
/// fatal for a photo, a PDF or a UTF-16 file — so parts are cut out here on the
/// `CRLF--boundary` delimiters instead, and only their header lines go to `MailHeaders`.
/// (multipart-kit is not among the project's resolved packages.)
struct FormUpload: Sendable {
    struct Part: Sendable {
        /// The form field's name.
        let name: String
        /// The file's name as the browser sent it; nil for a plain field.
        let fileName: String?
        let bytes: [UInt8]
    }

    let parts: [Part]

    /// The parts of `body`; nil when the content type is not multipart or has no boundary.
    init?(body: [UInt8], contentType: String) {
        let type = MailHeaderValue(contentType)
        guard type.value == "multipart/form-data", let boundary = type.parameters["boundary"], !boundary.isEmpty else { return nil }
        // With a CRLF in front, the first delimiter looks like every other one.
        let bytes = [13, 10] + body
        let delimiter = Array("\r\n--\(boundary)".utf8)
        let starts = Self.occurrences(of: delimiter, in: bytes)
        var parts: [Part] = []
        for (index, start) in starts.enumerated() where index + 1 < starts.count {
            var partStart = start + delimiter.count
            // The rest of the delimiter line (transport padding, then CRLF).
            while partStart < bytes.count, bytes[partStart] != 10 { partStart += 1 }
            partStart += 1
            let part = bytes[min(partStart, starts[index + 1])..<starts[index + 1]]
            guard let split = Self.occurrences(of: [13, 10, 13, 10], in: Array(part), first: true).first else { continue }
            let headerBytes = part.prefix(split)
            let headerText = String(decoding: headerBytes, as: UTF8.self).replacingOccurrences(of: "\r", with: "")
            let headers = MailHeaders(lines: headerText.split(separator: "\n"))
            let disposition = MailHeaderValue(headers["Content-Disposition"] ?? "")
            guard disposition.value == "form-data", let name = disposition.parameters["name"] else { continue }
            parts.append(Part(name: name, fileName: disposition.parameters["filename"],
                              bytes: Array(part.dropFirst(split + 4))))
        }
        self.parts = parts
    }

    /// The files sent in the field `name` (a browser sends an empty file when none was chosen).
    func files(named name: String) -> [IncomingAttachment] {
        parts.filter { $0.name == name && $0.fileName != nil && !($0.fileName!.isEmpty && $0.bytes.isEmpty) }
            .map { IncomingAttachment(declaredName: $0.fileName ?? "", bytes: $0.bytes) }
    }

    /// The text of the plain field `name`, if sent.
    func field(_ name: String) -> String? {
        parts.first { $0.name == name && $0.fileName == nil }.map { String(decoding: $0.bytes, as: UTF8.self) }
    }

    /// Where `needle` starts in `haystack`, left to right, without overlaps.
    private static func occurrences(of needle: [UInt8], in haystack: [UInt8], first: Bool = false) -> [Int] {
        var found: [Int] = []
        guard !needle.isEmpty, haystack.count >= needle.count else { return found }
        var index = 0
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == needle[0] && haystack[index..<index + needle.count].elementsEqual(needle) {
                found.append(index)
                if first { return found }
                index += needle.count
            } else {
                index += 1
            }
        }
        return found
    }
}
