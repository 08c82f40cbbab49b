/// What a CSV import did, row by row: the API's JSON answer and the import page's table.
public struct CSVImportReport: Sendable, Codable, Equatable {
    /// What became of one data row of the file.
    public struct Row: Sendable, Codable, Equatable {
        /// Whether the row opened a ticket, had opened one in an earlier import (same key), or was
        /// refused.
        public enum Status: String, Sendable, Codable {
            /// Opened a ticket now, already opened by an earlier import, or refused.
            case created, alreadyImported, rejected
        }

        /// The row's number in the file (1 is the header, so data starts at 2).
        public var row: Int
        /// What became of the row.
        public var status: Status
        /// The ticket the row opened, or opened in an earlier import.
        public var ticketID: String?
        /// That ticket's number, e.g. `TCK/2026/000123`.
        public var ticketNumber: String?
        /// Every reason a rejected row was refused; empty otherwise.
        public var reasons: [String]

        /// What became of row `row`: its status, its ticket if any, and the reasons of a refusal.
        package init(row: Int, status: Status, ticketID: String?, ticketNumber: String?, reasons: [String]) {
            self.row = row
            self.status = status
            self.ticketID = ticketID
            self.ticketNumber = ticketNumber
            self.reasons = reasons
        }
    }

    /// Data rows read (all of them: an import never stops half-way).
    public var processed: Int
    /// Rows that opened a ticket now.
    public var created: Int
    /// Rows whose key an earlier import already used: nothing new was written.
    public var alreadyImported: Int
    /// Rows refused, each with its reasons.
    public var rejected: Int
    /// Every data row, in file order.
    public var rows: [Row]
    /// The text encoding the file was read in (`UTF-8`, `UTF-8 (BOM)`, `UTF-16 LE (BOM)`,
    /// `UTF-16 BE (BOM)`, `Windows-1252`), so the office sees how its file was understood.
    public var encoding: String
    /// The field separator found on the header line: `,`, `;` or a tab (`\t`).
    public var separator: String

    /// The report of `rows`, with the encoding and separator the file was read with; the counts
    /// follow from the rows.
    package init(rows: [Row], encoding: String, separator: String) {
        self.rows = rows
        self.encoding = encoding
        self.separator = separator
        processed = rows.count
        created = rows.filter { $0.status == .created }.count
        alreadyImported = rows.filter { $0.status == .alreadyImported }.count
        rejected = rows.filter { $0.status == .rejected }.count
    }
}
