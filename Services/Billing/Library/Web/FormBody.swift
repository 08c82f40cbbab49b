import BillingDomain
import Hummingbird
import ServiceKit

/// The fields of an `application/x-www-form-urlencoded` body as billing's plain HTML forms post
/// them: flat names, each once. Read by ServiceKit's `FormFields`, the project's one urlencoded
/// reader; billing's forms have no checkbox group, so a name sent twice is refused here rather
/// than one of its values being picked silently.
struct FormBody: Sendable {
    /// Every field as sent, read by the shared reader.
    private let fields: FormFields

    /// Why a body is not one of billing's flat forms.
    enum Refusal: Error, Equatable {
        /// A name came more than once.
        case repeatedName(String)
        /// A `%` escape that is not percent-encoded UTF-8.
        case badEscape
    }

    /// The fields of `body` as a browser encodes them (`+` for space, percent escapes); throws
    /// for a body that is not a flat form (a name twice, a broken escape).
    init(encoded body: String) throws(Refusal) {
        // `+` and the separators are never part of an escape, so one decoding of the whole
        // body finds the broken escapes of every name and value.
        guard body.replacingOccurrences(of: "+", with: " ").removingPercentEncoding != nil else {
            throw .badEscape
        }
        fields = FormFields(encoded: body)
        if let repeated = fields.values.first(where: { $0.value.count > 1 })?.key { throw .repeatedName(repeated) }
    }

    /// Reads a form body of at most `limit` bytes; a body that is not a flat form is refused (400).
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
        fields.first(key)
    }
}
