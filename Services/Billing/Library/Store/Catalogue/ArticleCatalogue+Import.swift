import BillingDomain
import GRDB
import ServiceKit

/// The catalogue's CSV import as one transaction: every row checked, then all written or none.
extension ArticleCatalogue {
    /// Imports `text` (see ``ArticleCSV``): all rows or none, with a report per row.
    func importCSV(_ text: String, language: PageLanguage) async throws -> (applied: Bool, rows: [ArticleCSV.RowReport])
    {
        let rows = try ArticleCSV.parse(text)
        return try await database.write { db in
            var reports: [ArticleCSV.RowReport] = []
            var articles: [(Int, ArticleRecord, Bool)] = []
            var seen: Set<String> = []
            for (row, input) in rows {
                let code = (ArticleInput.clean(input.code) ?? "").uppercased()
                do {
                    let stored = try ArticleRecord.fetchOne(db, key: code)
                    var article = ArticleRecord(try input.validated(code: nil, storedActive: stored?.active ?? true))
                    article.active = stored?.active ?? true
                    guard seen.insert(article.code).inserted else {
                        throw BillingError.invalid([
                            BillingProblem(
                                "code",
                                Wording(
                                    it: "Il codice '\(article.code)' compare in più righe.",
                                    en: "The code '\(article.code)' is on more than one row."))
                        ])
                    }
                    articles.append((row, article, stored == nil))
                    reports.append(
                        .init(
                            row: row, code: article.code, outcome: stored == nil ? "created" : "updated", problems: []))
                } catch let error as BillingError {
                    reports.append(
                        .init(
                            row: row, code: code, outcome: "refused",
                            problems: error.problems.map { $0.shown(language) }))
                }
            }
            guard !reports.contains(where: { $0.outcome == "refused" }) else { return (false, reports) }
            for (_, article, isNew) in articles {
                if isNew { try article.insert(db) } else { try article.update(db) }
                try outbox.append(article.snapshot, in: db)
            }
            return (true, reports)
        }
    }
}
