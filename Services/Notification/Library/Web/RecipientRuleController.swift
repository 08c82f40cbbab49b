import Foundation
import Hummingbird
import NotificationDomain
import ServiceKit

/// Who receives what, per activity type and trigger (R14), as JSON: read every trigger's
/// recipients (the type's own choice or the defaults), set one, or go back to the defaults.
/// Everything needs `setup.edit`, like the templates.
struct RecipientRuleController: Sendable {
    /// Where the choices are read and saved.
    let store: NotificationStore
    /// "Now", stamped on a saved choice.
    let clock: ServiceClock

    /// Adds the recipient settings' routes, behind `setup.edit`.
    func addRoutes(to router: ServiceRouter) {
        let api = router.group("api/recipient-rules").add(middleware: RequirePermission(.setupEdit))
        api.get("", use: list)
        api.put(":trigger", use: save)
        api.delete(":trigger", use: remove)
    }

    /// One trigger's recipients for an activity type.
    struct RuleView: Codable, Sendable, ResponseEncodable {
        /// The trigger's name (``NotificationTrigger``).
        var trigger: String
        /// Who receives its email now, in ``RecipientChoice/allowed(for:)`` order.
        var roles: [String]
        /// Who this trigger can reach at all.
        var allowedRoles: [String]
        /// `true` when the type has no choice of its own for this trigger.
        var isDefault: Bool
    }

    /// The body of `PUT /api/recipient-rules/{trigger}`.
    struct SaveInput: Decodable {
        /// The activity type the choice is for.
        var activityTypeID: String
        /// Who receives the trigger's email: ``EmailRecipientRole`` names.
        var roles: [String]
    }

    /// `GET /api/recipient-rules?activityTypeID=…&limit=&cursor=`: the triggers in their fixed
    /// order, one page (`{"items": […], "nextCursor": "…"}`, 10 at most).
    @Sendable func list(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let page = try PageRequest(request, defaultLimit: 10, maximum: 10)
        let activityTypeID = try await NotificationErrorMapping.mapped(request) {
            try Self.activityTypeID(request.uri.queryParameters.get("activityTypeID"))
        }
        let rules = try await store.recipientRules(activityTypeID: activityTypeID)
        var start = rules.startIndex
        if let cursor = page.cursor {
            guard cursor.values.count == 1,
                let last = rules.firstIndex(where: { $0.trigger.rawValue == cursor.values[0] })
            else {
                throw PageRequestError.badCursor
            }
            start = last + 1
        }
        let rows = rules[start...].prefix(page.fetchLimit).map {
            Self.view($0.trigger, roles: $0.roles, isDefault: $0.isDefault)
        }
        return try JSONResponse.make(.ok, Page(fetched: Array(rows), request: page) { PageCursor([$0.trigger]) })
    }

    /// `PUT /api/recipient-rules/{trigger}` `{activityTypeID, roles}`: saved when every role is one
    /// the trigger can reach; 422 with the reason otherwise.
    @Sendable func save(_ request: Request, context: ServiceRequestContext) async throws -> RuleView {
        let trigger = try await NotificationErrorMapping.mapped(request) { try Self.trigger(context) }
        let input = try await request.decodeJSON(
            as: SaveInput.self,
            describedAs: Wording(
                it: "un'impostazione dei destinatari {activityTypeID, roles}",
                en: "a recipient setting {activityTypeID, roles}"))
        return try await NotificationErrorMapping.mapped(request) {
            let activityTypeID = try Self.activityTypeID(input.activityTypeID)
            let roles = try Self.roles(input.roles, for: trigger)
            try await store.saveRecipientRules(activityTypeID: activityTypeID, [trigger: roles], at: clock.now())
            return Self.view(trigger, roles: roles, isDefault: false)
        }
    }

    /// `DELETE /api/recipient-rules/{trigger}?activityTypeID=…`: the defaults apply again.
    @Sendable func remove(_ request: Request, context: ServiceRequestContext) async throws -> HTTPResponse.Status {
        try await NotificationErrorMapping.mapped(request) {
            let trigger = try Self.trigger(context)
            let activityTypeID = try Self.activityTypeID(request.uri.queryParameters.get("activityTypeID"))
            try await store.removeRecipientRule(activityTypeID: activityTypeID, trigger: trigger)
            return .noContent
        }
    }

    /// The JSON of one trigger's recipients, in the order of ``RecipientChoice/allowed(for:)``.
    static func view(_ trigger: NotificationTrigger, roles: Set<EmailRecipientRole>, isDefault: Bool) -> RuleView {
        let allowed = RecipientChoice.allowed(for: trigger)
        return RuleView(
            trigger: trigger.rawValue, roles: allowed.filter(roles.contains).map(\.rawValue),
            allowedRoles: allowed.map(\.rawValue), isDefault: isDefault)
    }

    /// `names` as roles `trigger` can reach, or ``NotificationError/recipientNotAllowed(name:trigger:allowed:)``
    /// naming the first that is not.
    static func roles(_ names: [String], for trigger: NotificationTrigger) throws(NotificationError) -> Set<
        EmailRecipientRole
    > {
        let allowed = RecipientChoice.allowed(for: trigger)
        var roles: Set<EmailRecipientRole> = []
        for name in names {
            guard let role = EmailRecipientRole(rawValue: name), allowed.contains(role) else {
                throw .recipientNotAllowed(name: name, trigger: trigger.rawValue, allowed: allowed.map(\.rawValue))
            }
            roles.insert(role)
        }
        return roles
    }

    /// The activity type named by a query or form field, or ``NotificationError/activityTypeMissing``.
    static func activityTypeID(_ value: String?) throws(NotificationError) -> String {
        guard let id = value?.trimmingCharacters(in: .whitespaces), !id.isEmpty else {
            throw .activityTypeMissing
        }
        return id
    }

    private static func trigger(_ context: ServiceRequestContext) throws -> NotificationTrigger {
        let name = try context.parameters.require("trigger")
        guard let trigger = NotificationTrigger(rawValue: name) else { throw NotificationError.triggerNotFound(name) }
        return trigger
    }
}
