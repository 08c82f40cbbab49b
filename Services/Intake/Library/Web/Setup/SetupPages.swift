import Foundation
import GRDB
import Hummingbird
import IntakeDomain
import ServiceKit

/// The admin pages of the setup data: `/setup` (index) and, for every kind, the list with its
/// search (`/setup/<kind>`), the new and edit forms (`/setup/<kind>/new`, `/setup/<kind>/{id}`)
/// and deactivation. Forms are plain HTML posts carrying the session's `_csrf` token; a refused
/// change shows the form again with the messages and what the user typed. Everything needs
/// the permission `setup.edit`.
struct SetupPages: Sendable {
    /// Where setup data is read and changed.
    let store: SetupStore
    /// Renders the setup pages in the shared layout.
    let renderer: PageRenderer
    /// The page's stylesheet and script URLs (versioned).
    let stylesheets: [String]
    /// The setup pages' scripts (`setup.js` adds and removes repeated rows).
    let scripts: [String]

    /// The pages of a running service.
    static func make(context: ServiceContext, store: SetupStore) throws -> SetupPages {
        let assets = try IntakePages.assets()
        return SetupPages(
            store: store, renderer: try IntakePages.renderer(context: context, strings: SetupPageStrings.all),
            stylesheets: [assets.url("setup.css")], scripts: [assets.url("setup.js")])
    }

    /// The kinds in index order.
    static let kinds: [any SetupPageKind.Type] = [
        ActivityTypeSetup.self, PracticeSetup.self, ActivityStateSetup.self, SequenceSetup.self,
        GroupSetup.self, OperatorSetup.self, CustomerSetupKind.self,
        MailingListSetup.self
    ]

    /// `/setup` and, for every kind, its list, form, save and deactivate pages, for `setup.edit`.
    func addRoutes(to router: ServiceRouter) {
        let pages = router.group("setup").add(middleware: RequirePermission(.setupEdit))
        pages.get("", use: index)
        register(ActivityTypeSetup.self, on: pages)
        register(PracticeSetup.self, on: pages)
        register(ActivityStateSetup.self, on: pages)
        register(SequenceSetup.self, on: pages)
        register(GroupSetup.self, on: pages)
        register(OperatorSetup.self, on: pages)
        register(CustomerSetupKind.self, on: pages)
        register(MailingListSetup.self, on: pages)
    }

    // MARK: Index

    /// A kind of setup data on the setup index page, with how many it has.
    struct IndexEntry {
        /// The kind's list page.
        let href: String
        /// The kind's plural name.
        let title: String
        /// How many items of the kind there are, deactivated ones too.
        let count: Int
    }

    /// `GET /setup`: every kind of setup data with how many it has.
    @Sendable func index(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let t = renderer.strings.table(for: PageLanguage.of(request))
        var entries: [IndexEntry] = []
        for kind in Self.kinds {
            entries.append(
                IndexEntry(
                    href: "/setup/\(kind.path)", title: t[kind.titleKey] ?? kind.titleKey,
                    count: try await count(kind)))
        }
        return try renderer.render(
            "setup-index", page: .init(titleKey: "setupTitle", stylesheets: stylesheets),
            model: ["entries": entries], request: request)
    }

    private func count<K: SetupPageKind>(_ kind: K.Type) async throws -> Int {
        try await store.list(K.self, active: true).count
    }

    // MARK: One kind

    private func register<K: SetupPageKind>(_ kind: K.Type, on pages: RouterGroup<ServiceRequestContext>) {
        pages.get(RouterPath(K.path)) { request, context in try await list(K.self, request, context) }
        pages.get(RouterPath("\(K.path)/new")) { request, context in
            try await form(
                K.self, id: nil, values: FormValues(), problems: [], active: true, request: request, context: context)
        }
        pages.post(RouterPath(K.path)) { request, context in try await save(K.self, id: nil, request, context) }
        pages.get(RouterPath("\(K.path)/:id")) { request, context in
            let id = try context.parameters.require("id")
            let item: K.Item
            do { item = try await store.item(K.self, id: id) } catch let error as SetupError {
                throw Self.httpError(error, request)
            }
            return try await form(
                K.self, id: id, values: K.values(item), problems: [], active: K.isActive(item),
                request: request, context: context)
        }
        pages.post(RouterPath("\(K.path)/:id")) { request, context in
            try await save(K.self, id: try context.parameters.require("id"), request, context)
        }
        pages.post(RouterPath("\(K.path)/:id/deactivate")) { request, context in
            let id = try context.parameters.require("id")
            do { _ = try await store.deactivate(K.self, id: id) } catch let error as SetupError {
                throw Self.httpError(error, request)
            }
            return Response(status: .seeOther, headers: [.location: "/setup/\(K.path)?done=deactivated"])
        }
    }

    /// One row of a setup list page.
    struct ListRow {
        /// The item's id.
        let id: String
        /// The item's form page.
        let href: String
        /// The row's cells, in the headings' order.
        let cells: [SetupCell]
        /// Whether the item is in use; deactivated rows are shown dimmed.
        let active: Bool
    }

    /// What a setup list page's template shows: the search, the active filter and the rows.
    struct ListModel {
        /// The list's own path, where the search form submits.
        let path: String
        /// The kind's plural name.
        let title: String
        /// The search typed so far.
        let query: String
        /// The choices of the active/deactivated filter.
        let activeOptions: [OptionModel]
        /// The columns' headings.
        let headings: [String]
        /// The items found.
        let rows: [ListRow]
        /// Whether nothing was found.
        let empty: Bool
        /// The CSRF token of the page's forms.
        let csrf: String
        /// What the last change did ("saved", "deactivated"), shown once.
        let notice: String?
    }

    private func list<K: SetupPageKind>(_ kind: K.Type, _ request: Request, _ context: ServiceRequestContext)
        async throws -> Response
    {
        let query = request.uri.queryParameters
        let text = query.get("q") ?? ""
        let activeText = query.get("active") ?? "true"
        let active: Bool?
        do { active = try SetupController.activeFilter(activeText) } catch { active = true }
        let items = try await store.list(K.self, query: text, active: active)
        let t = renderer.strings.table(for: PageLanguage.of(request))
        let notice: String? =
            switch query.get("done") {
            case "saved": t["noticeSaved"]
            case "deactivated": t["noticeDeactivated"]
            default: nil
            }
        let model = ListModel(
            path: K.path, title: t[K.titleKey] ?? K.titleKey, query: text,
            activeOptions: [("true", "activeOnly"), ("false", "inactiveOnly"), ("", "all")].map {
                OptionModel(value: $0.0, label: t[$0.1] ?? $0.1, selected: $0.0 == activeText.lowercased())
            },
            headings: K.columnKeys.map { t[$0] ?? $0 },
            rows: items.map { item in
                let id = K.id(of: item)
                return ListRow(
                    id: id, href: "/setup/\(K.path)/\(Self.pathEscaped(id))", cells: K.cells(item),
                    active: K.isActive(item))
            },
            empty: items.isEmpty, csrf: context.identity?.csrfToken ?? "", notice: notice)
        return try renderer.render(
            "setup-list",
            page: .init(titleKey: K.titleKey, stylesheets: stylesheets, scripts: scripts),
            model: model, request: request)
    }

    private func save<K: SetupPageKind>(
        _ kind: K.Type, id: String?, _ request: Request, _ context: ServiceRequestContext
    ) async throws -> Response {
        let fields = try await FormFields.read(request)
        var posted = FormValues(fields.values)
        posted.values.removeValue(forKey: CSRFToken.fieldName)
        let choices = try await store.database.read { db in try SetupChoices.load(db) }
        let (object, shapeProblems, normalized) = K.form(choices).json(from: posted, creating: id == nil)
        var problems = shapeProblems
        do {
            let data = try JSONSerialization.data(withJSONObject: object)
            let input = try APIJSON.decoder.decode(K.Input.self, from: data)
            if problems.isEmpty {
                if let id {
                    _ = try await store.update(K.self, id: id, input)
                } else {
                    _ = try await store.create(K.self, input)
                }
                return Response(status: .seeOther, headers: [.location: "/setup/\(K.path)?done=saved"])
            }
            // Badly shaped values were left out: list what else is wrong too, writing nothing.
            let shaped = Set(problems.map(\.field))
            problems += try await store.problems(K.self, id: id, input).filter {
                !shaped.contains(SetupForm.formName(ofProblemField: $0.field))
            }
        } catch let error as SetupError {
            if case .notFound = error { throw Self.httpError(error, request) }
            problems = error.problems
        } catch is DecodingError {
            problems = [
                FieldProblem(
                    field: "",
                    Wording(
                        it: "Non è stato possibile leggere il modulo; controlla i valori e riprova.",
                        en: "The form could not be read; check the values and try again."))
            ]
        }
        var active = true
        if let id { active = K.isActive(try await store.item(K.self, id: id)) }
        return try await form(
            K.self, id: id, values: normalized, problems: problems, active: active,
            request: request, context: context, status: .unprocessableContent)
    }

    // MARK: The form

    /// An entry of a select of the setup pages, marked when chosen.
    struct OptionModel {
        /// The value sent when chosen.
        let value: String
        /// What the option shows.
        let label: String
        /// Whether it is the current choice.
        let selected: Bool
    }

    /// What the field template sees (Mustache reads stored properties only, hence the flags).
    struct FieldModel {
        /// The form field's name, as the API names the field.
        let name: String
        /// The label shown, in the user's language.
        let label: String
        /// The value shown: the stored one or the one just sent.
        let value: String
        /// Whether the form refuses to be sent without it.
        let required: Bool
        /// The field's problem from the last try, next to it.
        let error: String?
        /// Whether a checkbox is ticked.
        let checked: Bool
        /// The choices of a select or a checkbox list.
        let options: [OptionModel]
        /// Which control the template draws: one flag per kind of input.
        let isText, isEmail, isNumber, isDecimal, isColour, isCheckbox, isHidden, isList, isSelect, isCheckboxes: Bool

        /// A field as the template draws it, `control` naming its kind of input.
        init(
            name: String, label: String, value: String, required: Bool, error: String?, control: String, checked: Bool,
            options: [OptionModel]
        ) {
            self.name = name
            self.label = label
            self.value = value
            self.required = required
            self.error = error
            self.checked = checked
            self.options = options
            isText = control == "text"
            isEmail = control == "email"
            isNumber = control == "number"
            isDecimal = control == "decimal"
            isColour = control == "colour"
            isCheckbox = control == "checkbox"
            isHidden = control == "hidden"
            isList = control == "list"
            isSelect = control == "select"
            isCheckboxes = control == "checkboxes"
        }
    }

    /// One repeated row of a setup form (a layout field, a billing article, a follow-up rule, a
    /// site).
    struct RowModel {
        /// The inputs of the row.
        let fields: [FieldModel]
    }

    /// The repeated rows of one part of a setup form, with the empty row `setup.js` copies.
    struct RowsModel {
        /// The form name of the list the rows make (`layout`, `sites`…), prefix of each input's
        /// name.
        let name: String
        /// The part's title.
        let title: String
        /// The columns' headings.
        let headings: [String]
        /// The rows already there.
        let rows: [RowModel]
        /// The empty row a new one is copied from.
        let template: RowModel
        /// The index the next added row gets.
        let nextIndex: Int
    }

    /// A titled section of a setup form as the template shows it.
    struct SectionModel {
        /// The section's title.
        let title: String
        /// The section's anchor, for the tabs of a long form.
        let anchor: String
        /// The section's single inputs.
        let fields: [FieldModel]
        /// The section's repeated rows.
        let rowSets: [RowsModel]
    }

    /// What a setup form page's template shows: the sections, the problems and where the form
    /// posts.
    struct FormModel {
        /// The page's title: the kind's name and "new" or "edit".
        let title: String
        /// Back to the kind's list.
        let listHref: String
        /// Where the form posts.
        let action: String
        /// Where the deactivate button posts; nil for a new item or one already deactivated.
        let deactivateAction: String?
        /// Whether the item is deactivated.
        let isInactive: Bool
        /// The CSRF token of the page's forms.
        let csrf: String
        /// What is wrong with the last try, each naming its field.
        let problems: [String]
        /// Whether there is anything in `problems`.
        let hasProblems: Bool
        /// The form's sections.
        let sections: [SectionModel]
        /// Whether the form has more than one section, shown as tabs.
        let hasTabs: Bool
    }

    private func form<K: SetupPageKind>(
        _ kind: K.Type, id: String?, values: FormValues, problems: [FieldProblem], active: Bool,
        request: Request, context: ServiceRequestContext, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let language = PageLanguage.of(request)
        let t = renderer.strings.table(for: language)
        let choices = try await store.database.read { db in try SetupChoices.load(db) }
        let errors = Dictionary(
            problems.map { (SetupForm.formName(ofProblemField: $0.field), $0.wording.text(language)) }
        ) { first, _ in first }
        func model(_ field: SetupForm.Field, name: String, value: FormValues) -> FieldModel {
            let control: String
            var options: [SetupForm.Option] = []
            switch field.control {
            case .text: control = "text"
            case .email: control = "email"
            case .number: control = "number"
            case .decimal: control = "decimal"
            case .colour: control = "colour"
            case .checkbox: control = "checkbox"
            case .hidden: control = "hidden"
            case .list: control = "list"
            case .select(let list, let clearable):
                control = "select"
                options = (clearable ? [SetupForm.Option(value: "", label: "—")] : []) + list
            case .checkboxes(let list):
                control = "checkboxes"
                options = list
            }
            let chosen = Set(value.values[name] ?? [])
            return FieldModel(
                name: name, label: t[field.labelKey] ?? field.labelKey, value: value[name], required: field.required,
                error: errors[name], control: control, checked: !value[name].isEmpty,
                options: options.map {
                    OptionModel(
                        value: $0.value, label: t["opt_\($0.value)"] ?? $0.label, selected: chosen.contains($0.value))
                })
        }
        let form = K.form(choices)
        let sections = form.sections.enumerated().map { position, section in
            SectionModel(
                title: t[section.titleKey] ?? section.titleKey, anchor: "section-\(position + 1)",
                fields: section.fields.filter { id == nil || !$0.createOnly }.map {
                    model($0, name: $0.name, value: values)
                },
                rowSets: section.rows.map { rows in
                    let indices = values.rowIndices(rows.name)
                    return RowsModel(
                        name: rows.name, title: t[rows.titleKey] ?? rows.titleKey,
                        headings: rows.columns.filter { if case .hidden = $0.control { false } else { true } }.map {
                            t[$0.labelKey] ?? $0.labelKey
                        },
                        rows: indices.map { index in
                            RowModel(
                                fields: rows.columns.map {
                                    model($0, name: "\(rows.name).\(index).\($0.name)", value: values)
                                })
                        },
                        template: RowModel(
                            fields: rows.columns.map {
                                model($0, name: "\(rows.name).__i__.\($0.name)", value: FormValues())
                            }),
                        nextIndex: (indices.last ?? -1) + 1)
                })
        }
        let path = id.map { "/setup/\(K.path)/\(Self.pathEscaped($0))" }
        let title = (t[K.titleKey] ?? K.titleKey) + " · " + (id == nil ? (t["new"] ?? "new") : (t["edit"] ?? "edit"))
        let model = FormModel(
            title: title, listHref: "/setup/\(K.path)", action: path ?? "/setup/\(K.path)",
            deactivateAction: active ? path.map { "\($0)/deactivate" } : nil, isInactive: !active,
            csrf: context.identity?.csrfToken ?? "",
            problems: problems.map { $0.wording.text(language) }, hasProblems: !problems.isEmpty, sections: sections,
            hasTabs: sections.count > 1)
        return try renderer.render(
            "setup-form",
            page: .init(titleKey: K.titleKey, stylesheets: stylesheets, scripts: scripts),
            model: model, request: request, status: status)
    }

    /// The HTTP error of a refused change, in the request's language.
    static func httpError(_ error: SetupError, _ request: Request) -> HTTPError {
        HTTPError(error.status, message: error.message(PageLanguage.of(request)))
    }

    /// An id made safe as one segment of a URL path.
    static func pathEscaped(_ id: String) -> String {
        id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/")))
            ?? id
    }
}
