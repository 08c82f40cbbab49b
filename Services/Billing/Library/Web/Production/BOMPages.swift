import BillingDomain
import Foundation
import Hummingbird
import ServiceKit

/// An article's bill of materials on a page: its components and the explosion of one unit to leaf
/// components (any billing or stock permission), and the edit form (`stock.edit`): one component a
/// line, `CODE quantity`.
struct BOMPages: Sendable {
    /// The bills of materials shown and replaced.
    let boms: BOMStore
    /// Billing's pages in the shared layout.
    let renderer: PageRenderer

    /// Adds the routes, each behind its permission.
    func addRoutes(to router: ServiceRouter) {
        router.group("articles").add(middleware: RequirePermission(anyOf: ProductionController.readers))
            .get(":code/bom") { request, context in
                let view = try await boms.bom(of: try context.parameters.require("code"))
                return try page(request, context: context, view: view, text: nil, problems: [])
            }
        router.group("articles").add(middleware: RequirePermission(.stockEdit)).post(":code/bom") {
            request, context -> Response in
            let code = try context.parameters.require("code")
            let text = try await FormBody.read(request)["components"] ?? ""
            do {
                let input = try Self.parse(text)
                let view = try await boms.replace(code, with: input)
                return Response(status: .seeOther, headers: [.location: "/articles/\(view.articleCode)/bom?saved=1"])
            } catch let error as BillingError {
                let view = try await boms.bom(of: code)
                return try page(
                    request, context: context, view: view, text: text, problems: error.problems, status: error.status)
            }
        }
    }

    /// `CODE quantity` per line (`;`, `,`, tab or spaces between; `1,5` or `1.5`); blank lines ignored.
    static func parse(_ text: String) throws -> BOMStore.Input {
        var components: [BillOfMaterials.Component] = []
        var problems = BillingProblems()
        for (index, line) in text.split(whereSeparator: \.isNewline).enumerated() {
            let parts = line.split(whereSeparator: { $0 == ";" || $0 == "\t" || $0 == " " }).map(String.init)
            guard !parts.isEmpty else { continue }
            guard parts.count == 2, let quantity = MoneyText.quantity(parts[1]) else {
                problems.add(
                    "components",
                    Wording(
                        it: "Riga \(index + 1): scrivi il codice e la quantità (maggiore di zero), es. FILTER-01 2.",
                        en: "Line \(index + 1): write the code and the quantity (greater than zero), e.g. FILTER-01 2.")
                )
                continue
            }
            components.append(.init(code: parts[0], quantity: quantity))
        }
        try problems.throwIfAny()
        return BOMStore.Input(components: components)
    }

    /// One component as the page lists it.
    struct Line {
        /// The component article.
        let code: String
        /// How much per unit, formatted.
        let quantity: String
    }

    /// The BOM page: components, explosion and the edit form.
    struct Model {
        /// The article the BOM assembles.
        let code: String
        /// The direct components.
        let components: [Line]
        /// One unit exploded to the components bought.
        let leaves: [Line]
        /// The edit box: the typed text after a refusal, the stored components otherwise.
        let text: String
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

    /// The BOM page of `view`, with the typed text and problems after a refusal.
    func page(
        _ request: Request, context: ServiceRequestContext, view: BOMStore.View, text: String?,
        problems: [BillingProblem],
        status: HTTPResponse.Status = .ok
    ) throws -> Response {
        let language = PageLanguage.of(request)
        func line(_ component: BillOfMaterials.Component) -> Line {
            Line(code: component.code, quantity: MoneyText.text(quantity: component.quantity))
        }
        let model = Model(
            code: view.articleCode, components: view.components.map(line), leaves: view.leaves.map(line),
            text: text
                ?? view.components.map { "\($0.code) \(MoneyText.text(quantity: $0.quantity))" }.joined(separator: "\n"),
            canEdit: context.identity?.permissions.contains(.stockEdit) ?? false,
            problems: problems.map { $0.shown(language) }, hasProblems: !problems.isEmpty,
            saved: request.uri.queryParameters.get("saved") != nil, csrf: context.identity?.csrfToken ?? "")
        return try renderer.render(
            "bom", page: .init(titleKey: "bomTitle"), model: model, request: request, status: status)
    }
}
