public import Foundation
public import Hummingbird

/// One cell of an export: text, a number, an amount in cents, or a moment.
public enum SpreadsheetCell: Sendable, Equatable {
    /// Words, written as they are.
    case text(String)
    /// A quantity or a count, a number in the workbook.
    case number(Double)
    /// An amount, kept in cents and written in euros.
    case euros(cents: Int)
    /// A moment in the company's time zone; nil leaves the cell empty.
    case dateTime(Date?)
}

/// The rows of an export, written as CSV (`SpreadsheetCSV`) or XLSX (`SpreadsheetXLSX`): the
/// route's extension picks the format, the controller only fills the table.
public struct SpreadsheetTable: Sendable {
    /// The workbook's sheet name (XLSX only).
    public let sheetName: String
    /// The column titles, first row of the export.
    public let header: [String]
    /// The rows after the header, in the order the controller added them.
    public private(set) var rows: [[SpreadsheetCell]] = []
    /// Moments are written in this zone (the company's).
    public let timeZone: TimeZone

    /// An export with its header and no rows yet.
    public init(sheetName: String, header: [String], timeZone: TimeZone) {
        self.sheetName = sheetName
        self.header = header
        self.timeZone = timeZone
    }

    /// Adds one row, one cell per header column.
    public mutating func append(_ row: [SpreadsheetCell]) {
        rows.append(row)
    }

    /// The CSV for Italian Excel.
    public var csv: SpreadsheetCSV {
        var file = SpreadsheetCSV(header: header)
        for row in rows {
            file.append(
                row.map { cell in
                    switch cell {
                    case .text(let text): text
                    case .number(let value): Self.decimalComma(value)
                    case .euros(let cents): SpreadsheetCSV.euros(cents: cents)
                    case .dateTime(let date): SpreadsheetCSV.dateTime(date, timeZone: timeZone)
                    }
                })
        }
        return file
    }

    /// A number with a decimal comma and no thousands separator (`12,5`, `60`).
    static func decimalComma(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15
            ? String(Int(value)) : String(value).replacingOccurrences(of: ".", with: ",")
    }

    /// The download: `<baseName>.xlsx` when the request's path ends in `.xlsx`, else `<baseName>.csv`.
    public func response(for request: Request, baseName: String) throws -> Response {
        if request.uri.path.hasSuffix(".xlsx") {
            return try SpreadsheetXLSX.response(self, fileName: baseName + ".xlsx")
        }
        return csv.response(fileName: baseName + ".csv")
    }
}
