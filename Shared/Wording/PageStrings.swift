/// A page's words in every language, looked up by key. Each service keeps its own table beside
/// its templates and merges it with the layout's, so a template only ever says `{{t.someKey}}`.
///
/// A key missing in one language falls back to the other languages (Italian first) and then to
/// the key itself, so a forgotten translation shows up as an obvious word rather than a blank.
public struct PageStrings: Sendable {
    /// Key → text, per language.
    public var tables: [PageLanguage: [String: String]]

    /// Builds a table set; `tables` usually has one entry per `PageLanguage`.
    public init(_ tables: [PageLanguage: [String: String]]) {
        self.tables = tables
    }

    /// These strings plus `other`'s; `other` wins on a clash, so a service can reword the layout.
    public func merging(_ other: PageStrings) -> PageStrings {
        var merged = tables
        for (language, table) in other.tables {
            merged[language, default: [:]].merge(table) { _, new in new }
        }
        return PageStrings(merged)
    }

    /// Every key known in any language, complete for `language` (with fallbacks filled in):
    /// what templates receive as `t`.
    public func table(for language: PageLanguage) -> [String: String] {
        var result: [String: String] = [:]
        for fallback in [PageLanguage.fallback] + PageLanguage.allCases where fallback != language {
            result.merge(tables[fallback] ?? [:]) { current, _ in current }
        }
        result.merge(tables[language] ?? [:]) { _, own in own }
        return result
    }

    /// One string in `language`, falling back as `table(for:)` does.
    public func text(_ key: String, in language: PageLanguage) -> String {
        tables[language]?[key]
            ?? tables[PageLanguage.fallback]?[key]
            ?? PageLanguage.allCases.lazy.compactMap { tables[$0]?[key] }.first
            ?? key
    }

    /// Keys present in some language but not in `language`: tests assert this is empty so no
    /// page silently falls back.
    public func missingKeys(in language: PageLanguage) -> Set<String> {
        let all = Set(tables.values.flatMap(\.keys))
        return all.subtracting(tables[language].map { Set($0.keys) } ?? [])
    }
}
