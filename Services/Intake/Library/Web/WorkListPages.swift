import Foundation
import Hummingbird
import IntakeDomain
import ServiceKit

/// The back office's work list (R11, issue 12): `GET /work` (the page, the first one a
/// back-office user sees) and `GET /api/work` (JSON), per group or per operator, with the counts
/// of open tickets, tickets waiting for a visit and overdue deadlines, a type filter and sorting.
struct WorkListPages: Sendable {
    /// The ticket pages, whose renderer and formats the work list shares.
    let pages: TicketPages

    /// `GET /work` and `GET /api/work`, for the back office (`planner.schedule`).
    func addRoutes(to router: ServiceRouter) {
        router.group().add(middleware: RequirePermission(.plannerSchedule)).get("/work", use: page)
        router.group("api").add(middleware: RequirePermission(.plannerSchedule)).get("work", use: json)
    }

    /// `GET /api/work?group=&operator=&view=open|waiting|overdue&sort=due|opened|number&type=&limit=&cursor=`:
    /// the counts and one page of `tickets` (limit 50 by default, at most 200) with `nextCursor`.
    @Sendable func json(_ request: Request, context: ServiceRequestContext) async throws -> WorkList {
        let query = request.uri.queryParameters
        let (view, sort) = try Self.viewAndSort(
            query.get("view"), query.get("sort"), language: PageLanguage.of(request))
        let scope = WorkList.Scope(
            group: query.get("group").nonBlank, operatorID: query.get("operator").nonBlank,
            visiblePracticeIDs: context.identity.visiblePracticeIDs)
        return try await pages.store.workList(
            view, scope: scope, sort: sort, typeCode: query.get("type"),
            page: try PageRequest(request, defaultLimit: 50, maximum: 200))
    }

    /// A tab of the work list (open, waiting for a visit, overdue) with its count.
    struct Tab {
        /// The tab's name.
        let label: String
        /// How many tickets it holds.
        let count: Int
        /// The tab's link, keeping the other choices.
        let href: String
        /// Whether it is the tab shown.
        let current: Bool
    }

    /// One ticket of the work list as its table shows it.
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
        /// When it falls due, in local time.
        let due: String
        /// Whether the due date has passed.
        let overdue: Bool
        /// The operator in charge.
        let inCharge: String
    }

    /// What the work list's template shows: the scope, the tabs, one page of tickets and the sort.
    struct Model {
        /// Whose work: a group's, an operator's or everyone's.
        let scopes: [TicketPages.Option]
        /// The activity types to filter by.
        let types: [TicketPages.Option]
        /// The orders the list may be sorted in.
        let sorts: [TicketPages.Option]
        /// The tab shown.
        let view: String
        /// The tabs with their counts.
        let tabs: [Tab]
        /// One page of the tab's tickets.
        let rows: [Row]
        /// The same list's next page, nil on the last one.
        let nextHref: String?
    }

    /// `GET /work?scope=group:<name>|operator:<id>|all&view=&sort=&type=`; without a scope, the
    /// caller's own operator's first group (their back office), else every group.
    @Sendable func page(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        let language = PageLanguage.of(request)
        let t = pages.renderer.strings.table(for: language)
        let (view, sort) = try Self.viewAndSort(query.get("view"), query.get("sort"), language: language)
        let people = try await pages.store.operators()
        let groups = try await pages.store.groupNames()
        let me = context.identity?.user?.operatorID
        let scopeValue = query.get("scope") ?? people.first { $0.id == me }?.groups.first.map { "group:\($0)" } ?? "all"
        var scope = WorkList.Scope(visiblePracticeIDs: context.identity.visiblePracticeIDs)
        if scopeValue.hasPrefix("group:") { scope.group = String(scopeValue.dropFirst(6)) }
        if scopeValue.hasPrefix("operator:") { scope.operatorID = String(scopeValue.dropFirst(9)) }
        let typeCode = query.get("type") ?? ""
        let list = try await pages.store.workList(
            view, scope: scope, sort: sort, typeCode: typeCode,
            page: try pages.renderer.pageRequest(
                request, page: .init(titleKey: "workTitle"), defaultLimit: 50, maximum: 200))
        let now = pages.store.clock.now()
        let choices = try await pages.store.searchChoices()

        func href(_ view: WorkList.View, cursor: String? = nil) -> String {
            var parts = URLComponents()
            parts.path = "/work"
            parts.queryItems =
                [
                    .init(name: "scope", value: scopeValue), .init(name: "view", value: view.rawValue),
                    .init(name: "sort", value: sort.rawValue), .init(name: "type", value: typeCode)
                ]
                + (cursor.map { [.init(name: "cursor", value: $0)] } ?? [])
            return parts.string ?? "/work"
        }
        let names = Dictionary(people.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let model = Model(
            scopes: [TicketPages.Option(value: "all", label: t["workAll"] ?? "", selected: scopeValue == "all")]
                + groups.map {
                    TicketPages.Option(
                        value: "group:\($0)", label: "\(t["group"] ?? ""): \($0)", selected: scopeValue == "group:\($0)"
                    )
                }
                + people.filter(\.active).map {
                    TicketPages.Option(
                        value: "operator:\($0.id)", label: "\(t["operatorInCharge"] ?? ""): \($0.name)",
                        selected: scopeValue == "operator:\($0.id)")
                },
            types: [TicketPages.Option(value: "", label: t["any"] ?? "", selected: typeCode.isEmpty)]
                + choices.types.map {
                    TicketPages.Option(value: $0.code, label: $0.name, selected: $0.code == typeCode.uppercased())
                },
            sorts: WorkList.Sort.allCases.map {
                TicketPages.Option(
                    value: $0.rawValue, label: t["sort.\($0.rawValue)"] ?? $0.rawValue, selected: $0 == sort)
            },
            view: view.rawValue,
            tabs: [
                Tab(label: t["workOpen"] ?? "", count: list.counts.open, href: href(.open), current: view == .open),
                Tab(
                    label: t["workWaiting"] ?? "", count: list.counts.waiting, href: href(.waiting),
                    current: view == .waiting),
                Tab(
                    label: t["workOverdue"] ?? "", count: list.counts.overdue, href: href(.overdue),
                    current: view == .overdue)
            ],
            rows: list.tickets.map { ticket in
                Row(
                    id: ticket.id, number: ticket.number, customer: ticket.customer.name,
                    type: ticket.activityType.name,
                    stateName: ticket.activityState?.name ?? ticket.state.rawValue,
                    stateColour: ticket.activityState?.colour ?? "#999999",
                    due: ticket.dueAt.map { "\(pages.format.date($0)) \(pages.format.time($0))" } ?? "",
                    overdue: ticket.dueAt.map { $0 < now } ?? false,
                    inCharge: [ticket.assignedGroup, ticket.assignedOperatorID.flatMap { names[$0] }].compactMap { $0 }
                        .joined(separator: " · "))
            },
            nextHref: list.nextCursor.map { href(view, cursor: $0) })
        return try pages.renderer.render("work", page: .init(titleKey: "workTitle"), model: model, request: request)
    }

    /// The view and sort of a query; an unknown one is a 400 naming the allowed values.
    static func viewAndSort(_ view: String?, _ sort: String?, language: PageLanguage) throws -> (
        WorkList.View, WorkList.Sort
    ) {
        guard let chosenView = WorkList.View(rawValue: view ?? "open") else {
            throw HTTPError(
                .badRequest,
                message: Wording(
                    it: "view dev'essere open, waiting o overdue, non '\(view ?? "")'.",
                    en: "view must be open, waiting or overdue, not '\(view ?? "")'."
                ).text(language))
        }
        guard let chosenSort = WorkList.Sort(rawValue: sort ?? "due") else {
            throw HTTPError(
                .badRequest,
                message: Wording(
                    it: "sort dev'essere due, opened o number, non '\(sort ?? "")'.",
                    en: "sort must be due, opened or number, not '\(sort ?? "")'."
                ).text(language))
        }
        return (chosenView, chosenSort)
    }
}
