import ServiceKit

/// The words of the export buttons on the ticket list, in Italian and English.
enum TicketExportStrings {
    /// The export buttons' labels, in Italian and English.
    static let all = PageStrings([
        .it: ["exportCSV": "Esporta CSV (Excel)", "exportXLSX": "Esporta XLSX"],
        .en: ["exportCSV": "Export CSV (Excel)", "exportXLSX": "Export XLSX"]
    ])
}
