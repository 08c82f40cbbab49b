public import AriannaWording

/// Why intake refused a request, in words a back-office user or an integrator can act on, in
/// Italian and English: pages and the JSON API answer in the request's language; the Kafka
/// replies and the email/CSV records keep the English text (`reasons`, `description`).
public enum IntakeError: Error, Equatable, CustomStringConvertible {
    /// The request has problems of its own or does not fit the setup data; every problem, each
    /// naming its field.
    case invalidTicket([Wording])
    /// No active activity type has the code the request gives.
    case unknownActivityType(String)
    /// The type is an appointment type: those tickets come only from follow-up rules.
    case activityTypeNotACall(String)
    /// No ticket has this id.
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

    /// The whole refusal as one sentence in `language`.
    public func description(in language: PageLanguage) -> String {
        wording.text(language)
    }

    /// The refusal in English: logs, Kafka replies, the email and CSV records.
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
