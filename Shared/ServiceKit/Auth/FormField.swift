import Foundation
public import Hummingbird

/// Reads one field from an `application/x-www-form-urlencoded` or `multipart/form-data` body,
/// without consuming it for the route (the collected body is put back on the request): how the
/// CSRF check finds `_csrf` in a page's form. The parsing is `FormFields` and `MultipartForm`'s.
public enum FormField {
    /// The value of `name` in `request`'s form body, or nil.
    public static func value(_ name: String, in request: inout Request, limit: Int = 10 * 1_048_576) async throws
        -> String?
    {
        guard let contentType = request.headers[.contentType] else { return nil }
        let isURLEncoded = contentType.lowercased().hasPrefix("application/x-www-form-urlencoded")
        guard isURLEncoded || boundary(of: contentType) != nil else { return nil }
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: limit)
        } catch {
            throw HTTPError(.contentTooLarge, message: "The body is larger than \(limit / 1_048_576) MiB.")
        }
        if isURLEncoded { return urlEncoded(name, in: String(buffer: buffer)) }
        return MultipartForm(body: Array(buffer.readableBytesView), contentType: contentType)?.field(name)
    }

    /// The first value of `name` in a urlencoded body.
    static func urlEncoded(_ name: String, in body: String) -> String? {
        FormFields(encoded: body).first(name)
    }

    /// The `boundary` parameter of a multipart content type.
    static func boundary(of contentType: String) -> String? {
        MultipartForm.boundary(of: contentType)
    }

    /// The value of the text field named `name` in a multipart body.
    static func multipart(_ name: String, in body: String, boundary: String) -> String? {
        MultipartForm(body: Array(body.utf8), contentType: "multipart/form-data; boundary=\(boundary)")?.field(name)
    }
}
