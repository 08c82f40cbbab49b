public import AriannaWording

/// Why the back office's change to a ticket was refused, in Italian and English. Nothing was
/// written and nothing published when one of these is thrown.
public enum TicketChangeError: Error, Equatable, CustomStringConvertible {
    /// The change carries no version: without it nobody can tell whether it overwrites another.
    case versionMissing
    /// Someone else changed the ticket after the user loaded it.
    case staleVersion(number: String, sent: Int, current: Int)
    /// The ticket is closed or cancelled: its life is over.
    case notOpen(number: String, state: TicketState)
    /// The change itself is wrong (unknown state or group, bad field…), one line per problem.
    case invalid([Wording])

    /// The refusal in both languages, for pages, the JSON API and tests.
    public var wording: Wording {
        switch self {
        case .versionMissing:
            Wording(
                it:
                    "Manca la versione del ticket (campo version o intestazione If-Match): ricarica il ticket e riprova.",
                en:
                    "The ticket's version is missing (version field or If-Match header): reload the ticket and try again."
            )
        case .staleVersion(let number, let sent, let current):
            Wording(
                it:
                    "Qualcun altro ha modificato il ticket \(number) nel frattempo (versione \(current), la tua era \(sent)): ricarica la pagina e rifai la modifica. Non è stato salvato nulla.",
                en:
                    "Someone else changed ticket \(number) meanwhile (version \(current), yours was \(sent)): reload the page and make your change again. Nothing was saved."
            )
        case .notOpen(let number, .cancelled):
            Wording(
                it: "Il ticket \(number) è già annullato: non si può più modificare.",
                en: "Ticket \(number) is already cancelled: it cannot be changed any more.")
        case .notOpen(let number, _):
            Wording(
                it: "Il ticket \(number) è chiuso: non si può più modificare.",
                en: "Ticket \(number) is closed: it cannot be changed any more.")
        case .invalid(let problems):
            Wording(
                it: "La modifica non è valida: " + problems.map(\.it).joined(separator: " "),
                en: "The change is not valid: " + problems.map(\.en).joined(separator: " "))
        }
    }

    /// The English text, for logs.
    public var description: String { wording.en }
}
