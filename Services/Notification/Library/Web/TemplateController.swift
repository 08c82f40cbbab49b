import Foundation
import Hummingbird
import ServiceKit

/// Email templates per activity type (R14): read the text in use (the activity type's own or the
/// default), preview any text on sample data, save an override only when it passes
/// ``TemplateCheck``, or remove it. Everything needs `setup.edit`.
struct TemplateController: Sendable {
    let store: NotificationStore
    let timeZone: TimeZone
    let clock: ServiceClock

    func addRoutes(to router: ServiceRouter) {
        let api = router.group("api/templates").add(middleware: RequirePermission(.setupEdit))
        api.get("", use: list)
        api.post("preview", use: preview)
        api.put(":kind", use: save)
        api.delete(":kind", use: remove)
    }

    /// One kind's text for an activity type.
    struct TemplateText: Codable, Sendable, ResponseEncodable {
        var kind: String
        var text: String
        var isOverride: Bool
    }

    /// A rendered sample.
    struct Preview: Codable, Sendable, ResponseEncodable {
        var subject: String
        var body: String
        var html: String
    }

    struct PreviewInput: Decodable { var text: String }
    struct SaveInput: Decodable {
        var activityTypeID: String
        var text: String
    }

    /// The shipped text of `kind`.
    static func defaultText(_ kind: EmailKind) -> String {
        guard let url = Bundle.module.url(forResource: kind.rawValue, withExtension: "mustache", subdirectory: "Templates"),
              let text = try? String(contentsOf: url, encoding: .utf8)
        else { return "" }
        return text
    }

    /// `GET /api/templates?activityTypeID=…`: every kind, the override where there is one.
    @Sendable func list(_ request: Request, context: ServiceRequestContext) async throws -> [TemplateText] {
        let activityTypeID = request.uri.queryParameters.get("activityTypeID")
        var result: [TemplateText] = []
        for kind in EmailKind.allCases {
            let override = try await activityTypeID.asyncFlatMap { try await store.templateOverride(activityTypeID: $0, kind: kind) }
            result.append(TemplateText(kind: kind.rawValue, text: override ?? Self.defaultText(kind), isOverride: override != nil))
        }
        return result
    }

    /// `POST /api/templates/preview` `{text}`: the sample rendering, or 422 with the reason.
    @Sendable func preview(_ request: Request, context: ServiceRequestContext) async throws -> Preview {
        let input = try await request.decodeJSON(as: PreviewInput.self, describedAs: "a template {text}")
        let content = try checked(input.text, request: request)
        return Preview(subject: content.subject, body: content.body, html: content.html ?? "")
    }

    /// `PUT /api/templates/{kind}` `{activityTypeID, text}`: saved when it passes the check.
    @Sendable func save(_ request: Request, context: ServiceRequestContext) async throws -> TemplateText {
        let kind = try Self.kind(context, request: request)
        let input = try await request.decodeJSON(as: SaveInput.self, describedAs: "a template {activityTypeID, text}")
        guard !input.activityTypeID.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw HTTPError(.unprocessableContent, message: Wording(it: "Manca il tipo di attività.", en: "The activity type is required.")
                .text(PageLanguage.of(request)))
        }
        _ = try checked(input.text, request: request)
        try await store.saveTemplateOverride(
            TemplateOverrideRecord(activityTypeID: input.activityTypeID, kind: kind, text: input.text, updatedAt: clock.now()))
        return TemplateText(kind: kind.rawValue, text: input.text, isOverride: true)
    }

    /// `DELETE /api/templates/{kind}?activityTypeID=…`: the default applies again.
    @Sendable func remove(_ request: Request, context: ServiceRequestContext) async throws -> HTTPResponse.Status {
        let kind = try Self.kind(context, request: request)
        guard let activityTypeID = request.uri.queryParameters.get("activityTypeID") else {
            throw HTTPError(.badRequest, message: "activityTypeID is required.")
        }
        try await store.removeTemplateOverride(activityTypeID: activityTypeID, kind: kind)
        return .noContent
    }

    private func checked(_ text: String, request: Request) throws -> EmailContent {
        do {
            return try TemplateCheck.check(text, timeZone: timeZone)
        } catch {
            throw HTTPError(.unprocessableContent, message: Wording(it: error.it, en: error.en).text(PageLanguage.of(request)))
        }
    }

    private static func kind(_ context: ServiceRequestContext, request: Request) throws -> EmailKind {
        let name = try context.parameters.require("kind")
        guard let kind = EmailKind(rawValue: name) else {
            throw HTTPError(.notFound, message: Wording(it: "Nessun modello '\(name)'.", en: "There is no template '\(name)'.")
                .text(PageLanguage.of(request)))
        }
        return kind
    }
}
