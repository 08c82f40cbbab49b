package import AriannaWording

/// Why files were not attached, in Italian and English. An upload with one bad file attaches
/// none of its files; an email's bad file is left out and named in the ticket's history.
package enum AttachmentError: Error, Equatable, CustomStringConvertible {
    /// The file's content is refused (empty, a program, an unknown kind).
    case refused(fileName: String, AttachmentContent.Refusal)
    /// The file is bigger than a ticket's attachment may be.
    case tooLarge(fileName: String, limitBytes: Int)
    /// The ticket would hold more files than allowed.
    case tooMany(limit: Int)
    /// The upload carried no file.
    case noFile

    /// The refusal in English (logs, the email's history line).
    package var description: String { message(.en) }

    /// The refusal in `language`, for the page or the API.
    package func message(_ language: PageLanguage) -> String { wording.text(language) }

    /// The refusal in both languages.
    package var wording: Wording {
        switch self {
        case .refused(let name, .executable):
            Wording(
                it:
                    "'\(name)' è un programma o uno script (riconosciuto dal contenuto, non dal nome): non viene allegato.",
                en: "'\(name)' is a program or a script (recognised by its content, not its name): it is not attached.")
        case .refused(let name, .empty):
            Wording(it: "'\(name)' è vuoto.", en: "'\(name)' is empty.")
        case .refused(let name, .unknownType):
            Wording(
                it:
                    "'\(name)' non è un tipo di file accettato: PDF, immagini (JPEG, PNG, GIF, WebP, HEIC, TIFF), testo, documenti Office o OpenDocument.",
                en:
                    "'\(name)' is not an accepted kind of file: PDF, images (JPEG, PNG, GIF, WebP, HEIC, TIFF), text, Office or OpenDocument documents."
            )
        case .tooLarge(let name, let limit):
            Wording(
                it: "'\(name)' supera \(limit / 1_048_576) MB.", en: "'\(name)' is larger than \(limit / 1_048_576) MB."
            )
        case .tooMany(let limit):
            Wording(
                it: "Un ticket può avere al massimo \(limit) allegati.",
                en: "A ticket may have at most \(limit) attachments.")
        case .noFile:
            Wording(
                it: "Nessun file inviato: scegli almeno un file.", en: "No file was sent: choose at least one file.")
        }
    }
}
