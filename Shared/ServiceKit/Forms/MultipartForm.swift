import Foundation
import Hummingbird
import MultipartKit

/// The parts of a `multipart/form-data` body (RFC 7578), byte for byte: what an upload form or a
/// script sends with files — attachments, the CSV import — and the `_csrf` field beside them.
///
/// The body is cut by multipart-kit's `MultipartParser`, which strips each part's closing
/// `CRLF--boundary` and nothing else, so a photo, a PDF or a UTF-16 file arrives unchanged. The
/// one parser for every service: intake's uploads and ServiceKit's CSRF check both read it.
public struct MultipartForm: Sendable {
    /// One field of the form: a text field, or one file of a file input.
    public struct Part: Sendable, Equatable {
        /// The form field's name (`file`, `_csrf`, …).
        public let name: String
        /// The file's name as the browser sent it; nil for a plain text field.
        public let fileName: String?
        /// The part's content, exactly as sent.
        public let bytes: [UInt8]

        /// A part as a form would send it.
        public init(name: String, fileName: String?, bytes: [UInt8]) {
            self.name = name
            self.fileName = fileName
            self.bytes = bytes
        }

        /// The content read as UTF-8 text: what a text field holds.
        public var text: String { String(decoding: bytes, as: UTF8.self) }
    }

    /// The parts in the order they were sent. Parts without a `form-data` disposition and a
    /// name are left out; so is what follows a syntax error (the parts before it are kept).
    public let parts: [Part]

    /// The parts of `body`; nil when `contentType` is not `multipart/form-data` with a boundary.
    public init?(body: [UInt8], contentType: String) {
        guard let boundary = Self.boundary(of: contentType) else { return nil }
        let parser = MultipartParser(boundary: boundary)
        var parts: [Part] = []
        var headers: [(name: String, value: String)] = []
        var bytes: [UInt8] = []
        parser.onHeader = { name, value in headers.append((name, value)) }
        parser.onBody = { chunk in bytes += chunk.readableBytesView }
        parser.onPartComplete = {
            defer {
                headers.removeAll()
                bytes.removeAll()
            }
            guard let value = headers.first(where: { $0.name.lowercased() == "content-disposition" })?.value else {
                return
            }
            let disposition = HeaderValue(value)
            guard disposition.value == "form-data", let name = disposition.parameters["name"] else { return }
            parts.append(Part(name: name, fileName: disposition.parameters["filename"], bytes: bytes))
        }
        // A malformed body keeps the parts read before the fault, as a browser never sends one.
        try? parser.execute(body)
        self.parts = parts
    }

    /// The text of the first plain field `name`, if sent.
    public func field(_ name: String) -> String? {
        parts.first { $0.name == name && $0.fileName == nil }?.text
    }

    /// The plain text fields, as a urlencoded form would carry them.
    public var textFields: FormFields {
        FormFields(pairs: parts.filter { $0.fileName == nil }.map { ($0.name, $0.text) })
    }

    /// The `boundary` parameter of a `multipart/form-data` content type; nil for any other type.
    public static func boundary(of contentType: String) -> String? {
        let type = HeaderValue(contentType)
        guard type.value == "multipart/form-data", let boundary = type.parameters["boundary"], !boundary.isEmpty
        else { return nil }
        return boundary
    }
}

/// A header value and its `; name=value` parameters (`form-data; name="file"; filename="a.pdf"`),
/// names lowercased, quoted values unquoted. multipart-kit hands headers over as raw text and
/// keeps its own parameter reader internal, so these few lines read the two headers a form uses.
struct HeaderValue {
    /// The value before the first `;`, lowercased.
    let value: String
    /// The parameters by lowercased name.
    let parameters: [String: String]

    /// Reads `text`, a header's value as sent; a parameter without `=` is skipped.
    init(_ text: String) {
        var scalars = Substring(text)
        value = Self.token(&scalars).lowercased()
        var parameters: [String: String] = [:]
        while scalars.first == ";" {
            scalars.removeFirst()
            let name = Self.token(&scalars, stoppingAt: "=").lowercased()
            guard scalars.first == "=" else { continue }
            scalars.removeFirst()
            parameters[name] = scalars.first == "\"" ? Self.quoted(&scalars) : Self.token(&scalars)
        }
        self.parameters = parameters
    }

    /// Up to the next `;` (or `stop`), trimmed.
    private static func token(_ text: inout Substring, stoppingAt stop: Character = ";") -> String {
        let end = text.firstIndex { $0 == ";" || $0 == stop } ?? text.endIndex
        defer { text = text[end...] }
        return text[..<end].trimmingCharacters(in: .whitespaces)
    }

    /// A quoted string, then up to the next `;`. Browsers send a `"` inside a name as `%22` and
    /// a backslash as it is (a Windows path), so a backslash escapes nothing here.
    private static func quoted(_ text: inout Substring) -> String {
        text.removeFirst()
        let end = text.firstIndex(of: "\"") ?? text.endIndex
        let result = String(text[..<end])
        text = end < text.endIndex ? text[text.index(after: end)...] : text[end...]
        _ = token(&text)
        return result
    }
}
