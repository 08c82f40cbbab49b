/// The HTML alternative of a plain-text email: the same words, escaped, in paragraphs.
///
/// Used when no HTML template exists for an email, so every message still goes out as
/// multipart/alternative and mail clients that prefer HTML show readable text.
enum EmailHTML {
    /// A small self-contained page: paragraphs split at blank lines, line breaks kept.
    static func page(fromText text: String, title: String) -> String {
        let paragraphs = text.replacingOccurrences(of: "\r\n", with: "\n")
            .components(separatedBy: "\n\n")
            .map { $0.trimmingCharacters(in: .newlines) }
            .filter { !$0.isEmpty }
            .map { "<p>" + escape($0).replacingOccurrences(of: "\n", with: "<br>\n") + "</p>" }
        return """
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"><title>\(escape(title))</title></head>
            <body style="font-family: sans-serif; line-height: 1.5; color: #1a1a1a;">
            \(paragraphs.joined(separator: "\n"))
            </body></html>

            """
    }

    /// A rendered HTML template's body in a small self-contained page, in `language`.
    static func document(body: String, title: String, language: EmailLanguage) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(language.rawValue)"><head><meta charset="utf-8"><title>\(escape(title))</title></head>
        <body style="font-family: sans-serif; line-height: 1.5; color: #1a1a1a;">
        \(body.trimmingCharacters(in: .whitespacesAndNewlines))
        </body></html>

        """
    }

    /// `&`, `<`, `>`, `"` and `'` as entities, so user text is never markup.
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}
