import BillingDomain
import Foundation
import Hummingbird
import ServiceKit

/// The price rules per registration type (R5): JSON (`/api/price-rules`) and the settings page
/// (`/settings/price-rules`); reading needs a billing permission, changing `billing.edit`.
struct PriceRulePages: Sendable {
    /// The rules the routes read and change.
    let rules: PriceRules
    /// Billing's pages in the shared layout.
    let renderer: PageRenderer

    /// Adds the price-rule routes, each behind its permission.
    func addRoutes(to router: ServiceRouter) {
        let read = router.group().add(middleware: RequirePermission(anyOf: [.billingRead, .billingEdit]))
        read.get("api/price-rules") { _, _ in try await rules.all() }
        read.get("settings/price-rules") { request, context in try await page(request, context: context, problems: []) }
        let edit = router.group().add(middleware: RequirePermission(.billingEdit))
        edit.put("api/price-rules/:type") { request, context in
            let input = try await request.decodeJSON(
                as: PriceRuleRecord.Input.self, describedAs: Wording(it: "una regola di prezzo", en: "a price rule"))
            let type = try context.parameters.require("type")
            return try await rules.save(type, input)
        }
        edit.post("settings/price-rules") { request, context -> Response in
            let form = try await FormBody.read(request)
            func number(_ name: String) -> Double? {
                guard let text = ArticleInput.clean(form[name]) else { return nil }
                return Double(text.replacingOccurrences(of: ",", with: ".")) ?? .nan
            }
            let inputs = RegistrationType.allCases.map { registration in
                let key = registration.rawValue
                return (
                    type: key,
                    input: PriceRuleRecord.Input(
                        billsDocument: form["\(key).billsDocument"] != nil,
                        typeArticlesDiscountPercent: number("\(key).typeArticles"),
                        labourDiscountPercent: number("\(key).labour"),
                        materialsDiscountPercent: number("\(key).materials"))
                )
            }
            do {
                try await rules.saveAll(inputs)
            } catch let error as BillingError {
                return try await page(request, context: context, problems: error.problems, status: error.status)
            }
            return Response(status: .seeOther, headers: [.location: "/settings/price-rules?saved=1"])
        }
    }

    /// One registration type's rule as the form shows it.
    struct Row {
        /// The registration type, prefix of the form's field names.
        let key: String
        /// Its name in the page's language.
        let label: String
        /// Whether a draft is made.
        let billsDocument: Bool
        /// Discount on the type's articles, in percent.
        let typeArticles: String
        /// Discount on labour and travel, in percent.
        let labour: String
        /// Discount on materials, in percent.
        let materials: String
    }

    /// The price rules page.
    struct Model {
        /// One row per registration type.
        let rows: [Row]
        /// Whether the user may change things here (shows the forms and buttons).
        let canEdit: Bool
        /// The refusal's problems in the page's language, shown above the form.
        let problems: [BillingProblem.Shown]
        /// Whether to show the problems box.
        let hasProblems: Bool
        /// Whether the page follows a successful save (`?saved=1`).
        let saved: Bool
        /// The CSRF token the page's forms post back.
        let csrf: String
    }

    /// `GET /settings/price-rules`, or the form again with the problems of a refused save.
    func page(
        _ request: Request, context: ServiceRequestContext, problems: [BillingProblem],
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let language = PageLanguage.of(request)
        let t = renderer.strings.table(for: language)
        let rows = try await rules.all().map {
            Row(
                key: $0.registrationType, label: t["registration-\($0.registrationType)"] ?? $0.registrationType,
                billsDocument: $0.billsDocument, typeArticles: MoneyText.text(quantity: $0.typeArticlesDiscountPercent),
                labour: MoneyText.text(quantity: $0.labourDiscountPercent),
                materials: MoneyText.text(quantity: $0.materialsDiscountPercent))
        }
        let model = Model(
            rows: rows, canEdit: context.identity?.permissions.contains(.billingEdit) ?? false,
            problems: problems.map { $0.shown(language) }, hasProblems: !problems.isEmpty,
            saved: request.uri.queryParameters.get("saved") != nil, csrf: context.identity?.csrfToken ?? "")
        return try renderer.render(
            "price-rules", page: .init(titleKey: "priceRulesTitle"), model: model, request: request, status: status)
    }
}
