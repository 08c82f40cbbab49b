import Foundation

extension MailPart {
    /// The name a part gives its file: `filename*` (RFC 2231, `UTF-8''Caff%C3%A8.pdf`), else
    /// `filename` (RFC 2047 encoded words allowed) of the Content-Disposition, else the
    /// Content-Type's `name`; nil when it names none.
    var fileName: String? {
        let disposition = MailHeaderValue(headers["Content-Disposition"] ?? "")
        if let extended = disposition.parameters["filename*"] {
            let pieces = extended.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
            if pieces.count == 3, let decoded = Self.percentDecoded(pieces[2]) {
                return MailTextDecoding.text(decoded, charset: String(pieces[0]))
            }
        }
        let plain = disposition.parameters["filename"] ?? contentType.parameters["name"]
        return plain.map { MailTextDecoding.decodeEncodedWords($0) }.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The files of the message: leaf parts (multiparts walked up to `InboundEmail.maximumDepth`)
    /// that have a file name or an `attachment` disposition, transfer-decoded.
    func files(depth: Int) -> [IncomingAttachment] {
        let type = contentType
        if type.value.hasPrefix("multipart/") {
            guard depth < InboundEmail.maximumDepth, let boundary = type.parameters["boundary"], !boundary.isEmpty
            else { return [] }
            return Self.split(body, boundary: boundary).flatMap { MailPart(bytes: $0).files(depth: depth + 1) }
        }
        // The message itself (depth 0) is the body, not a file, unless it says it is one.
        guard fileName != nil || isAttachment, depth > 0 || isAttachment else { return [] }
        let bytes = MailTextDecoding.transferDecode(Array(body), encoding: headers["Content-Transfer-Encoding"])
        return [IncomingAttachment(declaredName: fileName ?? "", bytes: bytes)]
    }

    private static func percentDecoded(_ text: Substring) -> [UInt8]? {
        var output: [UInt8] = []
        var index = text.utf8.startIndex
        let bytes = text.utf8
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                let high = bytes.index(after: index)
                guard high < bytes.endIndex, bytes.index(after: high) < bytes.endIndex,
                    let value = UInt8(
                        String(decoding: [bytes[high], bytes[bytes.index(after: high)]], as: UTF8.self), radix: 16)
                else { return nil }
                output.append(value)
                index = bytes.index(high, offsetBy: 2)
            } else {
                output.append(byte)
                index = bytes.index(after: index)
            }
        }
        return output
    }
}
