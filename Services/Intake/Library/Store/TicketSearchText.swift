/// Turns what a person typed in the search box into an FTS5 query that cannot be a syntax error.
///
/// Words are split on white space and on `+` (an HTML form's GET sends spaces as `+`, and the
/// tokenizer ignores a literal `+` anyway).
/// Each word (split on white space) becomes a quoted phrase with a prefix star, looked for in
/// the text columns only (``wordColumns``), so
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
            .map { word in "\(wordColumns) : \"\(word.replacingOccurrences(of: "\"", with: "\"\""))\"*" }
        return words.isEmpty ? nil : words.joined(separator: " ")
    }

    /// The columns words are looked for in: not the customer id and operator columns, which
    /// only the filters match (`intake.ticket-search-owners`).
    static let wordColumns = "{number customer description fields}"

    /// The MATCH term of a filter on an id column (`customerID`, `operatorID`): the id as one
    /// exact phrase, or nil when it has no letter or digit to index (the SQL filter alone holds).
    /// The tokenizer splits an id on punctuation, so it can match a longer id that starts the
    /// same: the search keeps its exact SQL comparison beside it.
    static func filter(column: String, is id: String) -> String? {
        guard id.contains(where: { $0.isLetter || $0.isNumber }) else { return nil }
        return "\(column) : \"\(id.replacingOccurrences(of: "\"", with: "\"\""))\""
    }
}
