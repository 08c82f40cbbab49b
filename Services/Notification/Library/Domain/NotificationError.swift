package import AriannaWording

/// Why notification refused a request, in words a back-office user can act on, in Italian and
/// English. `Web/NotificationErrorMapping.swift` gives each one its HTTP status.
package enum NotificationError: Error, Equatable {
    /// No email with this id, or one about a ticket of a practice the caller does not see (R4).
    case emailNotFound(String)
    /// "Send again" asked for an email that did not fail (queued, retrying or sent).
    case emailNotFailed
    /// "Send again" asked for a failed email whose recipient address is not usable.
    case emailWithoutAddress
    /// No email template of this kind (`EmailKind`).
    case templateNotFound(String)
    /// No event of this name (`NotificationTrigger`) whose recipients can be chosen.
    case triggerNotFound(String)
    /// A template pair that does not pass `TemplateCheck`; the wording says why.
    case templateRefused(Wording)
    /// A recipient setting naming someone the trigger's email cannot reach.
    case recipientNotAllowed(name: String, trigger: String, allowed: [String])
    /// The recipients form posted a field that is neither a trigger's recipient nor the type.
    case unknownField(String)
    /// A recipient setting without its activity type (query or form field `activityTypeID`).
    case activityTypeMissing
    /// A template override without its activity type (body field `activityTypeID`).
    case templateActivityTypeMissing
    /// Removing a template override without naming its activity type (`?activityTypeID=`).
    case activityTypeIDMissing

    /// The sentence the caller reads, in `language` (English unless asked).
    package func message(language: PageLanguage = .en) -> String {
        wording.text(language)
    }

    /// Both languages of ``message(language:)``.
    package var wording: Wording {
        switch self {
        case .emailNotFound(let id):
            Wording(it: "Non c'è nessuna email '\(id)'.", en: "There is no email '\(id)'.")
        case .emailNotFailed:
            Wording(
                it: "Si può inviare di nuovo solo un'email non inviata.", en: "Only a failed email can be sent again.")
        case .emailWithoutAddress:
            Wording(
                it: "Questa email non ha un indirizzo valido: correggere il dato e attendere un nuovo evento.",
                en: "This email has no valid address: correct the data and wait for a new event.")
        case .templateNotFound(let name):
            Wording(it: "Nessun modello '\(name)'.", en: "There is no template '\(name)'.")
        case .triggerNotFound(let name):
            Wording(it: "Nessun evento '\(name)'.", en: "There is no event '\(name)'.")
        case .templateRefused(let wording):
            wording
        case .recipientNotAllowed(let name, let trigger, let allowed):
            Wording(
                it:
                    "'\(name)' non può ricevere le email di \(trigger): si può scegliere tra \(allowed.joined(separator: ", ")).",
                en: "'\(name)' cannot receive the \(trigger) emails: choose among \(allowed.joined(separator: ", ")).")
        case .unknownField(let name):
            Wording(it: "Campo sconosciuto '\(name)'.", en: "Unknown field '\(name)'.")
        case .activityTypeMissing:
            Wording(
                it: "Manca il tipo di attività (activityTypeID).", en: "The activity type (activityTypeID) is required."
            )
        case .templateActivityTypeMissing:
            Wording(it: "Manca il tipo di attività.", en: "The activity type is required.")
        case .activityTypeIDMissing:
            Wording(it: "Manca activityTypeID.", en: "activityTypeID is required.")
        }
    }
}
