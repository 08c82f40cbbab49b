package import AriannaFiles
package import AriannaWording

/// Why a whole file was refused before any row was imported, in Italian and English
/// (`message(_:)` for the request's language; `description` is the English).
package enum CSVImportError: Error, Equatable, CustomStringConvertible {
    /// The file is bigger than one import takes.
    case tooLarge(limitBytes: Int)
    /// The file is not well-formed CSV (an unclosed quote…).
    case unreadable(CSVTable.Problem)
    /// The header lacks columns every row needs.
    case missingColumns([String])
    /// The upload carried no file.
    case noFile
    /// Not text in any encoding the import reads (a binary file: NULs, control characters).
    case notText
    /// A byte-order mark named an encoding the bytes do not follow.
    case badEncoding(CSVTextEncoding)

    /// The refusal in English (logs).
    package var description: String { message(.en) }

    /// The refusal in `language`, for the page or the API.
    package func message(_ language: PageLanguage) -> String { wording.text(language) }

    private var wording: Wording {
        switch self {
        case .tooLarge(let limit):
            Wording(
                it: "Il file supera \(limit / 1_048_576) MB; dividilo in file più piccoli.",
                en: "The file is larger than \(limit / 1_048_576) MB; split it into smaller files.")
        case .unreadable(let problem): problem.wording
        case .missingColumns(let names):
            Wording(
                it:
                    "Nella riga di intestazione manca\(names.count > 1 ? "no le colonne" : " la colonna") \(names.joined(separator: ", ")). "
                    + "Colonne previste: \(CSVTicketColumns.known.joined(separator: ", ")) (più i campi personalizzati).",
                en: "The header row lacks the column\(names.count > 1 ? "s" : "") \(names.joined(separator: ", ")). "
                    + "Expected: \(CSVTicketColumns.known.joined(separator: ", ")) (plus custom fields).")
        case .noFile:
            Wording(
                it:
                    "Non è stato inviato nessun file: scegli un file CSV (o invia il CSV come corpo, Content-Type text/csv).",
                en: "No file was sent: choose a CSV file (or send the CSV as the body, Content-Type text/csv).")
        case .notText:
            Wording(
                it:
                    "Il file non è un testo CSV (contiene caratteri binari): salvalo da Excel come \"CSV (delimitato dal separatore di elenco)\" o \"CSV UTF-8\". Nessun ticket è stato importato.",
                en:
                    "The file is not CSV text (it holds binary characters): save it from Excel as \"CSV (comma delimited)\" or \"CSV UTF-8\". No ticket was imported."
            )
        case .badEncoding(let encoding):
            Wording(
                it:
                    "Il file dichiara la codifica \(encoding.rawValue) ma non la rispetta. Nessun ticket è stato importato.",
                en:
                    "The file declares the encoding \(encoding.rawValue) but does not follow it. No ticket was imported."
            )
        }
    }

    /// 413 for size limits, 422 for content the import cannot read.
    package var isTooLarge: Bool {
        switch self {
        case .tooLarge, .unreadable(.tooManyRows): true
        default: false
        }
    }
}
