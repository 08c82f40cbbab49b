import Foundation

/// The header section of an RFC 5322 message or MIME part: unfolded fields in order, looked up
/// by name without regard to case.
struct MailHeaders: Sendable, Equatable {
    /// One header line, unfolded, in the order the message gives it.
    struct Field: Sendable, Equatable {
        /// The header's name as written.
        let name: String
        /// The header's value, unfolded, not yet decoded.
        let value: String
    }

    /// Every header in order.
    let fields: [Field]

    /// The value of the first field called `name`, trimmed; nil when absent.
    subscript(_ name: String) -> String? {
        let wanted = name.lowercased()
        return fields.first { $0.name.lowercased() == wanted }?.value
    }

    /// Parses header lines (LF-terminated, CR already removed). A line starting with a space or
    /// a tab continues the previous field (folding, RFC 5322 §2.2.3): the line break is dropped
    /// and the whitespace kept. Lines without a colon are ignored rather than fatal.
    init(lines: [Substring]) {
        var fields: [Field] = []
        var name: String?
        var value = ""
        func flush() {
            if let name { fields.append(Field(name: name, value: value.trimmingCharacters(in: .whitespaces))) }
        }
        for line in lines {
            if let first = line.first, first == " " || first == "\t" {
                if name != nil { value += line }
                continue
            }
            flush()
            guard let colon = line.firstIndex(of: ":") else {
                name = nil
                continue
            }
            name = line[..<colon].trimmingCharacters(in: .whitespaces)
            value = String(line[line.index(after: colon)...])
        }
        flush()
        self.fields = fields
    }
}
