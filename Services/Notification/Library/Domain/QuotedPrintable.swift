import Foundation

/// Quoted-printable (RFC 2045 §6.7) for bodies with lines too long to send as `8bit`.
enum QuotedPrintable {
    /// Encodes each line and soft-breaks it at 76 characters; line ends become CRLF.
    static func encode(_ lines: [String]) -> String {
        lines.map(encode(line:)).joined(separator: "\r\n")
    }

    private static func encode(line: String) -> String {
        let bytes = Array(line.utf8)
        var output: [String] = []
        var current = ""
        for (index, byte) in bytes.enumerated() {
            let isLast = index == bytes.count - 1
            let literal =
                (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "="))
                || ((byte == 0x20 || byte == 0x09) && !isLast)
            let token = literal ? String(UnicodeScalar(byte)) : String(format: "=%02X", byte)
            if current.count + token.count > 75 {
                output.append(current + "=")
                current = ""
            }
            current += token
        }
        output.append(current)
        return output.joined(separator: "\r\n")
    }
}
