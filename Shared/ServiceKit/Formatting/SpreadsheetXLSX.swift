import CXlsxWriter
import Foundation
import Hummingbird

/// An export as an Excel workbook, written by libxlsxwriter (Debian's `libxlsxwriter-dev`
/// through the `CXlsxWriter` module): no hand-written XML. Numbers and amounts are numbers,
/// moments are Excel dates (`dd/mm/yyyy hh:mm`), the header row is bold and frozen.
/// libxlsxwriter writes to a file, so the workbook goes through a temporary file.
public enum SpreadsheetXLSX {
    /// Why a workbook could not be written (libxlsxwriter's own message).
    public struct Failure: Error, CustomStringConvertible {
        /// libxlsxwriter's explanation, for the log.
        public let description: String
    }

    /// The media type an XLSX download is answered with.
    public static let contentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    /// The workbook's bytes.
    public static func bytes(_ table: SpreadsheetTable) throws -> [UInt8] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString).xlsx")
            .path
        defer { try? FileManager.default.removeItem(atPath: path) }
        guard let workbook = workbook_new(path) else {
            throw Failure(description: "libxlsxwriter could not create \(path)")
        }
        let sheet = worksheet(table.sheetName, in: workbook)
        let bold = workbook_add_format(workbook)
        format_set_bold(bold)
        let moment = workbook_add_format(workbook)
        format_set_num_format(moment, "dd/mm/yyyy hh:mm")
        let money = workbook_add_format(workbook)
        format_set_num_format(money, "#,##0.00")
        for (column, name) in table.header.enumerated() {
            worksheet_write_string(sheet, 0, lxw_col_t(column), name, bold)
        }
        worksheet_freeze_panes(sheet, 1, 0)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = table.timeZone
        for (index, row) in table.rows.enumerated() {
            let line = lxw_row_t(index + 1)
            for (column, cell) in row.enumerated() {
                let at = lxw_col_t(column)
                switch cell {
                case .text(let text):
                    worksheet_write_string(sheet, line, at, text, nil)
                case .number(let value):
                    worksheet_write_number(sheet, line, at, value, nil)
                case .euros(let cents):
                    worksheet_write_number(sheet, line, at, Double(cents) / 100, money)
                case .dateTime(let date):
                    guard let date else { continue }
                    let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
                    var value = lxw_datetime(
                        year: Int32(parts.year ?? 1900), month: Int32(parts.month ?? 1), day: Int32(parts.day ?? 1),
                        hour: Int32(parts.hour ?? 0), min: Int32(parts.minute ?? 0), sec: Double(parts.second ?? 0))
                    worksheet_write_datetime(sheet, line, at, &value, moment)
                }
            }
        }
        let result = workbook_close(workbook)
        guard result == LXW_NO_ERROR else {
            throw Failure(description: String(cString: lxw_strerror(result)))
        }
        return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// The worksheet, named `name` when Excel accepts it (≤ 31 characters, none of `[]:*?/\`).
    private static func worksheet(_ name: String, in workbook: UnsafeMutablePointer<lxw_workbook>)
        -> UnsafeMutablePointer<lxw_worksheet>?
    {
        let usable = name.count <= 31 && !name.contains(where: { "[]:*?/\\".contains($0) }) && !name.isEmpty
        return workbook_add_worksheet(workbook, usable ? name : nil)
    }

    /// The workbook as a download named `fileName`.
    static func response(_ table: SpreadsheetTable, fileName: String) throws -> Response {
        Response(
            status: .ok,
            headers: [
                .contentType: contentType,
                .contentDisposition: "attachment; filename=\"\(fileName)\"",
                .cacheControl: "private, no-store"
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: try bytes(table))))
    }
}
