/// What became of one email: the value recorded (as text) in `mailMessage.outcome` and logged.
enum MailOutcome: Sendable, Equatable {
    /// A ticket was opened; `newCustomer` when the sender was not a known customer.
    case opened(ticketID: String, number: String, newCustomer: Bool)
    /// The message key was already recorded: nothing opened again (a second delivery, or a
    /// crash between the commit and the move out of `new/`).
    case alreadyProcessed(recorded: String, ticketID: String?)
    /// Recorded and set aside in `rejected/`; never tried again.
    case rejected(String)

    /// The text stored in `mailMessage.outcome`.
    var recorded: String {
        switch self {
        case .opened(_, _, let newCustomer): newCustomer ? "opened: new customer" : "opened"
        case .alreadyProcessed(let recorded, _): recorded
        case .rejected(let reason): "rejected: \(reason)"
        }
    }

    /// Whether the file belongs in `rejected/` rather than `cur/`.
    var isRejection: Bool { recorded.hasPrefix("rejected") }
}
