import Foundation
import Hummingbird
import Mustache
import NotificationDomain
import ServiceKit

/// The back office's outbox (`/outbox`): every email with its event, recipient, state, attempts
/// and last error, filtered and searched; one email's rendered text and HTML; "send again" for a
/// failed one. Reading needs `tickets.read` (the API's permission); resending `tickets.open`.
struct OutboxPages: Sendable {
    /// Where the emails and the waiting events are read.
    let store: NotificationStore
    /// Renders the pages in the shared layout with ``OutboxStrings``.
    let renderer: PageRenderer
    /// The template editor's script.
    let assets: StaticAssets
    /// The company's, for the times shown.
    let timeZone: TimeZone
    /// "Now", for a resend and overdue waits.
    let clock: ServiceClock

    /// The renderer with the outbox templates (shipped beside the email templates) and words.
    static func make(store: NotificationStore, context: ServiceContext) throws -> OutboxPages {
        var library = MustacheLibrary()
        for name in ["page-outbox", "page-outbox-message", "page-templates", "page-recipients"] {
            guard
                let url = Bundle.module.url(
                    forResource: name, withExtension: "mustache", subdirectory: "Resources/templates")
            else {
                throw PageRenderer.Problem.missingTemplate(name)
            }
            try library.register(String(contentsOf: url, encoding: .utf8), named: name)
        }
        let renderer = try PageRenderer(serviceName: "notification", templates: library, strings: OutboxStrings.all)
        let assets = try StaticAssets(
            bundle: .module, subdirectory: "Resources/assets", urlPrefix: "/assets/notification")
        return OutboxPages(
            store: store, renderer: renderer, assets: assets, timeZone: context.configuration.timeZone,
            clock: context.clock)
    }

    /// Adds the pages' routes: reading behind `tickets.read`, resending `tickets.open`, editors `setup.edit`.
    func addRoutes(to router: ServiceRouter) {
        renderer.addSharedRoutes(to: router)
        let read = router.group("outbox").add(middleware: RequirePermission(.ticketsRead))
        read.get("", use: list)
        read.get(":id", use: show)
        let resend = router.group("outbox").add(middleware: RequirePermission(.ticketsOpen))
        resend.post(":id/resend", use: resendFailed)
        assets.addRoutes(to: router)
        router.group("templates").add(middleware: RequirePermission(.setupEdit)).get("", use: templateEditor)
        let recipients = router.group("recipients").add(middleware: RequirePermission(.setupEdit))
        recipients.get("", use: recipientSettings)
        recipients.post("", use: saveRecipientSettings)
    }

    /// One row of the list.
    struct Row {
        /// The email job's id, the link to its page.
        let id: String
        /// When it was queued, in the company's time.
        let created: String
        /// The event that asked for it.
        let eventType: String
        /// The address it goes to.
        let recipient: String
        /// Why this recipient receives it, in the user's language.
        let role: String
        /// The rendered subject, empty until rendered.
        let subject: String
        /// The state's name, for the row's style.
        let state: String
        /// The state in the user's language.
        let stateLabel: String
        /// Attempts made so far.
        let attempts: Int
        /// Why the last attempt failed, if it did.
        let lastError: String
    }

    /// One event waiting for its ticket's copy, as the outbox page lists it.
    struct TicketWait {
        /// The event's CloudEvents type.
        let eventType: String
        /// The event's id, to find it in the logs.
        let eventID: String
        /// The ticket it waits for.
        let ticketID: String
        /// Since when, in the company's time.
        let since: String
        /// Waiting longer than ``AwaitingTicketRecord/reportAfter``: already reported in the log.
        let overdue: Bool
    }

    /// One option of the state filter.
    struct StateOption {
        /// The state's name, sent as `?state=`.
        let value: String
        /// The state in the user's language.
        let label: String
        /// The state the list is filtered by.
        let selected: Bool
    }

    /// `GET /outbox?state=&q=&limit=&cursor=`: one page of the emails the caller's practices may
    /// see (R4), newest first, and the events still waiting for their ticket.
    @Sendable func list(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let t = renderer.strings.table(for: PageLanguage.of(request))
        let stateFilter = request.uri.queryParameters.get("state").flatMap(
            NotificationStore.OutboxState.init(rawValue:))
        let query = request.uri.queryParameters.get("q") ?? ""
        let page = try renderer.pageRequest(
            request, page: .init(titleKey: "outboxTitle"), defaultLimit: 50, maximum: 200)
        let found = try await store.outbox(
            state: stateFilter, query: query, visibleTo: context.identity.visiblePracticeIDs, page: page)
        let jobs = found.items
        let local = LocalTimeFormat(timeZone: timeZone)
        let rows = jobs.map { job in
            let state = NotificationStore.OutboxState(job)
            return Row(
                id: job.id, created: "\(local.date(job.createdAt)) \(local.time(job.createdAt))",
                eventType: job.eventType,
                recipient: job.recipient, role: t["role_\(job.recipientRole.rawValue)"] ?? job.recipientRole.rawValue,
                subject: job.subject ?? "", state: state.rawValue,
                stateLabel: t["state_\(state.rawValue)"] ?? state.rawValue,
                attempts: job.attempts, lastError: job.lastError ?? "")
        }
        let options = NotificationStore.OutboxState.allCases.map {
            StateOption(
                value: $0.rawValue, label: t["state_\($0.rawValue)"] ?? $0.rawValue, selected: $0 == stateFilter)
        }
        var next: String?
        if let cursor = found.nextCursor {
            var items = [URLQueryItem(name: "cursor", value: cursor.token)]
            if let stateFilter { items.append(URLQueryItem(name: "state", value: stateFilter.rawValue)) }
            if !query.isEmpty { items.append(URLQueryItem(name: "q", value: query)) }
            if page.limit != 50 { items.append(URLQueryItem(name: "limit", value: "\(page.limit)")) }
            var components = URLComponents()
            components.path = "/outbox"
            components.queryItems = items
            next = components.string
        }
        let waits = try await store.ticketWaits(limit: 20)
        let overdueBefore = clock.now().addingTimeInterval(-AwaitingTicketRecord.reportAfter)
        let waitRows = waits.oldest.map { wait in
            TicketWait(
                eventType: wait.eventType, eventID: wait.eventID, ticketID: wait.ticketID,
                since: "\(local.date(wait.receivedAt)) \(local.time(wait.receivedAt))",
                overdue: wait.receivedAt < overdueBefore)
        }
        let model: [String: Any] = [
            "rows": rows, "empty": rows.isEmpty, "states": options, "q": query, "nextPage": next ?? "",
            "hasNextPage": next != nil,
            "isLaterPage": page.cursor != nil,
            "waits": waitRows, "hasWaits": !waitRows.isEmpty, "waitCount": waits.count
        ]
        return try renderer.render("page-outbox", page: .init(titleKey: "outboxTitle"), model: model, request: request)
    }

    /// `GET /outbox/{id}`: one email's rendered text and HTML, its state and attempts; 404 for an
    /// unknown id or an email of a practice the caller does not see (R4).
    @Sendable func show(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let job = try await NotificationErrorMapping.mapped(request) {
            guard try await store.mayShow(email: id, to: context.identity.visiblePracticeIDs),
                let job = try await store.job(id: id)
            else {
                throw NotificationError.emailNotFound(id)
            }
            return job
        }
        let t = renderer.strings.table(for: PageLanguage.of(request))
        let state = NotificationStore.OutboxState(job)
        let model: [String: Any] = [
            "id": job.id, "eventType": job.eventType, "eventID": job.eventID, "recipient": job.recipient,
            "recipientName": job.recipientName,
            "role": t["role_\(job.recipientRole.rawValue)"] ?? job.recipientRole.rawValue,
            "subject": job.subject ?? "", "body": job.body ?? "", "html": job.html ?? "", "rendered": job.body != nil,
            "state": state.rawValue, "stateLabel": t["state_\(state.rawValue)"] ?? state.rawValue,
            "attempts": job.attempts, "lastError": job.lastError ?? "",
            "canResend": job.status == .failed && EmailRecipient.isPlausible(job.recipient),
            "resent": request.uri.queryParameters.get("resent") != nil,
            "csrf": RequestIdentity.current?.csrfToken ?? ""
        ]
        return try renderer.render(
            "page-outbox-message", page: .init(titleKey: "outboxMessageTitle"), model: model, request: request)
    }

    /// `POST /outbox/{id}/resend`: puts a failed email back in the queue, then back to its page;
    /// 404 as for `show`, 409 for an email that did not fail or has no usable address.
    @Sendable func resendFailed(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        try await NotificationErrorMapping.mapped(request) {
            guard try await store.mayShow(email: id, to: context.identity.visiblePracticeIDs) else {
                throw NotificationError.emailNotFound(id)
            }
            try await store.resend(id: id, at: clock.now())
        }
        return Response(status: .seeOther, headers: [.location: "/outbox/\(id)?resent=1"])
    }
}
