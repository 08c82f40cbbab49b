import Foundation
import GRDB
import Hummingbird
import IntakeDomain
import ServiceKit

/// The ticket pages: the list with its search (`GET /tickets`) and a ticket's detail with its
/// history (`GET /tickets/{id}`). The call-centre form is `CallPage`.
struct TicketPages: Sendable {
    /// Where tickets are read.
    let store: IntakeStore
    /// Renders the pages in the shared layout.
    let renderer: PageRenderer
    /// Shows instants in the company's time zone and the user's language.
    let format: LocalTimeFormat

    /// The pages of a running service.
    static func make(context: ServiceContext) throws -> TicketPages {
        TicketPages(
            store: IntakeStore(context: context),
            renderer: try IntakePages.renderer(
                context: context,
                strings: TicketPageStrings.all.merging(AttachmentStrings.all).merging(TicketExportStrings.all)),
            format: LocalTimeFormat(timeZone: context.configuration.timeZone))
    }

    /// `/` (to the ticket list), `GET /tickets` and `GET /tickets/{id}`, for users who may read
    /// tickets.
    func addRoutes(to router: ServiceRouter) {
        // The back office starts from its work list (issue 12), everyone else from the tickets.
        router.get(
            "/",
            use: { _, context in
                let backOffice = context.identity?.permissions.contains(.plannerSchedule) == true
                return Response(status: .seeOther, headers: [.location: backOffice ? "/work" : "/tickets"])
            })
        let pages = router.group().add(middleware: RequirePermission(.ticketsRead))
        pages.get("/tickets", use: list)
        pages.get("/tickets/:id", use: detail)
        TicketLifecyclePages(pages: self).addRoutes(to: router)  // the back-office forms (issue 12)
        WorkListPages(pages: self).addRoutes(to: router)  // the back office's work list (issue 12)
        DeadlinePage(pages: self).addRoutes(to: router)  // deadlines opened by hand (issue 12)
    }

    /// A row of the list.
    struct Row {
        /// The ticket's id, for its link.
        let id: String
        /// The ticket's number.
        let number: String
        /// The customer's name.
        let customer: String
        /// The activity type's code.
        let type: String
        /// The activity state's name.
        let stateName: String
        /// The activity state's colour.
        let stateColour: String
        /// When it was opened, in local time.
        let opened: String
        /// When it falls due, in local time; empty when it has no due date.
        let due: String
        /// The zone of the work.
        let zone: String
        /// The channel it came through.
        let channel: String
    }

    /// An entry of a select list of the ticket pages, marked when it is the current choice.
    struct Option {
        /// The value sent when chosen.
        let value: String
        /// What the option shows.
        let label: String
        /// Whether it is the current choice.
        let selected: Bool
    }

    /// What the ticket list's template shows: the filters, one page of tickets and the links to the
    /// next.
    struct ListModel {
        /// What the caller may reach from here: the menu shows only those links.
        let canOpen: Bool
        /// Setup (`setup.edit`): the setup link.
        let canEditSetup: Bool
        /// Back-office work (`planner.schedule`): the work list link.
        let canWork: Bool
        /// The words searched for.
        let text: String
        /// The first day of the opening range, as typed.
        let from: String
        /// The last day of the opening range, as typed.
        let to: String
        /// The activity states to filter by.
        let states: [Option]
        /// The activity types to filter by.
        let types: [Option]
        /// The practices to filter by, those the user may see.
        let practices: [Option]
        /// One page of tickets, newest first.
        let rows: [Row]
        /// How many tickets the page shows.
        let count: Int
        /// The same search's next page (keyset cursor), nil on the last one.
        let nextHref: String?
        /// The search's first page, when this is a later one.
        let firstHref: String?
        /// The page size asked for in the address, kept by the search form.
        let limit: String
    }

    /// `GET /tickets`: one page of the tickets the filters find among the user's practices.
    @Sendable func list(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        // The search form sends spaces as `+` (form encoding); show the words as typed.
        let text = (query.get("q") ?? "").replacingOccurrences(of: "+", with: " ")
        let state = query.get("state") ?? ""
        let type = query.get("type") ?? ""
        let practice = query.get("practice") ?? ""
        let from = query.get("from") ?? ""
        let to = query.get("to") ?? ""
        let search = TicketSearch(
            text: text, state: state, activityTypeCode: type, practiceID: practice,
            openedFrom: Self.day(from, timeZone: format.timeZone),
            openedBefore: Self.day(to, timeZone: format.timeZone).map { $0.addingTimeInterval(24 * 3600) },
            visiblePracticeIDs: context.identity.visiblePracticeIDs)
        let page = try await store.ticketPage(
            matching: search,
            page: try renderer.pageRequest(
                request, page: .init(titleKey: "ticketsTitle"), defaultLimit: 50, maximum: 200))
        let tickets = page.items
        let searched = [
            ("q", text), ("state", state), ("type", type), ("practice", practice), ("from", from), ("to", to),
            ("limit", query.get("limit") ?? "")
        ].filter { !$0.1.isEmpty }
        func href(_ cursor: PageCursor?) -> String {
            var components = URLComponents()
            components.path = "/tickets"
            let items = (searched + (cursor.map { [("cursor", $0.token)] } ?? [])).map {
                URLQueryItem(name: $0.0, value: $0.1)
            }
            components.queryItems = items.isEmpty ? nil : items
            return components.string ?? "/tickets"
        }
        let choices = try await store.searchChoices()
        let language = PageLanguage.of(request)
        let t = renderer.strings.table(for: language)
        let states =
            [
                Option(value: "", label: t["any"] ?? "", selected: state.isEmpty),
                Option(value: "open", label: t["stateOpen"] ?? "", selected: state == "open"),
                Option(value: "closed", label: t["stateClosed"] ?? "", selected: state == "closed")
            ]
            + choices.states.map { Option(value: $0.id, label: $0.name, selected: $0.id == state) }
        let permissions = context.identity?.permissions ?? []
        let model = ListModel(
            canOpen: permissions.contains(.ticketsOpen), canEditSetup: permissions.contains(.setupEdit),
            canWork: permissions.contains(.plannerSchedule),
            text: text, from: from, to: to, states: states,
            types: [Option(value: "", label: t["any"] ?? "", selected: type.isEmpty)]
                + choices.types.map {
                    Option(value: $0.code, label: "\($0.name) (\($0.code))", selected: $0.code == type.uppercased())
                },
            practices: [Option(value: "", label: t["any"] ?? "", selected: practice.isEmpty)]
                + choices.practices.map { Option(value: $0.id, label: $0.name, selected: $0.id == practice) },
            rows: tickets.map(row), count: tickets.count,
            nextHref: page.nextCursor.map { href($0) },
            firstHref: (query.get("cursor") ?? "").isEmpty ? nil : href(nil), limit: query.get("limit") ?? "")
        return try renderer.render("tickets", page: .init(titleKey: "ticketsTitle"), model: model, request: request)
    }

    /// One labelled fact of the ticket page (type, customer, site, due date…).
    struct Fact {
        /// What the fact is.
        let label: String
        /// The fact, in the user's language and time zone.
        let value: String
    }

    /// One line of the ticket's history as the page shows it, in the user's time zone.
    struct HistoryLine {
        /// When it happened, in local time.
        let at: String
        /// The event it records.
        let type: String
        /// What happened.
        let summary: String
    }

    /// What the ticket page's template shows: the ticket's facts, history, attachments and the
    /// back-office forms.
    struct DetailModel {
        /// The ticket's number.
        let number: String
        /// The activity state's name.
        let stateName: String
        /// The activity state's colour.
        let stateColour: String
        /// What the customer needs.
        let description: String
        /// The ticket's facts: type, customer, site, channel, dates, group.
        let facts: [Fact]
        /// The values of the type's layout fields, labelled.
        let fields: [Fact]
        /// The ticket's history, oldest first.
        let history: [HistoryLine]
        /// The files kept with the ticket (Store/Attachments/).
        let attachments: TicketAttachmentsSection
        /// The back-office forms; nil when the caller may not change tickets or this one is over.
        let manage: ManageModel?
        /// Why the last change was refused.
        let problem: String?
    }

    /// `GET /tickets/{id}`: the ticket, its history and attachments, and the back-office forms for
    /// those who may use them.
    @Sendable func detail(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        try await renderDetail(request, context: context, id: try context.parameters.require("id"))
    }

    /// The ticket page, with `problem` shown above it when a change was refused.
    func renderDetail(
        _ request: Request, context: ServiceRequestContext, id: String, problem: String? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let ticket: TicketView
        let history: [TicketHistoryEntry]
        do {
            ticket = try await store.ticket(id: id, visibleTo: context.identity.visiblePracticeIDs)
            history = try await store.history(ofTicket: id)
        } catch let error as IntakeError {
            throw error.httpError(PageLanguage.of(request))
        }
        let layout = try await store.layout(ofActivityType: ticket.activityType.id)
        let t = renderer.strings.table(for: PageLanguage.of(request))
        var facts = [
            Fact(
                label: t["customer"] ?? "",
                value: [ticket.customer.name, ticket.customer.email].compactMap { $0 }.joined(separator: " · ")),
            Fact(label: t["type"] ?? "", value: "\(ticket.activityType.name) (\(ticket.activityType.code))"),
            Fact(label: t["opened"] ?? "", value: stamp(ticket.openedAt)),
            Fact(label: t["channel"] ?? "", value: ticket.channel.rawValue)
        ]
        if let site = ticket.siteName { facts.append(Fact(label: t["site"] ?? "", value: site)) }
        if let zone = ticket.siteZone { facts.append(Fact(label: t["zone"] ?? "", value: zone)) }
        if let group = ticket.assignedGroup { facts.append(Fact(label: t["group"] ?? "", value: group)) }
        if let due = ticket.dueAt { facts.append(Fact(label: t["due"] ?? "", value: stamp(due))) }
        if let closed = ticket.closedAt { facts.append(Fact(label: t["closed"] ?? "", value: stamp(closed))) }
        if let minutes = ticket.workedMinutes { facts.append(Fact(label: t["worked"] ?? "", value: String(minutes))) }
        if let parent = ticket.followUpOf, let source = try? await store.ticket(id: parent) {
            facts.append(Fact(label: t["followUpOf"] ?? "", value: source.number))
        }
        if let person = ticket.assignedOperatorName {
            facts.append(Fact(label: t["operatorInCharge"] ?? "", value: person))
        }
        if let contact = ticket.contact { facts.append(Fact(label: t["contact"] ?? "", value: contact)) }
        if let reason = ticket.cancelReason { facts.append(Fact(label: t["cancelReason"] ?? "", value: reason)) }
        let fields = layout.compactMap { field in
            ticket.customFields[field.key].map { Fact(label: field.label, value: $0) }
        }
        let model = DetailModel(
            number: ticket.number, stateName: ticket.activityState?.name ?? ticket.state.rawValue,
            stateColour: ticket.activityState?.colour ?? "#999999", description: ticket.description,
            facts: facts, fields: fields,
            history: history.reversed().map {
                HistoryLine(at: stamp($0.occurredAt), type: $0.eventType, summary: $0.summary)
            },
            attachments: TicketAttachmentsSection(
                ticketID: id, records: try await store.attachments(ofTicket: id),
                csrf: context.identity?.csrfToken ?? "",
                canAttach: context.identity?.permissions.contains(.ticketsOpen) ?? false, format: format),
            manage: try await manageModel(ticket, layout: layout, context: context), problem: problem)
        return try renderer.render(
            "ticket", page: .init(titleKey: "ticketTitle"), model: model, request: request, status: status)
    }

    private func row(_ ticket: TicketView) -> Row {
        Row(
            id: ticket.id, number: ticket.number, customer: ticket.customer.name,
            type: ticket.activityType.name, stateName: ticket.activityState?.name ?? ticket.state.rawValue,
            stateColour: ticket.activityState?.colour ?? "#999999", opened: stamp(ticket.openedAt),
            due: ticket.dueAt.map { format.date($0) } ?? "", zone: ticket.siteZone ?? "",
            channel: ticket.channel.rawValue)
    }

    private func stamp(_ date: Date) -> String { "\(format.date(date)) \(format.time(date))" }

    /// Midnight of a `yyyy-MM-dd` day in the company's time zone.
    static func day(_ text: String, timeZone: TimeZone) -> Date? {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))
    }
}
