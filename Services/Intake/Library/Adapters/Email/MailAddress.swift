/// The first mailbox of a `From:` header: `Name <addr@example.com>`, `"Surname, Name"
/// <addr@example.com>`, `addr@example.com (Name)` or a bare address. Encoded words in the
/// display name are decoded.
struct MailAddress: Sendable, Equatable {
    /// The display name, empty when the header has none.
    let name: String
    /// The address, lower-cased (matching customers ignores case anyway).
    let address: String

    /// An address with its display name.
    init(name: String, address: String) {
        self.name = name
        self.address = address
    }

    /// Nil when the header holds no address (no `@`).
    init?(header: String) {
        let text = header.trimmingCharacters(in: .whitespaces)
        var displayName = ""
        var address = ""
        if let open = Self.unquotedIndex(of: "<", in: text), let close = text[open...].firstIndex(of: ">") {
            address = String(text[text.index(after: open)..<close])
            displayName = String(text[..<open])
        } else {
            // addr-spec, maybe followed by a comment holding the name.
            if let paren = Self.unquotedIndex(of: "(", in: text) {
                address = String(text[..<paren])
                displayName = String(text[text.index(after: paren)...]).replacingOccurrences(of: ")", with: "")
            } else {
                address = text.split(separator: ",").first.map(String.init) ?? ""
            }
        }
        address = address.trimmingCharacters(in: .whitespaces)
        guard address.contains("@") else { return nil }
        self.address = address.lowercased()
        self.name = Self.unquote(MailTextDecoding.decodeEncodedWords(displayName.trimmingCharacters(in: .whitespaces)))
    }

    /// The index of `character` outside double quotes.
    private static func unquotedIndex(of character: Character, in text: String) -> String.Index? {
        var quoted = false
        var escaped = false
        for index in text.indices {
            let current = text[index]
            if escaped {
                escaped = false
                continue
            }
            if current == "\\" && quoted {
                escaped = true
                continue
            }
            if current == "\"" {
                quoted.toggle()
                continue
            }
            if current == character && !quoted { return index }
        }
        return nil
    }

    /// Removes surrounding double quotes and backslash escapes from a display name.
    private static func unquote(_ text: String) -> String {
        var result = ""
        var escaped = false
        for character in text {
            if escaped {
                result.append(character)
                escaped = false
                continue
            }
            if character == "\\" {
                escaped = true
                continue
            }
            if character == "\"" { continue }
            result.append(character)
        }
        return result.trimmingCharacters(in: .whitespaces)
    }
}
