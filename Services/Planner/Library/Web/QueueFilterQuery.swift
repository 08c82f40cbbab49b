import Foundation
import Hummingbird
import ServiceKit

/// The queue's filters as query parameters, read the same way by `GET /api/queue`, `GET /board`
/// and `GET /api/board`: `zone`, `type` (activity type id), `practice`, `state` (activity state
/// id), `dueBefore`, `openedBefore` (a day, meaning up to its end, or a date-time), `customer`
/// (id or start of the name) and `q` (free text).
struct QueueFilterQuery: Sendable, Equatable {
    /// The parameter names, in the order links write them.
    static let names = ["zone", "type", "practice", "state", "dueBefore", "openedBefore", "customer", "q"]

    /// The longest free text or customer accepted: longer is a typo, not a search.
    static let maximumTextLength = 200

    /// The parameters as sent (trimmed, empty ones dropped), to write back into links and forms.
    var values: [String: String]

    /// Reads the parameters from `query`; anything unreadable is a 400 in the request's language.
    init(_ query: PlannerQuery) throws {
        var values: [String: String] = [:]
        let form = FormQuery.values(query.request)
        for name in Self.names {
            guard let value = form[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { continue }
            guard value.count <= Self.maximumTextLength else {
                throw query.badRequest(
                    Wording(
                        it: "\(name) è troppo lungo: al massimo \(Self.maximumTextLength) caratteri.",
                        en: "\(name) is too long: at most \(Self.maximumTextLength) characters."))
            }
            values[name] = value
        }
        self.values = values
        // Dates are checked now, so a bad one is refused before any read.
        _ = try filter(query)
    }

    /// No filter at all.
    init() { values = [:] }

    /// The filter for the store; dates in the company's time zone (a day means up to its end).
    func filter(_ query: PlannerQuery, visiblePractices: [String]? = nil) throws -> QueueFilter {
        QueueFilter(
            zone: values["zone"], activityTypeID: values["type"], practiceID: values["practice"],
            stateID: values["state"],
            dueBefore: try query.instant("dueBefore", endOfDay: true),
            openedBefore: try query.instant("openedBefore", endOfDay: true),
            customer: values["customer"], text: values["q"], visiblePractices: visiblePractices)
    }

    /// `name=value` pairs of the set filters, in `names` order.
    var items: [(String, String)] {
        Self.names.compactMap { name in values[name].map { (name, $0) } }
    }
}
