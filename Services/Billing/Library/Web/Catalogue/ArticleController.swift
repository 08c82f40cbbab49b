import BillingDomain
import Hummingbird
import ServiceKit

/// The catalogue's JSON API: everyone who sees billing reads it, the clerk (`billing.edit`)
/// changes it.
struct ArticleController {
    /// The catalogue the routes read and change.
    let catalogue: ArticleCatalogue

    /// Adds the `/api/articles` routes, each behind its permission.
    func addRoutes(to router: ServiceRouter) {
        let read = router.group("api/articles").add(middleware: RequirePermission(anyOf: [.billingRead, .billingEdit]))
        read.get(use: list)
        read.get(":code") { _, context in try await catalogue.article(code: try context.parameters.require("code")) }
        let edit = router.group("api/articles").add(middleware: RequirePermission(.billingEdit))
        edit.post { request, _ -> Response in
            let input = try await request.decodeJSON(
                as: ArticleInput.self, describedAs: Wording(it: "un articolo", en: "an article"))
            return try JSONResponse.make(.created, try await catalogue.create(input))
        }
        edit.post("import") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 5 << 20)
            let (applied, rows) = try await catalogue.importCSV(
                String(buffer: body), language: PageLanguage.of(request))
            return try JSONResponse.make(
                applied ? .ok : .unprocessableContent, ImportReport(applied: applied, rows: rows))
        }
        edit.put(":code") { request, context in
            let input = try await request.decodeJSON(
                as: ArticleInput.self, describedAs: Wording(it: "un articolo", en: "an article"))
            return try await catalogue.update(code: try context.parameters.require("code"), with: input)
        }
        edit.post(":code/deactivate") { _, context in
            try await catalogue.deactivate(code: try context.parameters.require("code"))
        }
        edit.delete(":code") { _, context -> Response in
            try await catalogue.delete(code: try context.parameters.require("code"))
            return Response(status: .noContent)
        }
    }

    /// `GET /api/articles[?q=…&active=true&limit=&cursor=]`: by code, one page
    /// `{"items": […], "nextCursor": "…"}` (limit 100 by default, at most 500).
    @Sendable func list(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let onlyActive = request.uri.queryParameters.get("active") == "true"
        let page = try PageRequest(request, defaultLimit: 100, maximum: 500)
        return try JSONResponse.make(
            .ok,
            try await catalogue.articlePage(
                search: request.uri.queryParameters.get("q"), includeInactive: !onlyActive, page: page))
    }
}

/// The answer of `POST /api/articles/import`: whether the file was applied, and each row's outcome.
struct ImportReport: Codable, Sendable {
    /// Whether the file was written (all rows) or refused (none).
    var applied: Bool
    /// Each row's outcome, refused rows with their problems.
    var rows: [ArticleCSV.RowReport]
}
