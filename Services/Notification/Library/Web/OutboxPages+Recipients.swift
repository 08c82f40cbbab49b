import Foundation
import Hummingbird
import NotificationDomain
import ServiceKit

extension OutboxPages {
    /// An activity type in the page's choice, marked when shown.
    struct ShownType {
        /// The type's id, the select's value.
        let id: String
        /// "CODE — Name", or the id when intake sent no name.
        let label: String
        /// The type shown on the page.
        let selected: Bool
    }

    /// One trigger's row of checkboxes.
    struct RecipientRow {
        /// One checkbox: a recipient for the trigger.
        struct Cell {
            /// The form field, `<trigger>.<role>`.
            let name: String
            /// The checkbox's accessible name: trigger and recipient.
            let label: String
            /// The trigger can reach this recipient at all.
            let allowed: Bool
            /// The recipient receives the trigger's email now.
            let checked: Bool
        }
        /// The trigger's name, as the form fields start.
        let trigger: String
        /// The trigger in the user's language.
        let label: String
        /// A checkbox per recipient, in ``recipientRoles`` order.
        let cells: [Cell]
        /// The type has no choice of its own: the defaults apply.
        let isDefault: Bool
    }

    /// `GET /recipients?activityTypeID=…`: who receives what for one activity type, a checkbox per
    /// trigger and recipient (a plain form, no script).
    @Sendable func recipientSettings(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let t = renderer.strings.table(for: PageLanguage.of(request))
        let types = try await store.activityTypes()
        let chosen =
            request.uri.queryParameters.get("activityTypeID").flatMap { id in types.first { $0.activityTypeID == id } }
            ?? types.first
        var rows: [RecipientRow] = []
        if let chosen {
            for rule in try await store.recipientRules(activityTypeID: chosen.activityTypeID) {
                let allowed = RecipientChoice.allowed(for: rule.trigger)
                rows.append(
                    RecipientRow(
                        trigger: rule.trigger.rawValue,
                        label: t["trigger_\(rule.trigger.rawValue)"] ?? rule.trigger.rawValue,
                        cells: Self.recipientRoles.map { role in
                            RecipientRow.Cell(
                                name: "\(rule.trigger.rawValue).\(role.rawValue)",
                                label:
                                    "\(t["trigger_\(rule.trigger.rawValue)"] ?? rule.trigger.rawValue): \(t["role_\(role.rawValue)"] ?? role.rawValue)",
                                allowed: allowed.contains(role), checked: rule.roles.contains(role))
                        },
                        isDefault: rule.isDefault))
            }
        }
        let model: [String: Any] = [
            "types": types.map {
                ShownType(
                    id: $0.activityTypeID, label: $0.name.isEmpty ? $0.activityTypeID : $0.name,
                    selected: $0.activityTypeID == chosen?.activityTypeID)
            },
            "selected": chosen?.activityTypeID ?? "", "noTypes": types.isEmpty, "rows": rows,
            "roles": Self.recipientRoles.map {
                Choice(value: $0.rawValue, label: t["role_\($0.rawValue)"] ?? $0.rawValue)
            },
            "saved": request.uri.queryParameters.get("saved") != nil,
            "csrf": RequestIdentity.current?.csrfToken ?? ""
        ]
        return try renderer.render(
            "page-recipients", page: .init(titleKey: "recipientsTitle"), model: model, request: request)
    }

    /// `POST /recipients` (form: `activityTypeID`, a `<trigger>.<role>` field per checked box):
    /// saves every trigger's choice for the type at once, then back to the page.
    @Sendable func saveRecipientSettings(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let body = try await request.body.collect(upTo: 64 * 1024)
        var components = URLComponents()
        components.percentEncodedQuery = String(buffer: body).replacingOccurrences(of: "+", with: "%20")
        let fields = components.queryItems ?? []
        let activityTypeID = try await NotificationErrorMapping.mapped(request) {
            let activityTypeID = try RecipientRuleController.activityTypeID(
                fields.first { $0.name == "activityTypeID" }?.value)
            var chosen: [NotificationTrigger: [String]] = [:]
            for trigger in NotificationTrigger.allCases { chosen[trigger] = [] }
            for field in fields where field.name != "activityTypeID" && field.name != CSRFToken.fieldName {
                let parts = field.name.split(separator: ".", maxSplits: 1).map(String.init)
                guard parts.count == 2, let trigger = NotificationTrigger(rawValue: parts[0]) else {
                    throw NotificationError.unknownField(field.name)
                }
                chosen[trigger, default: []].append(parts[1])
            }
            var rules: [NotificationTrigger: Set<EmailRecipientRole>] = [:]
            for (trigger, names) in chosen {
                rules[trigger] = try RecipientRuleController.roles(names, for: trigger)
            }
            try await store.saveRecipientRules(activityTypeID: activityTypeID, rules, at: clock.now())
            return activityTypeID
        }
        var location = URLComponents()
        location.path = "/recipients"
        location.queryItems = [
            URLQueryItem(name: "activityTypeID", value: activityTypeID), URLQueryItem(name: "saved", value: "1")
        ]
        return Response(status: .seeOther, headers: [.location: location.string ?? "/recipients"])
    }

    /// The columns of the page, in this order.
    static let recipientRoles: [EmailRecipientRole] = [
        .customer, .siteContact, .mailingList, .technician, .operatorInCharge
    ]
}
