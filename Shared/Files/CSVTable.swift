public import AriannaWording

/// A hand-written RFC 4180 reader (SwiftCSV 0.10.0 and CSV.swift 2.5.2, the CSV packages at
/// hand, were measured and left out in issue 8: both accept an unclosed quote silently, number
/// no records, keep blank lines and CRLF inside quotes, and were 5–11 times slower on 10,000
/// rows — see the README's "Files" section): `,`, `;` or tab separated (whichever the header line uses
/// most; a tab is what Excel's "Unicode text" writes), fields optionally in double
/// quotes, `""` for a quote inside quotes, separators and line breaks allowed inside quotes,
/// CRLF or LF line ends (CRLF inside a quoted field becomes LF), a UTF-8 byte-order mark
/// ignored, blank lines skipped.
///
/// Works on UTF-8 bytes (intake's import decodes the file with `CSVTextEncoding` first): the
/// separators and quotes are ASCII, so the text passes through intact. The one CSV reader of the
/// project: intake's ticket import and billing's article import both read through it.
public struct CSVTable: Sendable, Equatable {
    /// One record and its position in the file (1 = the header), as a spreadsheet numbers rows
    /// when no field spans lines.
    public struct Record: Sendable, Equatable {
        /// The record's row number, for the refusal that names the row to fix.
        public let number: Int
        /// The record's values, in the header's column order, unquoted.
        public let fields: [String]
    }

    /// The separator the file uses (`;` as Excel writes it in Italy, or `,`), found from the header.
    public let separator: UInt8
    /// The column names of the first record.
    public let header: [String]
    /// Every record after the header, numbered as the file's lines for error messages.
    public let records: [Record]

    /// Why the file cannot be read as a table.
    public enum Problem: Error, Equatable, CustomStringConvertible {
        /// No record at all: not even a header naming the columns.
        case empty
        /// A quoted field opened in `record` runs to the end of the file.
        case unterminatedQuote(record: Int)
        /// More data records than the import takes at once.
        case tooManyRows(limit: Int)

        /// The refusal in English, for logs.
        public var description: String { wording.en }

        /// The refusal in Italian and English, for the page or the API.
        public var wording: Wording {
            switch self {
            case .empty:
                Wording(
                    it: "Il file è vuoto: la prima riga deve indicare i nomi delle colonne.",
                    en: "The file is empty: the first line must name the columns.")
            case .unterminatedQuote(let record):
                Wording(
                    it: "La riga \(record) apre un campo tra virgolette che non viene mai chiuso (manca un \").",
                    en: "Row \(record) opens a quoted field that is never closed (a \" is missing).")
            case .tooManyRows(let limit):
                Wording(
                    it: "Il file ha più di \(limit) righe; dividilo in file più piccoli.",
                    en: "The file has more than \(limit) rows; split it into smaller files.")
            }
        }
    }

    /// Parses `bytes`; `rowLimit` bounds the data records (the header is not counted).
    public init(bytes: [UInt8], rowLimit: Int = .max) throws(Problem) {
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        let separator = Self.detectSeparator(bytes[start...])
        var records: [Record] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var fieldWasQuoted = false
        var number = 1
        var index = start
        let quote = UInt8(ascii: "\"")
        let cr = UInt8(ascii: "\r")
        let lf = UInt8(ascii: "\n")

        func endRecord() throws(Problem) {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            fieldWasQuoted = false
            let isBlank = fields.count == 1 && fields[0].allSatisfy { $0 == " " || $0 == "\t" }
            if !isBlank {
                if records.count > rowLimit { throw .tooManyRows(limit: rowLimit) }  // header + rowLimit
                records.append(Record(number: number, fields: fields))
                number += 1
            }
            fields.removeAll(keepingCapacity: true)
        }

        while index < bytes.count {
            let byte = bytes[index]
            if inQuotes {
                if byte == quote {
                    if index + 1 < bytes.count, bytes[index + 1] == quote {
                        field.append(quote)
                        index += 2
                        continue
                    }
                    inQuotes = false
                } else if byte == cr, index + 1 < bytes.count, bytes[index + 1] == lf {
                    // CRLF inside a quoted field is kept as LF, so the same file saved on
                    // Windows or Unix gives the same values (and idempotency keys).
                } else {
                    field.append(byte)
                }
            } else if byte == quote && field.allSatisfy({ $0 == UInt8(ascii: " ") }) && !fieldWasQuoted {
                field.removeAll(keepingCapacity: true)
                inQuotes = true
                fieldWasQuoted = true
            } else if byte == separator {
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
                fieldWasQuoted = false
            } else if byte == lf || byte == cr {
                if byte == cr, index + 1 < bytes.count, bytes[index + 1] == lf { index += 1 }
                try endRecord()
            } else {
                field.append(byte)
            }
            index += 1
        }
        if inQuotes { throw .unterminatedQuote(record: number) }
        if !field.isEmpty || !fields.isEmpty { try endRecord() }
        guard let first = records.first else { throw .empty }
        self.separator = separator
        self.header = first.fields
        self.records = Array(records.dropFirst())
    }

    /// The separator the first line uses most outside quotes: `;` or a tab when either beats
    /// the commas, else `,`.
    public static func detectSeparator(_ bytes: ArraySlice<UInt8>) -> UInt8 {
        var commas = 0
        var semicolons = 0
        var tabs = 0
        var inQuotes = false
        for byte in bytes {
            if byte == UInt8(ascii: "\"") { inQuotes.toggle() }
            if inQuotes { continue }
            if byte == UInt8(ascii: "\n") { break }
            if byte == UInt8(ascii: ",") { commas += 1 }
            if byte == UInt8(ascii: ";") { semicolons += 1 }
            if byte == UInt8(ascii: "\t") { tabs += 1 }
        }
        if tabs > commas && tabs > semicolons { return UInt8(ascii: "\t") }
        return semicolons > commas ? UInt8(ascii: ";") : UInt8(ascii: ",")
    }

    /// The separator as the import report shows it.
    public var separatorName: String { separator == UInt8(ascii: "\t") ? "\\t" : String(UnicodeScalar(separator)) }
}
