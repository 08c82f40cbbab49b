import Hummingbird
import ServiceKit

/// The fields of an `application/x-www-form-urlencoded` body, as billing's plain HTML forms post
/// them (flat names, each once), read by Hummingbird's `URLEncodedFormDecoder`.
struct FormBody: Sendable {
    /// Every field's value by name.
    private(set) var values: [String: String]

    /// The fields of `body` as a browser encodes them (`+` for space, percent escapes); throws
    /// for a body that is not a flat form (a name twice, a broken escape).
    init(encoded body: String) throws {
        values = try URLEncodedFormDecoder().decode([String: String].self, from: body)
    }

    /// Reads a form body of at most `limit` bytes; a body that is not a form is refused (400).
    static func read(_ request: Request, limit: Int = 1 << 20) async throws -> FormBody {
        let buffer = try await request.body.collect(upTo: limit)
        do {
            return try FormBody(encoded: String(buffer: buffer))
        } catch {
            throw BillingError.unreadable([
                BillingProblem(
                    "",
                    Wording(
                        it: "Il modulo inviato non si può leggere: un campo ripetuto o un carattere codificato male.",
                        en: "The form sent cannot be read: a field sent twice or a badly encoded character."))
            ])
        }
    }

    /// The value of `key`, untrimmed; nil when missing.
    subscript(_ key: String) -> String? {
        values[key]
    }
}
