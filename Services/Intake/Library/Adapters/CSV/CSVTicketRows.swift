import AriannaFiles
import Crypto
import Foundation
import IntakeDomain
import ServiceKit

/// Turns the rows of an import file into ticket requests (pure: no I/O).
///
/// Columns, matched without regard to case (spaces and hyphens count as `_`): `activity_type`,
/// `customer_name`, `customer_email`, `site_zone`, `description`, `due_date`, `external_id`;
/// any other column is a custom field of the row's activity type (its key matched to the
/// type's layout without regard to case; empty cells are left out). As Italian spreadsheets
/// write them, a number field may have a decimal comma (`1.234,5`) and a date field
/// `dd/mm/yyyy`; both are stored in the layout's form (`1234.5`, `yyyy-MM-dd`).
///
/// A row's idempotency key is `csv:<external_id>`, else `csv:<SHA-256 of the normalised row>`
/// (column names lower-cased and sorted, values trimmed), so importing the same file again
/// finds the tickets it opened the first time.
struct CSVTicketRows {
    /// One data row, ready for `IntakeStore.open`, with the problems found before the store.
    struct Row: Sendable {
        /// The row's number in the file (the header is 1).
        let number: Int
        /// The ticket the row asks for, with its idempotency key.
        let ticket: NewTicket
        /// What is wrong with the row before the store sees it (a bad date…).
        let problems: [Wording]
    }

    /// The file, read.
    let table: CSVTable
    /// Custom fields of each activity type's layout, by type code then lower-cased key.
    let layouts: [String: [String: LayoutField]]
    /// The company's time zone: a due date is 17:00 local time of that day.
    let timeZone: TimeZone

    /// Column names as the file has them, normalised.
    var columns: [String] { table.header.map(Self.normalise) }

    /// A column name as matched: trimmed, lower case, spaces and hyphens as `_`.
    static func normalise(_ name: String) -> String {
        name.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            .replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")
    }

    /// Throws when the header lacks a required column.
    func checkHeader() throws(CSVImportError) {
        let missing = CSVTicketColumns.required.filter { !columns.contains($0) }
        if !missing.isEmpty { throw .missingColumns(missing) }
    }

    /// Every data row as a ticket request.
    func rows() -> [Row] {
        let columns = self.columns
        return table.records.map { record in
            var problems: [Wording] = []
            if record.fields.count != columns.count {
                problems.append(
                    Wording(
                        it: "la riga ha \(record.fields.count) campi ma l'intestazione ha \(columns.count) colonne.",
                        en: "the row has \(record.fields.count) fields but the header has \(columns.count) columns."))
            }
            var cells: [String: String] = [:]
            var extra: [(name: String, value: String)] = []
            for (index, name) in columns.enumerated() {
                let value =
                    index < record.fields.count
                    ? record.fields[index].trimmingCharacters(in: .whitespacesAndNewlines) : ""
                if CSVTicketColumns.known.contains(name) {
                    cells[name] = value
                } else if !value.isEmpty {
                    extra.append((table.header[index].trimmingCharacters(in: .whitespaces), value))
                }
            }
            let type = (cells["activity_type"] ?? "").uppercased()
            let fields = layouts[type] ?? [:]
            var customFields: [String: String] = [:]
            for (name, value) in extra {
                if let field = fields[name.lowercased()] {
                    customFields[field.key] = Self.layoutValue(value, kind: field.kind)
                } else {
                    customFields[name] = value
                }
            }
            var dueAt: Date?
            if let text = cells["due_date"], !text.isEmpty {
                dueAt = Self.dueDate(text, timeZone: timeZone)
                if dueAt == nil {
                    problems.append(
                        Wording(
                            it:
                                "due_date '\(text)' non è una data: scrivi 2026-03-31, 31/03/2026 o 2026-03-31T09:00:00Z.",
                            en:
                                "due_date '\(text)' is not a date: write 2026-03-31, 31/03/2026 or 2026-03-31T09:00:00Z."
                        ))
                }
            }
            let email = cells["customer_email"].flatMap { $0.isEmpty ? nil : $0 }
            let externalID = cells["external_id"].flatMap { $0.isEmpty ? nil : $0 }
            let key = externalID.map { "csv:\($0)" } ?? "csv:" + Self.digest(of: columns, record.fields)
            let ticket = NewTicket(
                activityTypeCode: type, customer: .init(name: cells["customer_name"] ?? "", email: email),
                siteZone: cells["site_zone"].flatMap { $0.isEmpty ? nil : $0 }, description: cells["description"] ?? "",
                customFields: customFields, dueAt: dueAt, idempotencyKey: key)
            return Row(number: record.number, ticket: ticket, problems: problems)
        }
    }

    /// A day (`yyyy-MM-dd` or `dd/MM/yyyy`) falls due at 17:00 in the company's time zone, as on
    /// the call-centre page; an RFC 3339 date-time is taken as written.
    static func dueDate(_ text: String, timeZone: TimeZone) -> Date? {
        if text.contains("T"), let instant = APIJSON.parse(text) { return instant }
        var parts: [Int]
        if text.contains("/") {
            parts = text.split(separator: "/").compactMap { Int($0) }
            guard parts.count == 3 else { return nil }
            parts = [parts[2], parts[1], parts[0]]
        } else {
            parts = text.split(separator: "-").compactMap { Int($0) }
        }
        guard parts.count == 3, (1...12).contains(parts[1]), (1...31).contains(parts[2]), parts[0] >= 1900 else {
            return nil
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let components = DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: 17)
        guard let date = calendar.date(from: components),
            calendar.component(.day, from: date) == parts[2]
        else { return nil }  // no 31 February
        return date
    }

    /// A cell in the layout's own form: `1.234,5` → `1234.5` for a number with a decimal comma,
    /// `31/03/2026` → `2026-03-31` for a date; anything else as written (the layout check
    /// reports it if it is wrong).
    static func layoutValue(_ value: String, kind: LayoutField.Kind) -> String {
        switch kind {
        case .number where value.contains(","):
            let plain = value.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: ".")
            return Double(plain) == nil ? value : plain
        case .date where value.contains("/"):
            let parts = value.split(separator: "/").map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 3, parts[2].count == 4, let day = Int(parts[0]), let month = Int(parts[1]),
                Int(parts[2]) != nil
            else { return value }
            return parts[2] + String(format: "-%02d-%02d", month, day)
        default:
            return value
        }
    }

    /// SHA-256 (hex) of the row with its column names: sorted `name=value` pairs, values trimmed.
    static func digest(of columns: [String], _ fields: [String]) -> String {
        let pairs = columns.enumerated().map { index, name in
            "\(name)=\(index < fields.count ? fields[index].trimmingCharacters(in: .whitespacesAndNewlines) : "")"
        }.sorted()
        return SHA256.hash(data: Array(pairs.joined(separator: "\u{1F}").utf8)).map { String(format: "%02x", $0) }
            .joined()
    }
}
