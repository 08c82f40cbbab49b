import AriannaProtocol
import Foundation
import Hummingbird
import Mustache
import ServiceKit
import WebReportDomain

/// The technician's pages (R15, R16, R18): `/` → the caller's to-do list, the list by day or
/// week, and one appointment with its report form (or its closed report, read-only). The form
/// files through the JSON API with `report-form.js`, so pages and API share one set of rules.
struct TechnicianPagesController: Sendable {
    /// What the pages read.
    let store: WebReportStore
    /// The shared layout with web-report's templates and words.
    let renderer: PageRenderer
    /// The pages' stylesheet and scripts.
    let assets: StaticAssets
    /// The company's zone: days and times on the pages.
    let timeZone: TimeZone
    /// "Now", for today and the form's suggested session.
    let clock: ServiceClock
    /// `sw.js`, served at the root so its scope is the whole service.
    let serviceWorker: [UInt8]
    /// Intake's address (`ARIANNA_INTAKE_URL`), where the ticket's files are downloaded.
    var intakeURL = ""

    /// Loads the templates and assets shipped with web-report.
    static func make(context: ServiceContext) throws -> TechnicianPagesController {
        let templates = try PageRenderer.loadTemplates(bundle: .module, subdirectory: "Resources/templates")
        return TechnicianPagesController(
            store: WebReportStore(context: context),
            renderer: try PageRenderer(
                serviceName: context.configuration.serviceName, templates: templates,
                strings: WebReportStrings.all.merging(TicketFileStrings.all),
                navigation: PageNavigation(configuration: context.configuration)),
            assets: try StaticAssets(bundle: .module, subdirectory: "Resources/assets", urlPrefix: "/assets/webreport"),
            timeZone: context.configuration.timeZone, clock: context.clock,
            serviceWorker: try loadServiceWorker(), intakeURL: context.configuration.intakeURL)
    }

    /// The service worker's script from the resources.
    static func loadServiceWorker() throws -> [UInt8] {
        guard let url = Bundle.module.url(forResource: "sw", withExtension: "js", subdirectory: "Resources/worker")
        else {
            throw StaticAssets.Problem.missingFolder("Resources/worker")
        }
        return [UInt8](try Data(contentsOf: url))
    }

    /// Adds the pages, or, when the build lost its templates, a route that says so.
    static func addRoutes(to router: ServiceRouter, context: ServiceContext) {
        do {
            try make(context: context).addRoutes(to: router)
        } catch {
            context.logger.critical("web-report's pages cannot be served", metadata: [LogKey.error: "\(error)"])
            let message = Wording(
                it: "Le pagine di web-report mancano in questa build: \(error)",
                en: "Web-report's pages are missing from this build: \(error)")
            router.get("/todo") { request, _ -> Response in
                throw HTTPError(
                    .internalServerError,
                    message: message.text(WebReportErrorMapping.language(of: request, unasked: .en)))
            }
        }
    }

    /// The layout's routes, the assets, the service worker, the documents and the pages.
    func addRoutes(to router: ServiceRouter) {
        renderer.addSharedRoutes(to: router)
        assets.addRoutes(to: router)
        ReportDocumentsController(store: store, strings: renderer.strings, timeZone: timeZone).addRoutes(to: router)
        CustomerReportLinkController(store: store, strings: renderer.strings, timeZone: timeZone).addRoutes(to: router)
        let worker = serviceWorker
        // Public like any script; it only caches what the logged-in pages fetch.
        router.get("/sw.js") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "no-cache"],
                body: .init(byteBuffer: ByteBuffer(bytes: worker)))
        }
        let pages = router.group().add(middleware: RequirePermission(anyOf: [.reportsFill, .plannerSchedule]))
        pages.get("/") { _, _ in Response(status: .seeOther, headers: [.location: "/todo"]) }
        pages.get("/todo", use: todo)
        pages.get("/calendar", use: calendar)
        pages.get("/appointments/:appointmentID", use: appointment)
    }

    // MARK: - To-do list

    /// What a list or calendar request asks for: whose, which range, from which day.
    struct Scope {
        /// A day or a week.
        var range: Agenda.Range
        /// The local midnight the range starts at.
        var firstDay: Date
        /// When the request came, for today and overdue deadlines.
        var now: Date
        /// The operator named in the query (back office), kept in the page's links.
        var requested: String?
        /// Whose list: the named operator, else the caller's own.
        var operatorID: String?
        /// What the store filters on: nil is everyone (the back office without an operator).
        var visibleOperator: String?
        /// The end (exclusive) of the range.
        var until: Date
    }

    /// The scope of `request`, checking the caller may see that operator's list.
    func scope(of request: Request, access: AppointmentAccess, defaultRange: Agenda.Range) async throws -> Scope {
        let query = request.uri.queryParameters
        let range = query.get("range").flatMap(Agenda.Range.init(rawValue:)) ?? defaultRange
        let now = clock.now()
        let firstDay =
            query.get("day").flatMap(Self.parseDay).map { Agenda.startOfDay($0, in: timeZone) }
            ?? Agenda.startOfDay(now, in: timeZone)
        let requested = query.get("operator").flatMap { $0.isEmpty ? nil : $0 }
        // The back office starts on everyone's list; a technician on their own.
        let operatorID = requested ?? (access.isBackOffice ? nil : access.operatorID)
        if let operatorID {
            try await WebReportErrorMapping.mapped(request) { try access.checkList(of: operatorID) }
        }
        return Scope(
            range: range, firstDay: firstDay, now: now, requested: requested, operatorID: operatorID,
            visibleOperator: operatorID ?? (access.isBackOffice ? nil : ""),
            until: Agenda.end(of: range, from: firstDay, in: timeZone))
    }

    /// A link to `path` for `day` and `range`, keeping the named operator.
    func href(_ path: String, _ day: Date, _ range: Agenda.Range, _ scope: Scope) -> String {
        var link = "\(path)?range=\(range.rawValue)&day=\(Self.dayText(day, timeZone))"
        if let requested = scope.requested { link += "&operator=\(Self.queryEscaped(requested))" }
        return link
    }

    /// The range switcher and the previous/today/next links of `path`.
    func navigation(_ path: String, _ scope: Scope, _ table: [String: String])
        -> (ranges: [TodoPageModel.Link], previous: String, today: String, next: String)
    {
        let calendar = Agenda.calendar(timeZone)
        let step = scope.range.days
        return (
            Agenda.Range.allCases.map { option in
                TodoPageModel.Link(
                    label: table[option == .day ? "rangeDay" : "rangeWeek"] ?? option.rawValue,
                    href: href(path, scope.firstDay, option, scope), current: option == scope.range)
            },
            href(
                path, calendar.date(byAdding: .day, value: -step, to: scope.firstDay) ?? scope.firstDay, scope.range,
                scope),
            href(path, Agenda.startOfDay(scope.now, in: timeZone), scope.range, scope),
            href(
                path, calendar.date(byAdding: .day, value: step, to: scope.firstDay) ?? scope.firstDay, scope.range,
                scope)
        )
    }

    /// Whose list the page shows, in words.
    func whose(
        _ scope: Scope, _ appointments: [WebReportStore.AppointmentLine], _ identity: RequestIdentity?,
        _ table: [String: String]
    ) -> String {
        scope.operatorID.map { id in
            appointments.first(where: { $0.item.operatorID == id })?.item.operatorName ?? (identity?.displayName ?? id)
        } ?? (table["everyone"] ?? "")
    }

    /// `GET /todo?range=day|week&day=YYYY-MM-DD&operator=ID`: the caller's own list (the back
    /// office may name any operator, and sees everyone's when it has no operator of its own).
    @Sendable func todo(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let language = PageLanguage.of(request)
        let table = renderer.strings.table(for: language)
        let scope = try await scope(of: request, access: AppointmentAccess(context.identity), defaultRange: .week)
        let (appointments, deadlines) = try await store.agenda(
            operatorID: scope.visibleOperator, from: scope.firstDay, until: scope.until, now: scope.now)
        let format = LocalTimeFormat(timeZone: timeZone)
        let entries = appointments.map { Agenda.Entry(at: $0.item.start, payload: EntryModel($0, format: format)) }
        let dueWord = table["due"] ?? ""
        // Overdue first (the store reads them in due order, so they already are), then the range's.
        let deadlineEntries = deadlines.map { EntryModel($0, format: format, dueWord: dueWord, now: scope.now) }
        let days = Agenda.days(entries, range: scope.range, from: scope.firstDay, now: scope.now, timeZone: timeZone)
            .map { day in
                TodoPageModel.Day(
                    label: (day.isToday ? (table["today"] ?? "") + " · " : "") + dayLabel(day.start, language),
                    isToday: day.isToday, overdue: day.overdue.map(\.payload), entries: day.entries.map(\.payload),
                    isEmpty: day.entries.isEmpty && day.overdue.isEmpty)
            }
        let links = navigation("/todo", scope, table)
        let access = AppointmentAccess(context.identity)
        var choices: [TodoPageModel.Link] = []
        if access.isBackOffice {
            let everyone = TodoPageModel.Link(
                label: table["everyone"] ?? "",
                href: href(
                    "/todo", scope.firstDay, scope.range,
                    Scope(
                        range: scope.range, firstDay: scope.firstDay, now: scope.now, requested: nil, operatorID: nil,
                        visibleOperator: nil, until: scope.until)),
                current: scope.operatorID == nil)
            choices =
                [everyone]
                + (try await store.knownOperators()).map { person in
                    var named = scope
                    named.requested = person.id
                    return TodoPageModel.Link(
                        label: person.name, href: href("/todo", scope.firstDay, scope.range, named),
                        current: person.id == scope.operatorID)
                }
        }
        let model = TodoPageModel(
            whose: whose(scope, appointments, context.identity, table), operatorChoices: choices,
            hasOperatorChoices: !choices.isEmpty, feedOperatorID: scope.operatorID,
            ranges: links.ranges, previousHref: links.previous, todayHref: links.today, nextHref: links.next,
            calendarHref: href("/calendar", scope.firstDay, scope.range, scope),
            deadlines: deadlineEntries, hasDeadlines: !deadlineEntries.isEmpty, days: days)
        return try renderer.render(
            "todo",
            page: .init(
                titleKey: "todoTitle", stylesheets: [assets.url("webreport.css")],
                scripts: [assets.url("offline-queue.js"), assets.url("calendar-feed.js")]),
            model: model, request: request)
    }

    /// `GET /calendar?range=day|week&day=…&operator=…`: the same appointments placed on a time grid.
    @Sendable func calendar(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let language = PageLanguage.of(request)
        let table = renderer.strings.table(for: language)
        let scope = try await scope(of: request, access: AppointmentAccess(context.identity), defaultRange: .week)
        let (appointments, _) = try await store.agenda(
            operatorID: scope.visibleOperator, from: scope.firstDay, until: scope.until, now: scope.now)
        let format = LocalTimeFormat(timeZone: timeZone)
        let entries = appointments.map { Agenda.Entry(at: $0.item.start, payload: $0) }
        let columns = Agenda.days(entries, range: scope.range, from: scope.firstDay, now: scope.now, timeZone: timeZone)
            .map { day in
                CalendarPageModel.Column(
                    label: dayLabel(day.start, language), isToday: day.isToday,
                    blocks: day.entries.map { entry in
                        let line = entry.payload
                        let colour = line.type?.colour ?? EntryModel.defaultColour
                        return CalendarPageModel.Block(
                            href: "/appointments/\(line.item.appointmentID)",
                            time: "\(format.time(line.item.start))–\(format.time(line.item.end))",
                            title: line.item.title,
                            customer: line.customer?.name ?? line.item.customerName ?? "", colour: colour,
                            style: CalendarPageModel.style(
                                start: line.item.start, end: line.item.end, dayStart: day.start, colour: colour))
                    })
            }
        let links = navigation("/calendar", scope, table)
        let model = CalendarPageModel(
            whose: whose(scope, appointments, context.identity, table), ranges: links.ranges,
            previousHref: links.previous, todayHref: links.today, nextHref: links.next,
            listHref: href("/todo", scope.firstDay, scope.range, scope),
            hours: (CalendarPageModel.firstHour..<CalendarPageModel.lastHour).map {
                .init(label: String(format: "%02d:00", $0))
            },
            columns: columns, isWeek: scope.range == .week)
        return try renderer.render(
            "calendar",
            page: .init(
                titleKey: "calendarTitle", stylesheets: [assets.url("webreport.css")],
                scripts: [assets.url("offline-queue.js")]),
            model: model, request: request)
    }

    // MARK: - Appointment

    /// `GET /appointments/{id}`: the appointment, its ticket's history, earlier interventions at
    /// the site, and the report form (or the closed report). 403 for someone else's.
    @Sendable func appointment(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let appointmentID = try context.parameters.require("appointmentID")
        let language = PageLanguage.of(request)
        let table = renderer.strings.table(for: language)
        let access = AppointmentAccess(context.identity)
        let detail = try await WebReportErrorMapping.mapped(request, access: access) {
            try await store.appointment(appointmentID, access: access)
        }
        var model = AppointmentPageModel(
            detail, table: table, language: language, format: LocalTimeFormat(timeZone: timeZone), now: clock.now())
        if let ticketID = detail.line.item.ticketID {
            model.files = try await store.files(ofTicket: ticketID).map { TicketFileLink($0, intakeURL: intakeURL) }
        }
        var scripts = [assets.url("offline-queue.js"), assets.url("report-form.js")]
        if let report = detail.report, AppointmentAccess(context.identity).isBackOffice {
            // Only the back office sees (and may replace) the customer's link.
            let path = try await store.customerReportPath(ofReport: report.id)
            model.customerLink = AppointmentPageModel.CustomerLink(
                url: path.map { (store.publicBaseURL ?? "") + $0 } ?? "", reportID: report.id)
            scripts.append(assets.url("customer-link.js"))
        }
        return try renderer.render(
            "appointment",
            page: .init(titleKey: "appointmentTitle", stylesheets: [assets.url("webreport.css")], scripts: scripts),
            model: model, request: request)
    }

    // MARK: - Formats

    /// "lunedì 30/11/2026" / "Monday 30/11/2026".
    func dayLabel(_ day: Date, _ language: PageLanguage) -> String {
        let weekday = Agenda.calendar(timeZone).component(.weekday, from: day)  // 1 = Sunday
        return "\(Self.weekdays[(weekday - 1) % 7].text(language)) \(LocalTimeFormat(timeZone: timeZone).date(day))"
    }

    /// The days of the week in both languages, Sunday first as `Calendar` numbers them.
    static let weekdays = [
        Wording(it: "domenica", en: "Sunday"), Wording(it: "lunedì", en: "Monday"),
        Wording(it: "martedì", en: "Tuesday"), Wording(it: "mercoledì", en: "Wednesday"),
        Wording(it: "giovedì", en: "Thursday"), Wording(it: "venerdì", en: "Friday"),
        Wording(it: "sabato", en: "Saturday")
    ]

    /// `YYYY-MM-DD` as noon UTC of that day (safe to take the local day of in any zone).
    static func parseDay(_ text: String) -> Date? {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: 12))
    }

    /// The local day of `date` as `YYYY-MM-DD`.
    static func dayText(_ date: Date, _ timeZone: TimeZone) -> String {
        let parts = Agenda.calendar(timeZone).dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    /// `text` as one query value.
    static func queryEscaped(_ text: String) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=?+#")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
