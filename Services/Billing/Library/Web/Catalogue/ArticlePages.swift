import Foundation
import Hummingbird
import ServiceKit

/// The catalogue pages of the billing clerk: the list with search (`billing.read` or
/// `billing.edit`), the new and edit forms, deactivate and delete (`billing.edit`).
struct ArticlePages: Sendable {
    let catalogue: ArticleCatalogue
    let renderer: PageRenderer

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
                    rows: rows.map { ImportRow(row: $0.row, code: $0.code, outcome: t["import-\($0.outcome)"] ?? $0.outcome,
                                               refused: $0.outcome == "refused",
                                               problems: $0.problems.map(\.message).joined(separator: " ")) },
                    problems: [], hasProblems: false)
                return try renderer.render("articles-import", page: .init(titleKey: "importTitle"), model: model,
                                           request: request, status: applied ? .ok : .unprocessableContent)
            } catch let error as BillingError {
                let model = ImportModel(applied: false, rows: [], problems: error.problems.map { $0.shown(language) }, hasProblems: true)
                return try renderer.render("articles-import", page: .init(titleKey: "importTitle"), model: model,
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
                return try form(request, context: context, code: code, values: Values(article), problems: error.problems,
                                status: error.status)
            }
            return Response(status: .seeOther, headers: [.location: "/articles"])
        }
    }

    struct Row {
        let code: String
        let description: String
        let unit: String
        let price: String
        let vat: String
        let kind: String
        let active: Bool
    }

    struct ListModel {
        let q: String
        let rows: [Row]
        let canEdit: Bool
        let csrf: String
    }

    struct ImportRow {
        let row: Int
        let code: String
        let outcome: String
        let refused: Bool
        let problems: String
    }

    struct ImportModel {
        let applied: Bool
        let rows: [ImportRow]
        let problems: [BillingProblem.Shown]
        let hasProblems: Bool
    }

    @Sendable func list(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let q = request.uri.queryParameters.get("q") ?? ""
        let language = PageLanguage.of(request)
        let t = renderer.strings.table(for: language)
        let rows = try await catalogue.articles(search: q).map {
            Row(code: $0.code, description: $0.description(in: language == .en), unit: $0.unit,
                price: MoneyText.text(cents: $0.unitPriceCents, decimalSeparator: language == .en ? "." : ","),
                vat: MoneyText.text(quantity: $0.vatRatePercent), kind: t["kind-\($0.kind.rawValue)"] ?? $0.kind.rawValue,
                active: $0.active)
        }
        let canEdit = context.identity?.permissions.contains(.billingEdit) ?? false
        return try renderer.render("articles", page: .init(titleKey: "articlesTitle"),
                                   model: ListModel(q: q, rows: rows, canEdit: canEdit, csrf: context.identity?.csrfToken ?? ""),
                                   request: request)
    }

    /// What the form shows: the submitted text after a refusal, the stored values otherwise.
    struct Values: Sendable {
        var input = ArticleInput(vatRatePercent: "22", kind: "material")
        var active = true

        init() {}

        init(_ article: ArticleRecord) {
            input = ArticleInput(
                code: article.code, description: article.description, descriptionEN: article.descriptionEN,
                unit: article.unit, price: MoneyText.text(cents: article.unitPriceCents, decimalSeparator: "."),
                vatRatePercent: MoneyText.text(quantity: article.vatRatePercent), kind: article.kind.rawValue)
            active = article.active
        }

        init(_ form: FormBody, editing: Bool) {
            input = ArticleInput(
                code: form["code"], description: form["description"], descriptionEN: form["descriptionEN"],
                unit: form["unit"], price: form["price"], vatRatePercent: form["vatRatePercent"], kind: form["kind"],
                active: editing ? form["active"] != nil : nil)
            active = form["active"] != nil || !editing
        }
    }

    struct FormModel {
        let isNew: Bool
        let action: String
        let code: String
        let description: String
        let descriptionEN: String
        let unit: String
        let price: String
        let vatRates: [BillingPages.Option]
        let kinds: [BillingPages.Option]
        let active: Bool
        let problems: [BillingProblem.Shown]
        let hasProblems: Bool
        let saved: Bool
        let csrf: String
    }

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

    @Sendable func create(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let form = try await FormBody.read(request)
        let values = Values(form, editing: false)
        do {
            let article = try await catalogue.create(values.input)
            return Response(status: .seeOther, headers: [.location: "/articles/\(article.code)?saved=1"])
        } catch let error as BillingError {
            return try self.form(request, context: context, code: nil, values: values, problems: error.problems,
                                 status: error.status)
        }
    }

    @Sendable func save(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let code = try context.parameters.require("code")
        let form = try await FormBody.read(request)
        let values = Values(form, editing: true)
        do {
            let article = try await catalogue.update(code: code, with: values.input)
            return Response(status: .seeOther, headers: [.location: "/articles/\(article.code)?saved=1"])
        } catch let error as BillingError {
            return try self.form(request, context: context, code: code, values: values, problems: error.problems,
                                 status: error.status)
        }
    }
}
