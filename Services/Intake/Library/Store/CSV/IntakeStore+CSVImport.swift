import AriannaFiles
import AriannaProtocol
import Foundation
import GRDB
import IntakeDomain
import ServiceKit

extension IntakeStore {
    /// Most bytes an import file may have.
    static let csvImportByteLimit = 5 * 1_048_576
    /// Most data rows an import file may have.
    static let csvImportRowLimit = 10_000

    /// Imports a CSV file of tickets (R10): each row is opened through `open` in its own
    /// transaction, so a bad row writes nothing and the other rows still import. Refuses the
    /// whole file (nothing imported) when it is too large, not text (see `CSVTextEncoding` for
    /// the encodings read), unreadable or lacks a column. The
    /// rows' reasons are in `language` (the request's).
    func importTickets(
        csv bytes: [UInt8], importedBy userID: String? = nil, language: PageLanguage = .en
    ) async throws -> CSVImportReport {
        guard bytes.count <= Self.csvImportByteLimit else {
            throw CSVImportError.tooLarge(limitBytes: Self.csvImportByteLimit)
        }
        let decoded: (text: String, encoding: CSVTextEncoding)
        do {
            decoded = try CSVTextEncoding.decode(bytes)
        } catch .notText {
            throw CSVImportError.notText
        } catch .badEncoding(let encoding) {
            throw CSVImportError.badEncoding(encoding)
        }
        let table: CSVTable
        do {
            table = try CSVTable(bytes: Array(decoded.text.utf8), rowLimit: Self.csvImportRowLimit)
        } catch {
            throw CSVImportError.unreadable(error)
        }
        let layouts = try await activityTypes().reduce(into: [String: [String: LayoutField]]()) { result, type in
            result[type.code.uppercased()] = Dictionary(type.layout.map { ($0.key.lowercased(), $0) }) { first, _ in
                first
            }
        }
        let rows = CSVTicketRows(table: table, layouts: layouts, timeZone: settings.timeZone)
        try rows.checkHeader()
        var report: [CSVImportReport.Row] = []
        for row in rows.rows() {
            report.append(try await importRow(row, importedBy: userID, language: language))
        }
        return CSVImportReport(rows: report, encoding: decoded.encoding.rawValue, separator: table.separatorName)
    }

    /// One row in one transaction. Problems found before the store (a bad date, a short row)
    /// are reported with the store's own: the row is still checked by `open`, and anything it
    /// wrote is rolled back.
    private func importRow(
        _ row: CSVTicketRows.Row, importedBy userID: String?, language: PageLanguage
    ) async throws -> CSVImportReport.Row {
        let now = clock.now()
        let ids = self.ids
        let settings = self.settings
        do {
            return try await database.write { [outbox] db in
                var problems = row.problems
                do {
                    let (ticket, created) = try Self.open(
                        row.ticket, channel: .csv, at: now, ids: ids, outbox: outbox, correlationID: nil,
                        settings: settings, createdBy: userID, in: db)
                    if problems.isEmpty {
                        return CSVImportReport.Row(
                            row: row.number, status: created ? .created : .alreadyImported,
                            ticketID: ticket.id, ticketNumber: ticket.number, reasons: [])
                    }
                } catch let error as IntakeError {
                    problems = error.problems + problems
                }
                throw IntakeError.invalidTicket(problems)  // rolls the row back
            }
        } catch let error as IntakeError {
            return CSVImportReport.Row(
                row: row.number, status: .rejected, ticketID: nil, ticketNumber: nil,
                reasons: error.reasons(in: language))
        }
    }
}
