/// One sentence in every page language. Errors a user sees carry these instead of English
/// text, so an API or a page answers in the language of the request (`PageLanguage.of`).
public struct Wording: Sendable, Equatable {
    /// Italian, the default language of the pages.
    public var it: String
    /// English.
    public var en: String

    /// A sentence in Italian and in English.
    public init(it: String, en: String) {
        self.it = it
        self.en = en
    }

    /// The sentence in `language`.
    public func text(_ language: PageLanguage) -> String {
        switch language {
        case .it: it
        case .en: en
        }
    }
}
