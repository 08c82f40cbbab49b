import Foundation

/// The largest body each class of route accepts, checked by `RequestBodyLimitMiddleware` before
/// a handler reads anything. Each handler may still refuse less (a photo 5 MiB, a signature
/// 256 KiB); these are the ceilings above which no request is read at all.
public struct RequestBodyLimits: Sendable, Equatable {
    /// The class of a request, told by its `Content-Type`.
    public enum RouteClass: String, Sendable, CaseIterable {
        /// `application/json` or `…+json` (and a body with no type): the JSON APIs.
        case json
        /// `application/x-www-form-urlencoded`: the pages' forms (billing's article import
        /// sends a CSV in a form field, hence a ceiling above a plain form's).
        case form
        /// `multipart/form-data` and any file type (`text/csv`, `image/jpeg`, `application/pdf`…):
        /// attachments, photos and CSV imports.
        case upload
    }

    /// JSON APIs: 1 MiB, the same as `Request.decodeJSON`'s default.
    public var json: Int = 1 << 20
    /// Forms: 6 MiB (a 5 MiB article CSV pasted into billing's import form, plus its encoding).
    public var form: Int = 6 << 20
    /// Uploads: 20 MiB (intake's attachment upload: two 8 MiB files plus the multipart framing).
    public var upload: Int = 20 << 20

    /// The ceilings every service uses.
    public init() {}

    /// The ceiling of `routeClass`.
    public func limit(of routeClass: RouteClass) -> Int {
        switch routeClass {
        case .json: json
        case .form: form
        case .upload: upload
        }
    }

    /// The class of a request with `Content-Type: contentType`.
    public static func routeClass(contentType: String?) -> RouteClass {
        let type =
            (contentType ?? "").split(separator: ";").first.map {
                $0.trimmingCharacters(in: .whitespaces).lowercased()
            } ?? ""
        switch type {
        case "", "application/json", "text/json": return .json
        case _ where type.hasSuffix("+json"): return .json
        case "application/x-www-form-urlencoded": return .form
        default: return .upload
        }
    }
}
