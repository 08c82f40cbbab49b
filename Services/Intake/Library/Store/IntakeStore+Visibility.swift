import Foundation
import IntakeDomain

extension IntakeStore {
    /// The ticket, when `practices` (the caller's, nil for every practice) include its practice
    /// (R4). Another practice's ticket throws ``IntakeError/ticketNotFound(_:)`` exactly like an
    /// unknown id, so the answer does not tell an outsider that it exists.
    public func ticket(id: String, visibleTo practices: [String]?) async throws -> TicketView {
        let ticket = try await ticket(id: id)
        if let practices, let practice = ticket.practiceID, !practices.contains(practice) {
            throw IntakeError.ticketNotFound(id)
        }
        return ticket
    }
}
