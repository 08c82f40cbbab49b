public import AriannaWording

/// Why intake refused a request, in words a back-office user or an integrator can act on, in
/// Italian and English: pages and the JSON API answer in the request's language; the Kafka
/// replies and the email/CSV records keep the English text (`reasons`, `description`).
public enum IntakeError: Error, Equatable, CustomStringConvertible {
    case invalidTicket([Wording])
    case unknownActivityType(String)
    case activityTypeNotACall(String)
    case ticketNotFound(String)

    /// One sentence per problem, in `language`, for replies that list them separately.
    public func reasons(in language: PageLanguage) -> [String] {
        if case .invalidTicket(let problems) = self { return problems.map { $0.text(language) } }
        return [description(in: language)]
    }

    /// Every problem in both languages (one for the errors that are not a list).
    public var problems: [Wording] {
        if case .invalidTicket(let problems) = self { return problems }
        return [wording]
    }

    /// The English reasons (Kafka replies, records).
    public var reasons: [String] { reasons(in: .en) }

    public func description(in language: PageLanguage) -> String {
        wording.text(language)
    }

    public var description: String { description(in: .en) }

    private var wording: Wording {
        switch self {
        case .invalidTicket(let problems):
            Wording(
                it: "Il ticket non può essere aperto: " + problems.map(\.it).joined(separator: " "),
                en: "The ticket cannot be opened: " + problems.map(\.en).joined(separator: " "))
        case .unknownActivityType(let code):
            Wording(
                it: "Non esiste un tipo di attività attivo con codice '\(code)'.",
                en: "There is no active activity type with code '\(code)'.")
        case .activityTypeNotACall(let code):
            Wording(
                it: "Il tipo di attività '\(code)' non è una chiamata, quindi non può aprire un ticket.",
                en: "Activity type '\(code)' is not a call type, so it cannot open a ticket.")
        case .ticketNotFound(let id):
            Wording(it: "Non esiste il ticket '\(id)'.", en: "There is no ticket '\(id)'.")
        }
    }
}
