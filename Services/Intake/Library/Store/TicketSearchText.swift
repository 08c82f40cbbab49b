/// Turns what a person typed in the search box into an FTS5 query that cannot be a syntax error.
///
/// Words are split on white space and on `+` (an HTML form's GET sends spaces as `+`, and the
/// tokenizer ignores a literal `+` anyway).
/// Each word (split on white space) becomes a quoted phrase with a prefix star, so
/// `perdità cald` finds "Perdita dalla caldaia" (the tokenizer folds accents and case on both
/// sides) and a number typed in part (`TCK-2026-00`) matches its tokens in order. Every word must
/// match (FTS5's implicit AND). Quotes are doubled; words without a letter or digit are dropped.
enum TicketSearchText {
    /// Longest text searched: more is ignored, so a pasted page cannot make a huge query.
    static let maximumLength = 200

    /// The MATCH expression, or nil when nothing searchable was typed.
    static func query(for text: String) -> String? {
        let words = String(text.prefix(maximumLength))
            .split(whereSeparator: { $0.isWhitespace || $0 == "+" })
            .filter { word in word.contains(where: { $0.isLetter || $0.isNumber }) }
            .map { word in "\"\(word.replacingOccurrences(of: "\"", with: "\"\""))\"*" }
        return words.isEmpty ? nil : words.joined(separator: " ")
    }
}
