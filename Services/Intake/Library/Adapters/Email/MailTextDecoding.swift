import Foundation

/// Content-Transfer-Encodings (RFC 2045 §6) and charsets: bytes on the wire to text.
enum MailTextDecoding {
    /// Decodes a body by its `Content-Transfer-Encoding`; 7bit, 8bit, binary and unknown
    /// encodings pass through unchanged.
    static func transferDecode(_ bytes: [UInt8], encoding: String?) -> [UInt8] {
        switch encoding?.trimmingCharacters(in: .whitespaces).lowercased() {
        case "base64": base64(bytes)
        case "quoted-printable": quotedPrintable(bytes)
        default: bytes
        }
    }

    /// Base64, ignoring line breaks and any stray characters; nil-safe (garbage gives no bytes).
    static func base64(_ bytes: [UInt8]) -> [UInt8] {
        var text = String(decoding: bytes, as: UTF8.self).filter {
            $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "/")
        }
        while text.count % 4 != 0 { text.append("=") }
        return Data(base64Encoded: text).map { [UInt8]($0) } ?? []
    }

    /// Quoted-printable: `=XX` is a byte, `=` at the end of a line is a soft line break.
    /// With `underscoreIsSpace` (the Q encoding of RFC 2047) `_` stands for a space.
    static func quotedPrintable(_ bytes: [UInt8], underscoreIsSpace: Bool = false) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "=") {
                // A soft line break: "=" then optional trailing whitespace then LF.
                var look = index + 1
                while look < bytes.count, bytes[look] == UInt8(ascii: " ") || bytes[look] == UInt8(ascii: "\t") {
                    look += 1
                }
                if look < bytes.count, bytes[look] == UInt8(ascii: "\n") {
                    index = look + 1
                    continue
                }
                if look >= bytes.count {
                    index = look
                    continue
                }
                if index + 2 < bytes.count, let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2])
                {
                    output.append(high << 4 | low)
                    index += 3
                    continue
                }
                output.append(byte)  // a lone "=": keep it, as lenient readers do
            } else if underscoreIsSpace && byte == UInt8(ascii: "_") {
                output.append(UInt8(ascii: " "))
            } else {
                output.append(byte)
            }
            index += 1
        }
        return output
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }

    /// Text from bytes in `charset`: UTF-8 (the default), Latin-1 / ISO-8859-15, Windows-1252
    /// and US-ASCII. Bytes that are not valid in the named charset fall back to Latin-1, which
    /// maps every byte, so a mislabelled message still reads rather than vanishing.
    static func text(_ bytes: [UInt8], charset: String?) -> String {
        switch charset?.trimmingCharacters(in: .whitespaces).lowercased() {
        case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "iso-8859-15", "l1":
            return String(bytes: bytes, encoding: .isoLatin1) ?? ""
        case "windows-1252", "cp1252":
            return String(bytes: bytes, encoding: .windowsCP1252) ?? String(bytes: bytes, encoding: .isoLatin1) ?? ""
        default:
            if let text = String(validating: bytes, as: UTF8.self) { return text }
            return String(bytes: bytes, encoding: .isoLatin1) ?? String(decoding: bytes, as: UTF8.self)
        }
    }

    /// Decodes RFC 2047 encoded words (`=?utf-8?B?…?=`, `=?iso-8859-1?Q?…?=`) in a header
    /// value. Whitespace between two adjacent encoded words is dropped, as the RFC says; a word
    /// that does not decode is left as written.
    static func decodeEncodedWords(_ text: String) -> String {
        guard text.contains("=?") else { return text }
        var output = ""
        var rest = Substring(text)
        var pendingSpace = ""
        var lastWasEncoded = false
        while !rest.isEmpty {
            if rest.hasPrefix("=?"), let (decoded, after) = encodedWord(at: rest) {
                if !lastWasEncoded { output += pendingSpace }
                output += decoded
                pendingSpace = ""
                lastWasEncoded = true
                rest = after
                continue
            }
            let character = rest.removeFirst()
            if character == " " || character == "\t" {
                pendingSpace.append(character)
                continue
            }
            output += pendingSpace
            pendingSpace = ""
            output.append(character)
            lastWasEncoded = false
        }
        return output + pendingSpace
    }

    /// One encoded word at the start of `text` and what follows it.
    private static func encodedWord(at text: Substring) -> (String, Substring)? {
        let body = text.dropFirst(2)
        let pieces = body.split(separator: "?", maxSplits: 2, omittingEmptySubsequences: false)
        guard pieces.count == 3, let end = pieces[2].range(of: "?=") else { return nil }
        let charset = pieces[0].split(separator: "*").first.map(String.init) ?? ""  // drop an RFC 2231 language
        let encoded = Array(pieces[2][..<end.lowerBound].utf8)
        let bytes: [UInt8]
        switch pieces[1].lowercased() {
        case "b": bytes = base64(encoded)
        case "q": bytes = quotedPrintable(encoded, underscoreIsSpace: true)
        default: return nil
        }
        return (Self.text(bytes, charset: charset), pieces[2][end.upperBound...])
    }
}
