import Foundation
import Hummingbird
import ServiceKit

/// The price rules per registration type (R5): JSON (`/api/price-rules`) and the settings page
/// (`/settings/price-rules`); reading needs a billing permission, changing `billing.edit`.
struct PriceRulePages: Sendable {
    let database: ServiceDatabase
    let renderer: PageRenderer

    func addRoutes(to router: ServiceRouter) {
        let read = router.group().add(middleware: RequirePermission(anyOf: [.billingRead, .billingEdit]))
        read.get("api/price-rules") { _, _ in try await database.read { db in try PriceRuleRecord.all(in: db) } }
        read.get("settings/price-rules") { request, context in try await page(request, context: context, problems: []) }
        let edit = router.group().add(middleware: RequirePermission(.billingEdit))
        edit.put("api/price-rules/:type") { request, context in
            let input = try await request.decodeJSON(as: PriceRuleRecord.Input.self, describedAs: "a price rule")
            let type = try context.parameters.require("type")
            return try await database.write { db in try PriceRuleRecord.save(type, input, in: db) }
        }
        edit.post("settings/price-rules") { request, context -> Response in
            let form = try await FormBody.read(request)
            func number(_ name: String) -> Double? {
                guard let text = ArticleInput.clean(form[name]) else { return nil }
                return Double(text.replacingOccurrences(of: ",", with: ".")) ?? .nan
            }
            let inputs = RegistrationType.allCases.map { registration in
                let key = registration.rawValue
                return (key, PriceRuleRecord.Input(
                    billsDocument: form["\(key).billsDocument"] != nil,
                    typeArticlesDiscountPercent: number("\(key).typeArticles"),
                    labourDiscountPercent: number("\(key).labour"),
                    materialsDiscountPercent: number("\(key).materials")))
            }
            do {
                try await database.write { db in
                    var problems: [BillingProblem] = []
                    for (key, input) in inputs {
                        do {
                            _ = try PriceRuleRecord.save(key, input, in: db)
                        } catch let error as BillingError {
                            problems += error.problems.map { BillingProblem("\(key).\($0.field)", $0.wording) }
                        }
                    }
                    if !problems.isEmpty { throw BillingError.invalid(problems) }
                }
            } catch let error as BillingError {
                return try await page(request, context: context, problems: error.problems, status: error.status)
            }
            return Response(status: .seeOther, headers: [.location: "/settings/price-rules?saved=1"])
        }
    }

    struct Row {
        let key: String
        let label: String
        let billsDocument: Bool
        let typeArticles: String
        let labour: String
        let materials: String
    }

    struct Model {
        let rows: [Row]
        let canEdit: Bool
        let problems: [BillingProblem.Shown]
        let hasProblems: Bool
        let saved: Bool
        let csrf: String
    }

    func page(
        _ request: Request, context: ServiceRequestContext, problems: [BillingProblem], status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let language = PageLanguage.of(request)
        let t = renderer.strings.table(for: language)
        let rows = try await database.read { db in try PriceRuleRecord.all(in: db) }.map {
            Row(key: $0.registrationType, label: t["registration-\($0.registrationType)"] ?? $0.registrationType,
                billsDocument: $0.billsDocument, typeArticles: MoneyText.text(quantity: $0.typeArticlesDiscountPercent),
                labour: MoneyText.text(quantity: $0.labourDiscountPercent), materials: MoneyText.text(quantity: $0.materialsDiscountPercent))
        }
        let model = Model(
            rows: rows, canEdit: context.identity?.permissions.contains(.billingEdit) ?? false,
            problems: problems.map { $0.shown(language) }, hasProblems: !problems.isEmpty,
            saved: request.uri.queryParameters.get("saved") != nil, csrf: context.identity?.csrfToken ?? "")
        return try renderer.render("price-rules", page: .init(titleKey: "priceRulesTitle"), model: model, request: request, status: status)
    }
}
