import ServiceKit

/// The words of the appointment page's files section in Italian and English (merged over
/// ``WebReportStrings``).
enum TicketFileStrings {
    /// Every key in both languages (a test checks none is missing).
    static let all = PageStrings([
        .it: [
            "ticketFiles": "File del ticket",
            "noTicketFiles": "Nessun file allegato al ticket."
        ],
        .en: [
            "ticketFiles": "Ticket files",
            "noTicketFiles": "No files attached to the ticket."
        ]
    ])
}
