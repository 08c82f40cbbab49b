import BillingDomain
import Foundation
import Hummingbird
import ServiceKit

/// The catalogue pages of the billing clerk: the list with search (`billing.read` or
/// `billing.edit`), the new and edit forms, deactivate and delete (`billing.edit`).
struct ArticlePages: Sendable {
    /// The catalogue the pages show and change.
    let catalogue: ArticleCatalogue
    /// Billing's pages in the shared layout.
    let renderer: PageRenderer

    /// Adds the routes, each behind its permission.
    func addRoutes(to router: ServiceRouter) {
        router.group("articles").add(middleware: RequirePermission(anyOf: [.billingRead, .billingEdit])).get(use: list)
        let edit = router.group("articles").add(middleware: RequirePermission(.billingEdit))
        edit.get("new") { request, context in
            try form(request, context: context, code: nil, values: Values(), problems: [])
        }
        edit.post(use: create)
        edit.get(":code") { request, context in
            let article = try await catalogue.article(code: try context.parameters.require("code"))
            return try form(request, context: context, code: article.code, values: Values(article), problems: [])
        }
        edit.post(":code", use: save)
        edit.post("import") { request, context -> Response in
            let form = try await FormBody.read(request, limit: 5 << 20)
            let language = PageLanguage.of(request)
            let t = renderer.strings.table(for: language)
            do {
                let (applied, rows) = try await catalogue.importCSV(form["csv"] ?? "", language: language)
                let model = ImportModel(
                    applied: applied,
                    rows: rows.map {
                        ImportRow(
                            row: $0.row, code: $0.code, outcome: t["import-\($0.outcome)"] ?? $0.outcome,
                            refused: $0.outcome == "refused",
                            problems: $0.problems.map(\.message).joined(separator: " "))
                    },
                    problems: [], hasProblems: false)
                return try renderer.render(
                    "articles-import", page: .init(titleKey: "importTitle"), model: model,
                    request: request, status: applied ? .ok : .unprocessableContent)
            } catch let error as BillingError {
                let model = ImportModel(
                    applied: false, rows: [], problems: error.problems.map { $0.shown(language) }, hasProblems: true)
                return try renderer.render(
                    "articles-import", page: .init(titleKey: "importTitle"), model: model,
                    request: request, status: error.status)
            }
        }
        edit.post(":code/deactivate") { request, context -> Response in
            let code = try context.parameters.require("code")
            _ = try await catalogue.deactivate(code: code)
            return Response(status: .seeOther, headers: [.location: "/articles/\(code)?saved=1"])
        }
        edit.post(":code/delete") { request, context -> Response in
            let code = try context.parameters.require("code")
            do {
                try await catalogue.delete(code: code)
            } catch let error as BillingError {
                let article = try await catalogue.article(code: code)
                return try form(
                    request, context: context, code: code, values: Values(article), problems: error.problems,
                    status: error.status)
            }
            return Response(status: .seeOther, headers: [.location: "/articles"])
        }
    }

    /// One article in the list.
    struct Row {
        /// Its code.
        let code: String
        /// Its description in the page's language.
        let description: String
        /// Unit of measure.
        let unit: String
        /// Price, formatted.
        let price: String
        /// VAT rate.
        let vat: String
        /// Its kind in the page's language.
        let kind: String
        /// Whether it is still proposed.
        let active: Bool
    }

    /// The catalogue list with its search.
    struct ListModel {
        /// The search as typed.
        let q: String
        /// The articles found.
        let rows: [Row]
        /// Whether the user may change things here (shows the forms and buttons).
        let canEdit: Bool
        /// The CSRF token the page's forms post back.
        let csrf: String
    }

    /// One row of an import, as the report shows it.
    struct ImportRow {
        /// The file's row number.
        let row: Int
        /// The article code the row names.
        let code: String
        /// Created, updated or refused, in the page's language.
        let outcome: String
        /// Whether it was refused.
        let refused: Bool
        /// Why, in one line.
        let problems: String
    }

    /// The import page with the report of the last file.
    struct ImportModel {
        /// Whether the file was written.
        let applied: Bool
        /// Each row's outcome.
        let rows: [ImportRow]
        /// The refusal's problems in the page's language, shown above the form.
        let problems: [BillingProblem.Shown]
        /// Whether to show the problems box.
        let hasProblems: Bool
    }

    /// `GET /articles?q=`: the catalogue, by code.
    @Sendable func list(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let q = request.uri.queryParameters.get("q") ?? ""
        let language = PageLanguage.of(request)
        let t = renderer.strings.table(for: language)
        let rows = try await catalogue.articles(search: q).map {
            Row(
                code: $0.code, description: $0.description(in: language == .en), unit: $0.unit,
                price: MoneyText.text(cents: $0.unitPriceCents, decimalSeparator: language == .en ? "." : ","),
                vat: MoneyText.text(quantity: $0.vatRatePercent),
                kind: t["kind-\($0.kind.rawValue)"] ?? $0.kind.rawValue,
                active: $0.active)
        }
        let canEdit = context.identity?.permissions.contains(.billingEdit) ?? false
        return try renderer.render(
            "articles", page: .init(titleKey: "articlesTitle"),
            model: ListModel(q: q, rows: rows, canEdit: canEdit, csrf: context.identity?.csrfToken ?? ""),
            request: request)
    }

    /// What the form shows: the submitted text after a refusal, the stored values otherwise.
    struct Values: Sendable {
        /// The values as the form shows them.
        var input = ArticleInput(vatRatePercent: "22", kind: "material")
        /// Whether the article is active.
        var active = true

        /// A new article's defaults: 22 % VAT, a material.
        init() {}

        /// The stored values of `article`.
        init(_ article: ArticleRecord) {
            input = ArticleInput(
                code: article.code, description: article.description, descriptionEN: article.descriptionEN,
                unit: article.unit, price: MoneyText.text(cents: article.unitPriceCents, decimalSeparator: "."),
                vatRatePercent: MoneyText.text(quantity: article.vatRatePercent), kind: article.kind.rawValue)
            active = article.active
        }

        /// What the form posted; `editing` reads the active checkbox (absent means unchecked).
        init(_ form: FormBody, editing: Bool) {
            input = ArticleInput(
                code: form["code"], description: form["description"], descriptionEN: form["descriptionEN"],
                unit: form["unit"], price: form["price"], vatRatePercent: form["vatRatePercent"], kind: form["kind"],
                active: editing ? form["active"] != nil : nil)
            active = form["active"] != nil || !editing
        }
    }

    /// The new or edit form of an article.
    struct FormModel {
        /// Whether it creates an article.
        let isNew: Bool
        /// Where the form posts.
        let action: String
        /// The code (read-only when editing).
        let code: String
        /// The Italian description.
        let description: String
        /// The English description.
        let descriptionEN: String
        /// Unit of measure.
        let unit: String
        /// Price as typed.
        let price: String
        /// The VAT rates offered, the article's selected.
        let vatRates: [BillingPages.Option]
        /// The kinds offered, the article's selected.
        let kinds: [BillingPages.Option]
        /// The active checkbox.
        let active: Bool
        /// The refusal's problems in the page's language, shown above the form.
        let problems: [BillingProblem.Shown]
        /// Whether to show the problems box.
        let hasProblems: Bool
        /// Whether the page follows a successful save (`?saved=1`).
        let saved: Bool
        /// The CSRF token the page's forms post back.
        let csrf: String
    }

    /// The article form with `values` and `problems`, answered with `status`.
    func form(
        _ request: Request, context: ServiceRequestContext, code: String?, values: Values, problems: [BillingProblem],
        status: HTTPResponse.Status = .ok
    ) throws -> Response {
        let language = PageLanguage.of(request)
        let t = renderer.strings.table(for: language)
        let input = values.input
        let model = FormModel(
            isNew: code == nil, action: code.map { "/articles/\($0)" } ?? "/articles", code: code ?? input.code ?? "",
            description: input.description ?? "", descriptionEN: input.descriptionEN ?? "", unit: input.unit ?? "",
            price: input.price ?? "",
            vatRates: ["22", "10", "4", "0"].map {
                BillingPages.Option(value: $0, label: "\($0)%", selected: $0 == (input.vatRatePercent ?? ""))
            },
            kinds: BillingPages.kindOptions(selected: input.kind ?? "", strings: t),
            active: values.active, problems: problems.map { $0.shown(language) }, hasProblems: !problems.isEmpty,
            saved: request.uri.queryParameters.get("saved") != nil, csrf: context.identity?.csrfToken ?? "")
        return try renderer.render(
            "article-form", page: .init(titleKey: code == nil ? "newArticle" : "editArticle"), model: model,
            request: request, status: status)
    }

    /// `POST /articles`: creates, then the edit page; the form again when refused.
    @Sendable func create(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let form = try await FormBody.read(request)
        let values = Values(form, editing: false)
        do {
            let article = try await catalogue.create(values.input)
            return Response(status: .seeOther, headers: [.location: "/articles/\(article.code)?saved=1"])
        } catch let error as BillingError {
            return try self.form(
                request, context: context, code: nil, values: values, problems: error.problems,
                status: error.status)
        }
    }

    /// `POST /articles/{code}`: saves, then the edit page; the form again when refused.
    @Sendable func save(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let code = try context.parameters.require("code")
        let form = try await FormBody.read(request)
        let values = Values(form, editing: true)
        do {
            let article = try await catalogue.update(code: code, with: values.input)
            return Response(status: .seeOther, headers: [.location: "/articles/\(article.code)?saved=1"])
        } catch let error as BillingError {
            return try self.form(
                request, context: context, code: code, values: values, problems: error.problems,
                status: error.status)
        }
    }
}
