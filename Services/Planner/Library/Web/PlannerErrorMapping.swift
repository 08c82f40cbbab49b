import Foundation
import Hummingbird
import PlannerDomain
import ServiceKit

/// Turns the planner's domain errors into HTTP errors carrying their plain-words message, so
/// every controller answers the same status for the same refusal: 404 for something unknown,
/// 409 for a conflict with what is stored (a refused drop, a clashing absence), 422 for input
/// that breaks a rule.
enum PlannerErrorMapping {
    /// Runs `work`, rethrowing planner errors as HTTP errors with their message in `timeZone`
    /// and in the language of `request` (`PageLanguage.of`: the user's setting, the `lang`
    /// cookie, then `Accept-Language`).
    static func mapped<T>(_ request: Request, in timeZone: TimeZone, _ work: () async throws -> T) async throws -> T {
        try await mapped(in: timeZone, language: PageLanguage.of(request), work)
    }

    /// Runs `work`, rethrowing planner errors as HTTP errors with their message in `language`.
    static func mapped<T>(
        in timeZone: TimeZone, language: PageLanguage, _ work: () async throws -> T
    ) async throws -> T {
        do {
            return try await work()
        } catch let error as PlannerError {
            let status: HTTPResponse.Status =
                switch error {
                case .refused, .ticketNotUnscheduled, .appointmentCancelled: .conflict
                case .ticketNotFound, .appointmentNotFound: .notFound
                case .missingField: .unprocessableContent
                }
            throw HTTPError(status, message: error.message(in: timeZone, language: language))
        } catch let error as AvailabilityError {
            let status: HTTPResponse.Status =
                switch error.kind {
                case .notFound: .notFound
                case .conflict: .conflict
                case .invalid: .unprocessableContent
                }
            throw HTTPError(status, message: error.message(in: timeZone, language: language))
        }
    }
}
