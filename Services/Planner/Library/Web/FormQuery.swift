import Hummingbird
import ServiceKit

/// Query parameters the way an HTML form sends them (`application/x-www-form-urlencoded`): a
/// `+` is a space, `%2B` a plus. The board's filter form and group links carry free text (zones,
/// group and customer names), which the router's own reading would leave with `+` for spaces.
/// Read by ServiceKit's `FormFields`, the same reader as the pages' posted forms.
enum FormQuery {
    /// The first value of each parameter of `request`'s query.
    static func values(_ request: Request) -> [String: String] {
        guard let query = request.uri.query, !query.isEmpty else { return [:] }
        return FormFields(encoded: query).values.compactMapValues(\.first)
    }
}
