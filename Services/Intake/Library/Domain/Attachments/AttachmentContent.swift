/// What a file is, found from its first bytes ("magic numbers"), never from its name or the
/// type the sender declared: a program renamed `invoice.pdf` is still a program.
///
/// Accepted: PDF, JPEG, PNG, GIF, WebP, HEIC photos, TIFF, plain text (any encoding the CSV
/// import reads), Office documents (Word, Excel, PowerPoint: the OOXML zip with its
/// `[Content_Types].xml`, and the legacy OLE2 compound file), OpenDocument files. Refused:
/// programs (ELF, Windows PE `MZ`, Mach-O, Java classes), scripts (`#!`), and anything else
/// (a bare zip or unknown bytes could carry either).
package struct AttachmentContent: Sendable, Equatable {
    /// The MIME type the file is served with.
    package let contentType: String
    /// The extensions that suit the content, the first one added to a name that has none of them.
    package let extensions: [String]

    /// Why a file's bytes are refused as an attachment.
    package enum Refusal: Error, Equatable {
        /// A file with no bytes.
        case empty
        /// A program or a script, whatever its name says.
        case executable
        /// Content that is none of the kinds a ticket may carry.
        case unknownType
    }

    /// The content of `bytes`, or why it is refused.
    package static func identify(_ bytes: [UInt8]) throws(Refusal) -> AttachmentContent {
        guard !bytes.isEmpty else { throw .empty }
        if isExecutable(bytes) { throw .executable }
        func starts(_ magic: [UInt8], at offset: Int = 0) -> Bool {
            bytes.count >= offset + magic.count && Array(bytes[offset..<offset + magic.count]) == magic
        }
        if starts(Array("%PDF-".utf8)) { return .init(contentType: "application/pdf", extensions: ["pdf"]) }
        if starts([0xFF, 0xD8, 0xFF]) { return .init(contentType: "image/jpeg", extensions: ["jpg", "jpeg"]) }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            return .init(contentType: "image/png", extensions: ["png"])
        }
        if starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8)) {
            return .init(contentType: "image/gif", extensions: ["gif"])
        }
        if starts(Array("RIFF".utf8)) && starts(Array("WEBP".utf8), at: 8) {
            return .init(contentType: "image/webp", extensions: ["webp"])
        }
        if starts(Array("ftypheic".utf8), at: 4) || starts(Array("ftypheix".utf8), at: 4)
            || starts(Array("ftypmif1".utf8), at: 4)
        {
            return .init(contentType: "image/heic", extensions: ["heic"])
        }
        if starts([0x49, 0x49, 0x2A, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2A]) {
            return .init(contentType: "image/tiff", extensions: ["tif", "tiff"])
        }
        if starts([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            return .init(contentType: "application/x-ole-storage", extensions: ["doc", "xls", "ppt", "msg"])
        }
        if starts([0x50, 0x4B, 0x03, 0x04]) { return try officeZip(bytes) }
        if let text = try? CSVTextEncoding.decode(bytes) {
            if text.text.hasPrefix("#!") { throw .executable }
            let charset =
                switch text.encoding {
                case .utf8, .utf8WithBOM: "utf-8"
                case .utf16LittleEndian, .utf16BigEndian: "utf-16"
                case .windows1252: "windows-1252"
                }
            return .init(contentType: "text/plain; charset=\(charset)", extensions: ["txt", "csv", "log"])
        }
        throw .unknownType
    }

    /// ELF, Windows PE/DOS (`MZ`), Mach-O (both byte orders, fat binaries and Java classes
    /// share `CAFEBABE`), and a script's `#!`.
    static func isExecutable(_ bytes: [UInt8]) -> Bool {
        let magics: [[UInt8]] = [
            [0x7F, 0x45, 0x4C, 0x46], Array("MZ".utf8), [0xFE, 0xED, 0xFA, 0xCE], [0xFE, 0xED, 0xFA, 0xCF],
            [0xCE, 0xFA, 0xED, 0xFE], [0xCF, 0xFA, 0xED, 0xFE], [0xCA, 0xFE, 0xBA, 0xBE], Array("#!".utf8),
            [0xEF, 0xBB, 0xBF, 0x23, 0x21]
        ]
        return magics.contains { bytes.starts(with: $0) }
    }

    /// A zip is accepted only as an Office Open XML or OpenDocument file: OOXML lists
    /// `[Content_Types].xml` and its `word/`, `xl/` or `ppt/` parts; OpenDocument begins with a
    /// stored `mimetype` entry naming its type.
    private static func officeZip(_ bytes: [UInt8]) throws(Refusal) -> AttachmentContent {
        func contains(_ text: String) -> Bool {
            let needle = Array(text.utf8)
            guard bytes.count >= needle.count else { return false }
            for start in 0...(bytes.count - needle.count) where bytes[start] == needle[0] {
                if bytes[start..<start + needle.count].elementsEqual(needle) { return true }
            }
            return false
        }
        if bytes.count > 38 + 39, Array(bytes[30..<38]) == Array("mimetype".utf8) {
            let declared = String(decoding: bytes[38..<min(bytes.count, 38 + 80)], as: UTF8.self)
            if declared.hasPrefix("application/vnd.oasis.opendocument.text") {
                return .init(contentType: "application/vnd.oasis.opendocument.text", extensions: ["odt"])
            }
            if declared.hasPrefix("application/vnd.oasis.opendocument.spreadsheet") {
                return .init(contentType: "application/vnd.oasis.opendocument.spreadsheet", extensions: ["ods"])
            }
        }
        guard contains("[Content_Types].xml") else { throw .unknownType }
        if contains("word/") {
            return .init(
                contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                extensions: ["docx"])
        }
        if contains("xl/") {
            return .init(
                contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", extensions: ["xlsx"])
        }
        if contains("ppt/") {
            return .init(
                contentType: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                extensions: ["pptx"])
        }
        throw .unknownType
    }
}
