/// What a CSV import did, row by row: the API's JSON answer and the import page's table.
public struct CSVImportReport: Sendable, Codable, Equatable {
    public struct Row: Sendable, Codable, Equatable {
        public enum Status: String, Sendable, Codable {
            case created, alreadyImported, rejected
        }

        /// The row's number in the file (1 is the header, so data starts at 2).
        public var row: Int
        public var status: Status
        public var ticketID: String?
        public var ticketNumber: String?
        /// Every reason a rejected row was refused; empty otherwise.
        public var reasons: [String]
    }

    /// Data rows read (all of them: an import never stops half-way).
    public var processed: Int
    public var created: Int
    public var alreadyImported: Int
    public var rejected: Int
    public var rows: [Row]
    /// The text encoding the file was read in (`UTF-8`, `UTF-8 (BOM)`, `UTF-16 LE (BOM)`,
    /// `UTF-16 BE (BOM)`, `Windows-1252`), so the office sees how its file was understood.
    public var encoding: String
    /// The field separator found on the header line: `,`, `;` or a tab (`\t`).
    public var separator: String

    init(rows: [Row], encoding: String, separator: String) {
        self.rows = rows
        self.encoding = encoding
        self.separator = separator
        processed = rows.count
        created = rows.filter { $0.status == .created }.count
        alreadyImported = rows.filter { $0.status == .alreadyImported }.count
        rejected = rows.filter { $0.status == .rejected }.count
    }
}
