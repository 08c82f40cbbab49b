import Foundation
import Hummingbird
import NotificationDomain
import ServiceKit

/// Email templates per activity type (R14): read the pair in use (the activity type's own or the
/// default text and HTML), preview any pair on sample data in either language, save an override
/// only when it passes ``TemplateCheck``, or remove it. Everything needs `setup.edit`.
struct TemplateController: Sendable {
    /// Where the overrides are read and saved.
    let store: NotificationStore
    /// The company's, for the sample's dates and times.
    let timeZone: TimeZone
    /// "Now", stamped on a saved override.
    let clock: ServiceClock

    /// Adds the templates' routes, behind `setup.edit`.
    func addRoutes(to router: ServiceRouter) {
        let api = router.group("api/templates").add(middleware: RequirePermission(.setupEdit))
        api.get("", use: list)
        api.post("preview", use: preview)
        api.put(":kind", use: save)
        api.delete(":kind", use: remove)
    }

    /// One kind's templates for an activity type.
    struct TemplateText: Codable, Sendable, ResponseEncodable {
        /// The kind of email (``EmailKind``).
        var kind: String
        /// The text template in use: first line = subject.
        var text: String
        /// The HTML template in use.
        var html: String
        /// The activity type's own, not the shipped default.
        var isOverride: Bool
    }

    /// A rendered sample.
    struct Preview: Codable, Sendable, ResponseEncodable {
        /// The sample's subject line.
        var subject: String
        /// The sample's plain text.
        var body: String
        /// The sample's HTML alternative.
        var html: String
    }

    /// The body of `POST /api/templates/preview`.
    struct PreviewInput: Decodable {
        /// The text template to try.
        var text: String
        /// The HTML template to try; blank: made from the text.
        var html: String?
        /// `it` (default) or `en`.
        var language: String?
    }

    /// The body of `PUT /api/templates/{kind}`.
    struct SaveInput: Decodable {
        /// The activity type whose emails use it.
        var activityTypeID: String
        /// The text template: first line = subject.
        var text: String
        /// The HTML template; blank: made from the text.
        var html: String?
    }

    /// The shipped text of `kind`.
    static func defaultText(_ kind: EmailKind) -> String {
        EmailRenderer.shippedText(kind, html: false) ?? ""
    }

    /// `GET /api/templates?activityTypeID=…&limit=&cursor=`: the kinds in their fixed order, the
    /// override where there is one, one page (`{"items": […], "nextCursor": "…"}`, 20 at most).
    @Sendable func list(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let page = try PageRequest(request, defaultLimit: 20, maximum: 20)
        let kinds = EmailKind.allCases
        var start = kinds.startIndex
        if let cursor = page.cursor {
            guard cursor.values.count == 1, let last = kinds.firstIndex(where: { $0.rawValue == cursor.values[0] })
            else {
                throw PageRequestError.badCursor
            }
            start = last + 1
        }
        let activityTypeID = request.uri.queryParameters.get("activityTypeID")
        var rows: [TemplateText] = []
        for kind in kinds[start...].prefix(page.fetchLimit) {
            let override = try await activityTypeID.asyncFlatMap {
                try await store.templateOverride(activityTypeID: $0, kind: kind)
            }
            rows.append(
                TemplateText(
                    kind: kind.rawValue, text: override?.text ?? Self.defaultText(kind),
                    html: override.map { $0.html ?? "" } ?? EmailRenderer.shippedText(kind, html: true) ?? "",
                    isOverride: override != nil))
        }
        return try JSONResponse.make(.ok, Page(fetched: rows, request: page) { PageCursor([$0.kind]) })
    }

    /// `POST /api/templates/preview` `{text, html?, language?}`: the sample rendering, or 422 with the reason.
    @Sendable func preview(_ request: Request, context: ServiceRequestContext) async throws -> Preview {
        let input = try await request.decodeJSON(
            as: PreviewInput.self,
            describedAs: Wording(it: "un modello {text, html, language}", en: "a template {text, html, language}"))
        return try await NotificationErrorMapping.mapped(request) {
            let content = try checked(
                input.text, html: Self.present(input.html), language: EmailLanguage(input.language))
            return Preview(subject: content.subject, body: content.body, html: content.html ?? "")
        }
    }

    /// `PUT /api/templates/{kind}` `{activityTypeID, text, html?}`: saved when both pass the check.
    @Sendable func save(_ request: Request, context: ServiceRequestContext) async throws -> TemplateText {
        let kind = try await NotificationErrorMapping.mapped(request) { try Self.kind(context) }
        let input = try await request.decodeJSON(
            as: SaveInput.self,
            describedAs: Wording(
                it: "un modello {activityTypeID, text, html}", en: "a template {activityTypeID, text, html}"))
        return try await NotificationErrorMapping.mapped(request) {
            guard !input.activityTypeID.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw NotificationError.templateActivityTypeMissing
            }
            let html = Self.present(input.html)
            for language in EmailLanguage.allCases {
                _ = try checked(input.text, html: html, language: language)
            }
            try await store.saveTemplateOverride(
                TemplateOverrideRecord(
                    activityTypeID: input.activityTypeID, kind: kind, text: input.text, updatedAt: clock.now(),
                    html: html))
            return TemplateText(kind: kind.rawValue, text: input.text, html: html ?? "", isOverride: true)
        }
    }

    /// `DELETE /api/templates/{kind}?activityTypeID=…`: the default applies again.
    @Sendable func remove(_ request: Request, context: ServiceRequestContext) async throws -> HTTPResponse.Status {
        try await NotificationErrorMapping.mapped(request) {
            let kind = try Self.kind(context)
            guard let activityTypeID = request.uri.queryParameters.get("activityTypeID") else {
                throw NotificationError.activityTypeIDMissing
            }
            try await store.removeTemplateOverride(activityTypeID: activityTypeID, kind: kind)
            return .noContent
        }
    }

    private static func present(_ text: String?) -> String? {
        guard let text, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        return text
    }

    private func checked(_ text: String, html: String?, language: EmailLanguage) throws(NotificationError)
        -> EmailContent
    {
        do {
            return try TemplateCheck.check(text, html: html, language: language, timeZone: timeZone)
        } catch {
            throw .templateRefused(Wording(it: error.it, en: error.en))
        }
    }

    private static func kind(_ context: ServiceRequestContext) throws -> EmailKind {
        let name = try context.parameters.require("kind")
        guard let kind = EmailKind(rawValue: name) else { throw NotificationError.templateNotFound(name) }
        return kind
    }
}

extension Optional {
    /// `flatMap` for an async transform.
    func asyncFlatMap<T>(_ transform: (Wrapped) async throws -> T?) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
