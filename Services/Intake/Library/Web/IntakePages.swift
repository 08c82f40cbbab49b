import Foundation
import Mustache
import ServiceKit

/// Intake's pages share one template folder and the layout's routes. Every intake controller
/// that renders pages gets its renderer here (with its own strings merged in); the layout's
/// routes (`/lang/:code`, the kit stylesheet) and intake's assets are added ONCE, by
/// `addSharedRoutes`, from `IntakeService.definition` — controllers must not add them again.
enum IntakePages {
    /// Every template in `Resources/templates`, with the layout, in the user's language.
    static func renderer(context: ServiceContext, strings: PageStrings) throws -> PageRenderer {
        let templates = try PageRenderer.loadTemplates(bundle: .module, subdirectory: "Resources/templates")
        return try PageRenderer(serviceName: context.configuration.serviceName, templates: templates, strings: strings)
    }

    /// Intake's scripts and stylesheets (`Resources/assets`), served under `/assets/intake`.
    static func assets() throws -> StaticAssets {
        try StaticAssets(bundle: .module, subdirectory: "Resources/assets", urlPrefix: "/assets/intake")
    }

    /// The layout's routes and intake's assets, added once for all intake pages.
    static func addSharedRoutes(to router: ServiceRouter, context: ServiceContext) {
        do {
            try renderer(context: context, strings: PageStrings([:])).addSharedRoutes(to: router)
            try assets().addRoutes(to: router)
        } catch {
            context.logger.critical("intake's pages cannot be served", metadata: [LogKey.error: "\(error)"])
        }
    }
}
