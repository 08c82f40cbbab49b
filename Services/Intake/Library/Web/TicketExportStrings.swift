import ServiceKit

/// The words of the export button on the ticket list, in Italian and English.
enum TicketExportStrings {
    static let all = PageStrings([
        .it: ["exportCSV": "Esporta CSV (Excel)"],
        .en: ["exportCSV": "Export CSV (Excel)"],
    ])
}
