import Foundation

/// The text encoding an import file was written in, found from its bytes, and the decoding
/// done by the platform (Foundation's `String(data:encoding:)`), never by a hand-written table.
///
/// Detection, in order: a UTF-8 byte-order mark (Excel's "CSV UTF-8"); a UTF-16 byte-order
/// mark, little- or big-endian (Excel's "Unicode text"); bytes that are valid UTF-8; otherwise
/// Windows-1252, what Excel writes in Italy as "CSV (delimitato dal separatore di elenco)".
/// Invalid UTF-8 is therefore never stored: it is read as Windows-1252, where `è` is one byte.
/// Text with NULs or other control characters (an image, an archive, a spreadsheet saved as
/// `.xlsx`) is not text, and the file is refused.
package enum CSVTextEncoding: String, Sendable, Codable, Equatable, CaseIterable {
    /// UTF-8 without a byte-order mark.
    case utf8 = "UTF-8"
    /// UTF-8 with its byte-order mark (Excel's "CSV UTF-8").
    case utf8WithBOM = "UTF-8 (BOM)"
    /// UTF-16 little-endian, named by its byte-order mark (Excel's "Unicode text").
    case utf16LittleEndian = "UTF-16 LE (BOM)"
    /// UTF-16 big-endian, named by its byte-order mark.
    case utf16BigEndian = "UTF-16 BE (BOM)"
    /// Windows-1252, for bytes that are not UTF-8 (older Excel on Windows).
    case windows1252 = "Windows-1252"

    /// Why bytes are not text the import can read.
    package enum Refusal: Error, Equatable {
        /// Control characters or NULs: a binary file.
        case notText
        /// A byte-order mark promised an encoding the bytes do not follow.
        case badEncoding(CSVTextEncoding)
    }

    /// The encoding of `bytes` and their text, without the byte-order mark.
    package static func decode(_ bytes: [UInt8]) throws(Refusal) -> (text: String, encoding: CSVTextEncoding) {
        let encoding: CSVTextEncoding
        let body: ArraySlice<UInt8>
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            (encoding, body) = (.utf8WithBOM, bytes.dropFirst(3))
        } else if bytes.starts(with: [0xFF, 0xFE]) {
            (encoding, body) = (.utf16LittleEndian, bytes.dropFirst(2))
        } else if bytes.starts(with: [0xFE, 0xFF]) {
            (encoding, body) = (.utf16BigEndian, bytes.dropFirst(2))
        } else if String(validating: bytes, as: UTF8.self) != nil {
            (encoding, body) = (.utf8, bytes[...])
        } else {
            (encoding, body) = (.windows1252, bytes[...])
        }
        // A NUL outside UTF-16 is binary whatever it decodes to.
        if !encoding.isUTF16 && body.contains(0) { throw .notText }
        // UTF-16 comes in pairs of bytes; Foundation would drop a stray last byte silently.
        if encoding.isUTF16 && body.count % 2 != 0 { throw .badEncoding(encoding) }
        guard let text = String(data: Data(body), encoding: encoding.foundationEncoding) else {
            throw encoding == .windows1252 ? .notText : .badEncoding(encoding)
        }
        guard text.unicodeScalars.allSatisfy(isTextScalar) else { throw .notText }
        return (text, encoding)
    }

    private var isUTF16: Bool { self == .utf16LittleEndian || self == .utf16BigEndian }

    private var foundationEncoding: String.Encoding {
        switch self {
        case .utf8, .utf8WithBOM: .utf8
        case .utf16LittleEndian: .utf16LittleEndian
        case .utf16BigEndian: .utf16BigEndian
        case .windows1252: .windowsCP1252
        }
    }

    /// Printable text, tabs and line ends; no C0/C1 control characters, no DEL.
    private static func isTextScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: true
        case 0x00..<0x20, 0x7F..<0xA0, 0xFFFE, 0xFFFF: false
        default: true
        }
    }
}
