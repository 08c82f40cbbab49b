/// Why a whole file was refused before any row was imported.
enum CSVImportError: Error, Equatable, CustomStringConvertible {
    case tooLarge(limitBytes: Int)
    case unreadable(CSVTable.Problem)
    case missingColumns([String])
    case noFile

    var description: String {
        switch self {
        case .tooLarge(let limit):
            "The file is larger than \(limit / 1_048_576) MB; split it into smaller files."
        case .unreadable(let problem): problem.description
        case .missingColumns(let names):
            "The header row lacks the column\(names.count > 1 ? "s" : "") \(names.joined(separator: ", ")). "
                + "Expected: \(CSVTicketRows.knownColumns.joined(separator: ", ")) (plus custom fields)."
        case .noFile: "No file was sent: choose a CSV file (or send the CSV as the body, Content-Type text/csv)."
        }
    }

    /// 413 for size limits, 422 for content the import cannot read.
    var isTooLarge: Bool {
        switch self {
        case .tooLarge, .unreadable(.tooManyRows): true
        default: false
        }
    }
}
