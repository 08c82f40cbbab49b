import AriannaProtocol
import BillingDomain
import GRDB
import ServiceKit

/// The article catalogue the billing clerk keeps. Every change is written with its
/// `catalogue.article.v1` snapshot in one transaction, so what web-report proposes is what
/// billing prices with; a refused change writes nothing.
struct ArticleCatalogue: Sendable {
    /// Billing's store.
    let database: ServiceDatabase
    /// Where each change's `catalogue.article.v1` snapshot is written, in its transaction.
    let outbox: OutboxWriter

    /// Articles by code; `search` matches code or descriptions, inactive ones only when asked.
    func articles(search: String? = nil, includeInactive: Bool = true) async throws -> [ArticleRecord] {
        try await database.read { db in
            var request = ArticleRecord.order(ArticleRecord.Columns.code)
            if !includeInactive { request = request.filter(ArticleRecord.Columns.active == true) }
            if let query = ArticleInput.clean(search) {
                request = request.filter(ArticleRecord.matching(query))
            }
            return try request.fetchAll(db)
        }
    }

    /// One article; ``BillingError/notFound(kind:id:)`` when unknown.
    func article(code: String) async throws -> ArticleRecord {
        try await database.read { db in try Self.article(code, in: db) }
    }

    /// Article `code` (any case) read in `db`; ``BillingError/notFound(kind:id:)`` when unknown.
    static func article(_ code: String, in db: Database) throws -> ArticleRecord {
        guard let article = try ArticleRecord.fetchOne(db, key: code.uppercased()) else {
            throw BillingError.articleNotFound(code)
        }
        return article
    }

    /// Adds a new article; 409 when the code is taken.
    func create(_ input: ArticleInput) async throws -> ArticleRecord {
        let article = ArticleRecord(try input.validated(code: nil))
        return try await database.write { db in
            if try ArticleRecord.exists(db, key: article.code) {
                throw BillingError.conflict(
                    Wording(
                        it: "Esiste già un articolo con il codice '\(article.code)'.",
                        en: "There already is an article with the code '\(article.code)'."))
            }
            try article.insert(db)
            try outbox.append(article.snapshot, in: db)
            return article
        }
    }

    /// Replaces the stored values of `code` (the code itself never changes).
    func update(code: String, with input: ArticleInput) async throws -> ArticleRecord {
        try await database.write { db in
            let stored = try Self.article(code, in: db)
            let article = ArticleRecord(try input.validated(code: stored.code, storedActive: stored.active))
            try article.update(db)
            try outbox.append(article.snapshot, in: db)
            return article
        }
    }

    /// Deactivates `code`: documents that name it keep it, nobody is proposed it any more.
    func deactivate(code: String) async throws -> ArticleRecord {
        try await database.write { db in
            var article = try Self.article(code, in: db)
            guard article.active else { return article }
            article.active = false
            try article.update(db)
            try outbox.append(article.snapshot, in: db)
            return article
        }
    }

    /// Deletes `code` when nothing names it (a typo the clerk corrects); an article in use is
    /// refused with 409 — deactivate it instead.
    func delete(code: String) async throws {
        try await database.write { db in
            var article = try Self.article(code, in: db)
            if try Self.isInUse(article.code, in: db) {
                throw BillingError.conflict(
                    Wording(
                        it:
                            "L'articolo '\(article.code)' è usato in documenti, distinte base o magazzino: disattivalo invece di eliminarlo.",
                        en:
                            "The article '\(article.code)' is used by documents, bills of materials or stock: deactivate it instead of deleting it."
                    ))
            }
            try article.delete(db)
            article.active = false
            try outbox.append(article.snapshot, in: db)
        }
    }

    /// Whether a document line or another table names `code`.
    static func isInUse(_ code: String, in db: Database) throws -> Bool {
        for (table, column) in usages {
            guard try db.tableExists(table) else { continue }
            if try !Table(table).filter(Column(column) == code).isEmpty(db) { return true }
        }
        return false
    }

    /// The tables and columns that may name an article.
    static let usages: [(table: String, column: String)] = [
        ("billingLine", "articleCode"),
        ("bomLine", "parentCode"),
        ("bomLine", "componentCode"),
        ("stockMovement", "articleCode"),
        ("productionOrder", "articleCode")
    ]
}

extension ArticleCatalogue {
    /// The catalogue of the service's store.
    init(context: ServiceContext) {
        self.init(database: context.database, outbox: context.outbox)
    }
}
