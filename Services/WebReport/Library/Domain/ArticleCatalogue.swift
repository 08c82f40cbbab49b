/// Billing's article catalogue as web-report knows it from `catalogue.article.v1`: used to
/// propose, search and check the materials of a report. Empty until billing publishes it, and
/// then no code is refused (there is nothing to check against).
struct ArticleCatalogue: Sendable, Equatable {
    /// One article.
    struct Article: Sendable, Equatable {
        /// The article's code, the catalogue's key.
        var code: String
        /// Italian description.
        var description: String
        /// English description, if billing has one.
        var descriptionEN: String?
        /// Unit of measure, e.g. `pz`, `h`, `m`.
        var unit: String
        /// `false` once retired: it may no longer go on a report.
        var active: Bool

        /// The description in `language`, Italian when there is no English one.
        func description(in language: String) -> String {
            language == "en" ? (descriptionEN ?? description) : description
        }
    }

    /// Articles by code.
    var articles: [String: Article]
    /// Whether billing has published a catalogue at all.
    var isKnown: Bool

    /// No catalogue yet: every code is accepted as typed.
    static let unknown = ArticleCatalogue(articles: [:], isKnown: false)

    /// A catalogue as stored; `isKnown` is false until billing publishes one.
    init(articles: [String: Article], isKnown: Bool) {
        self.articles = articles
        self.isKnown = isKnown
    }

    /// A published catalogue of `articles`; a repeated code keeps its last article.
    init(_ articles: [Article]) {
        self.init(
            articles: Dictionary(articles.map { ($0.code, $0) }, uniquingKeysWith: { _, last in last }), isKnown: true)
    }
}
