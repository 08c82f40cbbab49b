import Foundation
import Hummingbird
import PlannerDomain
import ServiceKit

/// The availability pages (R6–R9): working hours, operator links, presence recurrences with
/// "generate recurrences", holidays and absences. Each page is rendered from the store; its
/// forms go through the JSON API (`AvailabilityController`) with `planner-pages.js`, so the
/// pages and scripts share one set of rules and refusals.
struct AvailabilityPagesController: Sendable {
    /// Reads what the pages show.
    let reader: AvailabilityPageReader
    /// The shared layout with the planner's words (board and availability).
    let renderer: PageRenderer
    /// The planner's scripts and stylesheets.
    let assets: StaticAssets
    /// The company's: days and times are shown in it.
    let timeZone: TimeZone
    /// Decides "today" (the default of date fields, the start of the lists).
    let clock: ServiceClock

    /// What each template receives: the planner menu, the page's own model, the script's words.
    struct Page<Content> {
        /// The planner's sub-menu, this page marked current.
        let menu: [PlannerMenu.Item]
        /// The page's own model.
        let content: Content
        /// The script's configuration as JSON safe inside the page.
        let config: String
    }

    /// The script's configuration: the words it writes, in the page's language.
    struct Config: Encodable {
        /// The page's language.
        let lang: String
        /// The words the script writes (progress, refusals), in that language.
        let strings: [String: String]
    }

    /// Adds `/availability/hours`, `/links`, `/presences` and `/absences`, for the back office.
    func addRoutes(to router: ServiceRouter) {
        let router = router.group().add(middleware: RequirePermission(.plannerSchedule))
        router.get(RouterPath(PlannerMenu.Page.hours.path)) { request, _ in
            try await render(.hours, template: "availability-hours", request: request) { $0.hoursPage() }
        }
        router.get(RouterPath(PlannerMenu.Page.links.path)) { request, _ in
            try await render(.links, template: "availability-links", request: request) { $0.linksPage() }
        }
        router.get(RouterPath(PlannerMenu.Page.presences.path)) { request, _ in
            try await render(.presences, template: "availability-presences", request: request) { $0.presencesPage() }
        }
        router.get(RouterPath(PlannerMenu.Page.absences.path)) { request, _ in
            try await render(.absences, template: "availability-absences", request: request) { $0.absencesPage() }
        }
        router.get("/availability") { _, _ in
            Response(status: .seeOther, headers: [.location: PlannerMenu.Page.hours.path])
        }
    }

    private func render<Content>(
        _ page: PlannerMenu.Page, template: String, request: Request,
        content: (AvailabilityPageBuilder) -> Content
    ) async throws -> Response {
        let language = PageLanguage.of(request)
        let table = renderer.strings.table(for: language)
        let now = clock.now()
        let today = LocalDate(containing: now, in: timeZone)
        let snapshot = try await reader.snapshot(from: now, fromDay: today)
        let builder = AvailabilityPageBuilder(
            snapshot: snapshot, language: language, table: table, timeZone: timeZone, today: today)
        let model = Page(
            menu: PlannerMenu.items(current: page, table: table), content: content(builder),
            config: try BoardPage.scriptJSON(Config(lang: language.rawValue, strings: table)))
        return try renderer.render(
            template,
            page: .init(
                titleKey: "\(page.rawValue)Title",
                stylesheets: [assets.url("planner-menu.css"), assets.url("availability.css")],
                scripts: [assets.url("planner-fetch.js"), assets.url("planner-pages.js")]),
            model: model, request: request)
    }
}
