import Foundation
import Hummingbird
import Logging
import ServiceKit
import Synchronization

/// The planner board (R12, R13): `GET /board` renders it, `GET /board/fragment` renders it again
/// without the layout for `board.js` to swap in, `GET /api/board` gives the same data as JSON,
/// `GET /api/board/events` tells open pages when to fetch it again. Changing the board goes
/// through the appointment API (`AppointmentController`), which enforces the rules.
struct BoardController: Sendable {
    /// Reads the board's rows and its change counter.
    let reader: BoardReader
    /// The shared layout, with the board's words merged in.
    let renderer: PageRenderer
    /// `board.js` and `board.css`, served from memory with versioned URLs.
    let assets: StaticAssets
    /// The company's time zone: the board's days and hours are local.
    let timeZone: TimeZone
    /// Decides which day "today" is; tests pass a fixed one.
    let clock: ServiceClock
    /// How often an open page's event stream checks the change counter.
    var pollInterval: Duration = .milliseconds(500)

    /// Loads the templates and assets shipped with the planner; throws if the build lost them.
    static func make(context: ServiceContext) throws -> BoardController {
        let templates = try PageRenderer.loadTemplates(bundle: .module, subdirectory: "Resources/templates")
        return BoardController(
            reader: BoardReader(database: context.database),
            renderer: try PageRenderer(
                serviceName: context.configuration.serviceName, templates: templates, strings: PlannerStrings.all),
            assets: try StaticAssets(bundle: .module, subdirectory: "Resources/assets", urlPrefix: "/assets/planner"),
            timeZone: context.configuration.timeZone,
            clock: context.clock)
    }

    /// Adds the board's routes and the availability pages', or, when the build lost its
    /// templates, routes that say so (the JSON API and event processing keep working).
    static func addRoutes(to router: ServiceRouter, context: ServiceContext) {
        do {
            let board = try make(context: context)
            board.addRoutes(to: router)
            AvailabilityPagesController(
                reader: AvailabilityPageReader(database: context.database), renderer: board.renderer,
                assets: board.assets, timeZone: board.timeZone, clock: board.clock
            ).addRoutes(to: router)
        } catch {
            context.logger.critical("the board's pages cannot be served", metadata: [LogKey.error: "\(error)"])
            let message = Wording(
                it: "Le pagine del pianificatore mancano in questa build: \(error)",
                en: "The planner's pages are missing from this build: \(error)")
            router.get("/board") { request, _ -> Response in
                throw HTTPError(.internalServerError, message: message.text(PageLanguage.of(request)))
            }
        }
    }

    /// `/board`, `/board/fragment`, `/api/board`, `/api/board/events`, the assets, the layout's
    /// routes and `/` → `/board`.
    func addRoutes(to router: ServiceRouter) {
        renderer.addSharedRoutes(to: router)
        assets.addRoutes(to: router)
        router.get("/") { _, _ in Response(status: .seeOther, headers: [.location: "/board"]) }
        let board = router.group().add(middleware: RequirePermission(.plannerSchedule))
        board.get("/board", use: page)
        board.get("/board/fragment", use: fragment)
        board.get("/api/board", use: json)
        board.get("/api/board/events", use: events)
    }

    /// The board for `request`'s query, in the user's language.
    func model(for request: Request) async throws -> BoardModel {
        // Read as a form sends them: the filter form submits the group with `+` for its spaces.
        let parameters = FormQuery.values(request)
        let plannerQuery = PlannerQuery(request, timeZone: timeZone)
        let language = PageLanguage.of(request)
        let query = try BoardQuery.parse(
            view: parameters["view"], date: parameters["date"], group: parameters["group"],
            today: clock.now(), timeZone: timeZone, language: language
        ).colouring(parameters["colours"], language: language).filteringQueue(plannerQuery)
        // The queue's page: its cursor is checked here so a bad one is a 400, not a 500.
        let page = try PageRequest(
            limit: nil, cursor: query.queueCursor, defaultLimit: BoardReader.queuePageSize,
            maximum: BoardReader.queuePageSize)
        let builder = BoardBuilder(
            query: query, language: language, strings: renderer.strings, timeZone: timeZone,
            today: clock.now())
        // R4: the board follows the user's practices (none set: every practice).
        let practices = RequestIdentity.current?.user?.practiceIDs
        return builder.build(
            try await reader.snapshot(
                range: builder.range, timeZone: timeZone, practiceIDs: practices?.isEmpty == false ? practices : nil,
                queue: try query.queue.filter(plannerQuery), page: page))
    }

    /// `GET /board`: the server-rendered page; works without JavaScript, `board.js` adds the interaction.
    @Sendable func page(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let board: BoardPage
        do {
            board = try await boardPage(for: request)
        } catch let error as PageRequestError {
            // A stale or edited queue cursor: the board's own error view, not the API's JSON.
            throw PageProblem(
                rendered: try renderer.renderProblem(
                    error.wording, page: .init(titleKey: "boardTitle", stylesheets: [assets.url("planner-menu.css")]),
                    request: request, status: .badRequest))
        }
        return try renderer.render(
            "board",
            page: .init(
                titleKey: "boardTitle", stylesheets: [assets.url("planner-menu.css"), assets.url("board.css")],
                scripts: [assets.url("planner-fetch.js"), assets.url("board.js")]),
            model: board, request: request)
    }

    /// `GET /board/fragment`: the board as `/board` renders it, without the shared layout. After
    /// a change `board.js` fetches it with the page's own query and swaps the technicians' rows,
    /// the queue's cards, counts and page links, and the groups in, so the board's markup exists
    /// once, in `board.mustache` and `BoardMarkup`, and never again in the script.
    @Sendable func fragment(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let language = PageLanguage.of(request)
        let html = try renderer.renderBody("board", model: try await boardPage(for: request), language: language)
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/html; charset=utf-8", .contentLanguage: language.rawValue,
                .cacheControl: "no-store", .vary: "Cookie, Accept-Language"
            ],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// What `board.mustache` receives for `request`: the board, the script's configuration and
    /// the planner's menu, the same for the page and its fragment.
    func boardPage(for request: Request) async throws -> BoardPage {
        let board = try await model(for: request)
        let language = PageLanguage.of(request)
        let config = BoardPage.Config(
            lang: language.rawValue, fragment: "/board/fragment", events: "/api/board/events", query: board.query,
            version: board.version, timeZone: timeZone.identifier, strings: renderer.strings.table(for: language))
        return BoardPage(
            board: board, config: try BoardPage.scriptJSON(config),
            menu: PlannerMenu.items(current: .board, table: renderer.strings.table(for: language)))
    }

    /// `GET /api/board`: the board's data for scripts and integrations (the page's own script
    /// swaps in `GET /board/fragment` instead).
    @Sendable func json(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        var response = try JSONResponse.make(.ok, try await model(for: request))
        response.headers[.cacheControl] = "no-store"
        return response
    }

    /// Server-Sent Events: `version` at once, then `changed` whenever the counter moves. Polls
    /// only while the page is open.
    @Sendable func events(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let reader = self.reader
        let first = try await reader.version()
        let last = Mutex(first)
        return ServerSentEvents.response(
            first: ServerSentEvents.Event(name: "version", data: first), interval: pollInterval
        ) {
            let current = try await reader.version()
            let changed = last.withLock { seen -> Bool in
                defer { seen = current }
                return seen != current
            }
            return changed ? ServerSentEvents.Event(name: "changed", data: current) : nil
        }
    }
}

/// What the board template receives: the board and the script's configuration.
struct BoardPage {
    /// Handed to `board.js` as JSON inside the page: where to fetch, and the words to use.
    struct Config: Encodable {
        /// The page's language: the script writes suggested slots' days and times in it.
        var lang: String
        /// Where the script fetches the board again after a change (`GET /board/fragment`).
        var fragment: String
        /// The server-sent events that say the board changed.
        var events: String
        /// The page's query string (day or week, group, colours, queue filters and page), so a
        /// refreshed board shows what the page shows.
        var query: String
        /// The change counter the page was rendered at: an event with another one means refresh.
        var version: String
        /// The company's time zone (IANA name): the script writes suggested slots in it.
        var timeZone: String
        /// The words the script shows (alerts, announcements, suggestions) in the page's language.
        var strings: [String: String]
    }

    /// What the page shows.
    let board: BoardModel
    /// `Config` as JSON that is safe inside a `<script>` element.
    let config: String
    /// The planner's sub-menu (board, working hours, links, presences, absences).
    let menu: [PlannerMenu.Item]

    /// JSON with `<`, `>` and `&` escaped, so no value can close the script element.
    static func scriptJSON(_ value: some Encodable) throws -> String {
        let data = try APIJSON.encoder.encode(value)
        return String(decoding: data, as: UTF8.self)
            .replacingOccurrences(of: "<", with: "\\u003c")
            .replacingOccurrences(of: ">", with: "\\u003e")
            .replacingOccurrences(of: "&", with: "\\u0026")
    }
}
