import Foundation
import Hummingbird
import IntakeDomain
import ServiceKit

/// The back office's form for a deadline (R5, issue 12): a task type of the user's practices, the
/// customer, what is due and when, the operator in charge (whose to-do list shows it).
/// `GET /deadlines/new` shows it, `POST /deadlines/new` opens the deadline and goes to its page
/// or shows the form again with every problem. Opening work needs `tickets.open`.
struct DeadlinePage: Sendable {
    /// The ticket pages, whose renderer and store the deadline form shares.
    let pages: TicketPages

    /// `GET` and `POST /deadlines/new`, for users who may open tickets.
    func addRoutes(to router: ServiceRouter) {
        let forms = router.group().add(middleware: RequirePermission(.ticketsOpen))
        forms.get("/deadlines/new", use: form)
        forms.post("/deadlines/new", use: submit)
    }

    /// What the new-deadline page's template shows: the task types, customers, operators in charge
    /// and the problems of the last try.
    struct Model {
        /// The CSRF token of the form.
        let csrf: String
        /// Makes a double-submitted form open one deadline (idempotency key `page:<formID>`).
        let formID: String
        /// The activity types the user may choose.
        let types: [TicketPages.Option]
        /// The customers to choose from.
        let customers: [TicketPages.Option]
        /// The operators who may be in charge.
        let operators: [TicketPages.Option]
        /// The description typed so far.
        let description: String
        /// The due date typed so far.
        let dueDate: String
        /// Why the deadline could not be opened, each in the user's language.
        let problems: [String]
        /// Whether there is anything in `problems`.
        let hasProblems: Bool
    }

    /// `GET /deadlines/new`: the form of a deadline (a task type's ticket).
    @Sendable func form(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let model = try await makeModel(FormFields(encoded: ""), problems: [], context: context)
        return try pages.renderer.render(
            "deadline", page: .init(titleKey: "deadlineTitle"), model: model, request: request)
    }

    /// `POST /deadlines/new`: opens the deadline, or shows the form again with every problem.
    @Sendable func submit(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let fields = try await FormFields.read(request)
        var ticket = NewTicket(
            activityTypeCode: fields["activityType"] ?? "", customer: .init(name: "", email: nil),
            customerID: fields["customerID"], description: fields["description"] ?? "",
            // The form gives a day: the deadline falls due at 17:00 that day, company time.
            dueAt: fields["dueDate"].flatMap { TicketPages.day($0, timeZone: pages.format.timeZone) }
                .map { $0.addingTimeInterval(17 * 3600) },
            idempotencyKey: fields["formID"].map { "page:\($0)" })
        ticket.operatorInChargeID = fields["operatorInChargeID"]
        var problems: [Wording] = []
        if fields["customerID"] == nil {
            problems.append(Wording(it: "customerID: scegli il cliente.", en: "customerID: choose the customer."))
        }
        // Only a task type of the user's own practices (R4), whatever the form was sent with.
        let allowed = try await pages.store.deadlineTypes(visibleTo: context.identity.visiblePracticeIDs).map(\.code)
        if !allowed.contains(ticket.activityTypeCode.uppercased()) {
            problems.append(
                Wording(
                    it: "activityType: scegli un tipo di scadenza tra quelli proposti.",
                    en: "activityType: choose one of the deadline types offered."))
        }
        if !problems.isEmpty {
            let language = PageLanguage.of(request)
            return try await refuse(
                request, context: context, fields: fields, problems: problems.map { $0.text(language) })
        }
        do {
            let opened = try await pages.store.openTicket(
                ticket, channel: .callCentre, createdBy: context.identity?.user?.userID)
            return Response(status: .seeOther, headers: [.location: "/tickets/\(opened.ticket.id)"])
        } catch let error as IntakeError {
            return try await refuse(
                request, context: context, fields: fields, problems: error.reasons(in: PageLanguage.of(request)))
        }
    }

    private func refuse(_ request: Request, context: ServiceRequestContext, fields: FormFields, problems: [String])
        async throws -> Response
    {
        let model = try await makeModel(fields, problems: problems, context: context)
        return try pages.renderer.render(
            "deadline", page: .init(titleKey: "deadlineTitle"), model: model, request: request,
            status: .unprocessableContent)
    }

    private func makeModel(_ fields: FormFields, problems: [String], context: ServiceRequestContext) async throws
        -> Model
    {
        let types = try await pages.store.deadlineTypes(visibleTo: context.identity.visiblePracticeIDs)
        let customers = try await pages.store.activeCustomers()
        let people = try await pages.store.operators().filter(\.active)
        let blank = TicketPages.Option(value: "", label: "", selected: false)
        return Model(
            csrf: context.identity?.csrfToken ?? "", formID: fields["formID"] ?? UUID().uuidString,
            types: [blank]
                + types.map { .init(value: $0.code, label: $0.name, selected: $0.code == fields["activityType"]) },
            customers: [blank]
                + customers.map { .init(value: $0.id, label: $0.name, selected: $0.id == fields["customerID"]) },
            operators: [blank]
                + people.map { .init(value: $0.id, label: $0.name, selected: $0.id == fields["operatorInChargeID"]) },
            description: fields["description"] ?? "", dueDate: fields["dueDate"] ?? "",
            problems: problems, hasProblems: !problems.isEmpty)
    }
}
