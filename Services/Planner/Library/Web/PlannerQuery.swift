import Foundation
import Hummingbird
import PlannerDomain
import ServiceKit

/// Reading dates from query strings, the same way on every planner endpoint.
struct PlannerQuery {
    /// The request whose query string is read.
    let request: Request
    /// The company's: a bare day is its local midnight.
    let timeZone: TimeZone

    /// Reads `request`'s query with local days in `timeZone`.
    init(_ request: Request, timeZone: TimeZone) {
        self.request = request
        self.timeZone = timeZone
    }

    /// The language the request's refusals are written in.
    var language: PageLanguage { PageLanguage.of(request) }

    /// A 400 with `wording` in the request's language.
    func badRequest(_ wording: Wording) -> HTTPError {
        HTTPError(.badRequest, message: wording.text(language))
    }

    /// A string parameter, `nil` when absent or empty.
    func text(_ name: String) -> String? {
        guard let value = request.uri.queryParameters.get(name), !value.isEmpty else { return nil }
        return value
    }

    /// A comma-separated list (`operatorID=a,b`), `nil` when absent.
    func list(_ name: String) -> [String]? {
        text(name).map {
            $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
    }

    /// An instant: an RFC 3339 date-time, or a local day ("2030-03-04") meaning its start —
    /// or, with `endOfDay`, its end (so `to=2030-03-10` includes the 10th).
    func instant(_ name: String, endOfDay: Bool = false) throws -> Date? {
        guard let value = text(name) else { return nil }
        if let day = LocalDate(value) {
            return (endOfDay ? day.adding(days: 1) : day).startInstant(in: timeZone)
        }
        guard let date = APIJSON.parse(value) else {
            throw badRequest(
                Wording(
                    it: "\(name) dev'essere una data come 2030-03-04 o una data e ora come 2030-03-04T09:00:00Z.",
                    en: "\(name) must be a date such as 2030-03-04 or a date-time such as 2030-03-04T09:00:00Z."))
        }
        return date
    }

    /// A local day.
    func day(_ name: String) throws -> LocalDate? {
        guard let value = text(name) else { return nil }
        guard let day = LocalDate(value) else {
            throw badRequest(
                Wording(
                    it: "\(name) dev'essere una data come 2030-03-04.", en: "\(name) must be a date such as 2030-03-04."
                ))
        }
        return day
    }

    /// A whole number in `range`, or `fallback` when absent.
    func integer(_ name: String, in range: ClosedRange<Int>, default fallback: Int) throws -> Int {
        guard let value = text(name) else { return fallback }
        guard let number = Int(value), range.contains(number) else {
            throw badRequest(
                Wording(
                    it: "\(name) dev'essere un numero intero da \(range.lowerBound) a \(range.upperBound).",
                    en: "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound)."))
        }
        return number
    }
}
