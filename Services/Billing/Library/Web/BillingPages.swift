import AriannaProtocol
import Foundation
import Mustache
import ServiceKit

/// Billing's pages share one template folder, one string table and the layout's routes, added
/// once from `BillingService.definition`.
enum BillingPages {
    /// Every template in `Resources/templates` with the layout, in the user's language; the bar
    /// links the services at the addresses the configuration holds (`ServiceOptions` read them),
    /// so the library itself reads no environment.
    static func renderer(context: ServiceContext) throws -> PageRenderer {
        let templates = try PageRenderer.loadTemplates(bundle: .module, subdirectory: "Resources/templates")
        let urls = context.configuration.serviceURLs
        let navigation = PageNavigation(
            entries: PageNavigation.services.map {
                PageNavigation.Entry(
                    service: $0.service, labelKey: $0.labelKey,
                    baseURL: urls[$0.service] ?? "http://127.0.0.1:\($0.port)",
                    path: $0.path)
            })
        return try PageRenderer(
            serviceName: context.configuration.serviceName, templates: templates, strings: BillingPageStrings.all,
            navigation: navigation)
    }

    /// The layout's routes (`/lang/:code`, the kit stylesheet) and billing's stylesheet
    /// (`/assets/billing/billing.css`).
    static func addSharedRoutes(to router: ServiceRouter, renderer: PageRenderer) throws {
        renderer.addSharedRoutes(to: router)
        try StaticAssets(bundle: .module, subdirectory: "Resources/assets", urlPrefix: "/assets/billing").addRoutes(
            to: router)
    }

    /// A `<select>` option.
    struct Option: Sendable {
        /// What the form posts.
        let value: String
        /// What the user reads.
        let label: String
        /// Whether it is the current choice.
        let selected: Bool
    }

    /// The article kinds as a form offers them.
    static func kindOptions(selected: String, strings: [String: String]) -> [Option] {
        ArticleKind.allCases.map {
            Option(
                value: $0.rawValue, label: strings["kind-\($0.rawValue)"] ?? $0.rawValue,
                selected: $0.rawValue == selected)
        }
    }
}
