import Foundation
import Hummingbird
import IntakeDomain
import ServiceKit

/// The call-centre operator's page (R10): find or create the customer and site, pick the call
/// type (only those of the operator's practices), fill the type's fields, open the ticket.
/// `GET /tickets/new` shows the form (with `?find=` the matching customers); `POST /tickets/new`
/// opens the ticket and goes to its page, or shows the form again with every problem.
struct CallPage: Sendable {
    /// Where the call is opened and customers are searched.
    let store: IntakeStore
    /// Renders the page in the shared layout.
    let renderer: PageRenderer
    /// The page's script (`call.js`), served with a versioned URL.
    let assets: StaticAssets
    /// Where the files attached on the form are kept (Store/Attachments/).
    let attachments: AttachmentFolder

    /// The page's title and script.
    var page: PageRenderer.Page { .init(titleKey: "callTitle", scripts: [assets.url("call.js")]) }

    /// The page of a running service, with its renderer and the attachments' folder.
    static func make(context: ServiceContext) throws -> CallPage {
        CallPage(
            store: IntakeStore(context: context),
            renderer: try IntakePages.renderer(
                context: context, strings: TicketPageStrings.all.merging(AttachmentStrings.all)),
            assets: try IntakePages.assets(), attachments: AttachmentFolder(context: context))
    }

    /// `GET` and `POST /tickets/new`, for users who may open tickets.
    func addRoutes(to router: ServiceRouter) {
        let pages = router.group().add(middleware: RequirePermission(.ticketsOpen))
        pages.get("/tickets/new", use: form)
        pages.post("/tickets/new", use: submit)
    }

    /// A site of a found customer, as a radio button of the call form.
    struct SiteChoice {
        /// The site's id, sent when chosen.
        let value: String
        /// The site's name, address and zone.
        let label: String
        /// Whether the site is the one chosen.
        let checked: Bool
    }

    /// A customer the search found, with the sites the caller may be calling about.
    struct CustomerChoice {
        /// The customer's name.
        let name: String
        /// How to tell namesakes apart: email and phone.
        let detail: String
        /// The customer's active sites.
        let sites: [SiteChoice]
    }

    /// A custom field of a call type's layout, as a form input with the value typed so far.
    struct FieldInput {
        /// The input's name, `field.<key>`.
        let name: String
        /// The field's label from the type's layout.
        let label: String
        /// The value typed so far.
        let value: String
        /// Whether the ticket cannot be opened without it.
        let required: Bool
        /// A free text input.
        let isText: Bool
        /// A number input.
        let isNumber: Bool
        /// A date input.
        let isDate: Bool
        /// A yes/no checkbox.
        let isBoolean: Bool
        /// A select among `choices`.
        let isChoice: Bool
        /// The allowed values of a choice field.
        let choices: [TicketPages.Option]
    }

    /// A call type the operator may choose, with its layout's fields.
    struct TypeSection {
        /// The type's code, sent when chosen.
        let code: String
        /// The type's code and name.
        let label: String
        /// Whether the type is the one chosen.
        let selected: Bool
        /// The type's layout fields.
        let fields: [FieldInput]
    }

    /// What the call-centre page's template shows: the customer search, the call form and its
    /// problems.
    struct Model {
        /// The customer search typed so far.
        let find: String
        /// Whether a search was made (to say "nobody found").
        let searched: Bool
        /// The customers found.
        let customers: [CustomerChoice]
        /// The new caller's data typed so far, by input name.
        let newCustomer: [String: String]
        /// The call types the user may choose (those of their practices).
        let types: [TypeSection]
        /// What the customer needs, as typed so far.
        let description: String
        /// The due date typed so far.
        let dueDate: String
        /// Why the call could not be opened, each in the user's language.
        let problems: [String]
        /// Stored, not computed: Mustache reads models by reflection, which sees stored properties only.
        let hasProblems: Bool
        /// Makes a double-submitted form open one ticket (the idempotency key `page:<formID>`).
        let formID: String
        /// The CSRF token of the form.
        let csrf: String
    }

    /// `GET /tickets/new`: the customer search and, once a customer is chosen, the call form.
    @Sendable func form(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let find = request.uri.queryParameters.get("find") ?? ""
        let model = try await makeModel(
            find: find, fields: FormFields(encoded: ""), problems: [], identity: context.identity)
        return try renderer.render("call", page: page, model: model, request: request)
    }

    /// `POST /tickets/new`: opens the call (with a new customer and site if asked, and the attached
    /// files) or shows the form again with every problem.
    @Sendable func submit(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let upload = try await CallPageUpload.read(request)
        let fields = upload.fields
        let typeCode = fields["activityType"] ?? ""
        var ticket = NewTicket(
            activityTypeCode: typeCode, customer: .init(name: "", email: nil), description: fields["description"] ?? "",
            customFields: fields.group("field.\(typeCode).").filter { !$0.value.isEmpty },
            dueAt: fields["dueDate"].flatMap { TicketPages.day($0, timeZone: store.settings.timeZone) }.map {
                $0.addingTimeInterval(17 * 3600)
            },
            idempotencyKey: fields["formID"].map { "page:\($0)" })
        var newCustomer: NewCustomerEntry?
        if let pick = fields["pick"], pick != "new" {
            let parts = pick.split(separator: "|", maxSplits: 1).map(String.init)
            ticket.customerID = parts.first
            ticket.siteID = parts.count > 1 && !parts[1].isEmpty ? parts[1] : nil
        } else {
            newCustomer = NewCustomerEntry(
                name: fields["customerName"] ?? "", email: fields["customerEmail"], phone: fields["customerPhone"],
                siteName: fields["siteName"], siteAddress: fields["siteAddress"], siteZone: fields["siteZone"])
        }
        do {
            try upload.checkFiles()
            let opened = try await store.openCall(
                ticket, newCustomer: newCustomer, createdBy: context.identity?.user?.userID)
            try await upload.attach(
                toTicket: opened.id, store: store, folder: attachments, addedBy: context.identity?.user?.userID)
            return Response(status: .seeOther, headers: [.location: "/tickets/\(opened.id)"])
        } catch let error as IntakeError {
            let model = try await makeModel(
                find: fields["find"] ?? "", fields: fields, problems: error.reasons(in: PageLanguage.of(request)),
                identity: context.identity)
            return try renderer.render(
                "call", page: page, model: model, request: request,
                status: .unprocessableContent)
        }
    }

    private func makeModel(find: String, fields: FormFields, problems: [String], identity: RequestIdentity?)
        async throws -> Model
    {
        let customers = find.isEmpty ? [] : try await store.customers(matching: find)
        let picked = fields["pick"] ?? ""
        // R4: an operator sees the call types of their own practices (API clients see all).
        let types = try await store.callTypes(visibleTo: identity.visiblePracticeIDs)
        let selectedType = fields["activityType"] ?? ""
        return Model(
            find: find, searched: !find.isEmpty,
            customers: customers.map { entry in
                let base = "\(entry.customer.id)|"
                var sites = entry.sites.map { site in
                    SiteChoice(
                        value: base + site.id, label: "\(site.name) — \(site.address) (\(site.zone))",
                        checked: picked == base + site.id)
                }
                if sites.isEmpty {
                    sites = [SiteChoice(value: base, label: entry.customer.name, checked: picked == base)]
                }
                return CustomerChoice(
                    name: entry.customer.name,
                    detail: [entry.customer.email, entry.customer.phone].compactMap { $0 }.joined(separator: " · "),
                    sites: sites)
            },
            newCustomer: ["customerName", "customerEmail", "customerPhone", "siteName", "siteAddress", "siteZone"]
                .reduce(into: [:]) { $0[$1] = fields[$1] ?? "" },
            types: types.map { type in
                TypeSection(
                    code: type.code, label: type.name, selected: type.code == selectedType,
                    fields: type.layout.map { field in
                        let name = "field.\(type.code).\(field.key)"
                        return FieldInput(
                            name: name, label: field.label, value: fields[name] ?? "", required: field.required,
                            isText: field.kind == .text, isNumber: field.kind == .number, isDate: field.kind == .date,
                            isBoolean: field.kind == .boolean, isChoice: field.kind == .choice,
                            choices: field.choices.map {
                                TicketPages.Option(value: $0, label: $0, selected: fields[name] == $0)
                            })
                    })
            },
            description: fields["description"] ?? "", dueDate: fields["dueDate"] ?? "", problems: problems,
            hasProblems: !problems.isEmpty, formID: fields["formID"] ?? UUID().uuidString,
            csrf: identity?.csrfToken ?? "")
    }
}
