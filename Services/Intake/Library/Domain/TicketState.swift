/// Where a ticket is in its life: `open` until an intervention or a final state set by hand
/// closes it (`closed`), or the back office cancels it (`cancelled`). Stored in the ticket's
/// `state` column and named in the refusals of changes to a ticket that is no longer open.
public enum TicketState: String, Codable, Sendable {
    /// Open: waiting for or under work; closed: done; cancelled: called off by the back office.
    case open, closed, cancelled
}
