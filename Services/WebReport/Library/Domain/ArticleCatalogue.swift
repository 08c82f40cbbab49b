/// Billing's article catalogue as web-report knows it from `catalogue.article.v1`: used to
/// propose, search and check the materials of a report. Empty until billing publishes it, and
/// then no code is refused (there is nothing to check against).
package struct ArticleCatalogue: Sendable, Equatable {
    /// One article.
    package struct Article: Sendable, Equatable {
        /// The article's code, the catalogue's key.
        package var code: String
        /// Italian description.
        package var description: String
        /// English description, if billing has one.
        package var descriptionEN: String?
        /// Unit of measure, e.g. `pz`, `h`, `m`.
        package var unit: String
        /// `false` once retired: it may no longer go on a report.
        package var active: Bool

        /// An article as the store's catalogue record gives it to the report rules.
        package init(code: String, description: String, descriptionEN: String?, unit: String, active: Bool) {
            self.code = code
            self.description = description
            self.descriptionEN = descriptionEN
            self.unit = unit
            self.active = active
        }

        /// The description in `language`, Italian when there is no English one.
        package func description(in language: String) -> String {
            language == "en" ? (descriptionEN ?? description) : description
        }
    }

    /// Articles by code.
    package var articles: [String: Article]
    /// Whether billing has published a catalogue at all.
    var isKnown: Bool

    /// No catalogue yet: every code is accepted as typed.
    package static let unknown = ArticleCatalogue(articles: [:], isKnown: false)

    /// A catalogue as stored; `isKnown` is false until billing publishes one.
    package init(articles: [String: Article], isKnown: Bool) {
        self.articles = articles
        self.isKnown = isKnown
    }

    /// A published catalogue of `articles`; a repeated code keeps its last article.
    package init(_ articles: [Article]) {
        self.init(
            articles: Dictionary(articles.map { ($0.code, $0) }, uniquingKeysWith: { _, last in last }), isKnown: true)
    }
}
