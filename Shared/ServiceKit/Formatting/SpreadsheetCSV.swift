public import Foundation
public import Hummingbird

/// A CSV file that Italian Excel opens with a double click, letters intact: `;` separated
/// (Excel's list separator where the decimal mark is a comma), UTF-8 with a byte-order mark
/// (without the BOM Excel reads the bytes as Windows-1252 and `Caffè` becomes `CaffÃ¨`; with
/// it no import prompt is needed, and every character, not only Western ones, survives), CRLF
/// line ends, fields quoted when they hold `;`, `"` or a line break. A text cell starting with
/// `=`, `+`, `-` or `@` gets a leading apostrophe, so a customer's name is never run as a
/// formula. Numbers use the decimal comma, dates `dd/mm/yyyy hh:mm` in the company's zone.
public struct SpreadsheetCSV: Sendable {
    /// The file so far.
    public private(set) var bytes: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// A file whose first row is `header`.
    public init(header: [String]) {
        append(header)
    }

    /// Adds one row.
    public mutating func append(_ row: [String]) {
        bytes += Array(row.map(Self.field).joined(separator: ";").utf8) + [13, 10]
    }

    /// One CSV field, quoted when it holds a separator, a quote or a line break.
    static func field(_ value: String) -> String {
        var text = value
        if let first = text.first, "=+-@".contains(first), Double(text.replacingOccurrences(of: ",", with: ".")) == nil
        {
            text = "'" + text
        }
        guard text.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else {
            return text
        }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Cents as euros with a decimal comma: `123456` → `1234,56`.
    public static func euros(cents: Int) -> String {
        let sign = cents < 0 ? "-" : ""
        let value = abs(cents)
        return "\(sign)\(value / 100)," + String(format: "%02d", value % 100)
    }

    /// `dd/mm/yyyy hh:mm` in `timeZone`, which Italian Excel reads as a date.
    public static func dateTime(_ date: Date?, timeZone: TimeZone) -> String {
        guard let date else { return "" }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(
            format: "%02d/%02d/%04d %02d:%02d", parts.day ?? 0, parts.month ?? 0, parts.year ?? 0,
            parts.hour ?? 0, parts.minute ?? 0)
    }

    /// The file as a download named `fileName`.
    public func response(fileName: String) -> Response {
        Response(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8",
                .contentDisposition: "attachment; filename=\"\(fileName)\"",
                .cacheControl: "private, no-store"
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
