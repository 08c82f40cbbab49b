public import AriannaProtocol
public import IntakeDomain
import ServiceKit

extension IntakeStore {
    /// Opens `requests` through the group commit the HTTP channel uses (``openTogether(_:)``, one
    /// transaction for the lot, each ticket validated, numbered and published as any other), for
    /// tools that fill a store in-process — the backlog benchmark opens the tickets whose
    /// appointments and interventions it then replays. Returns the tickets in the order asked.
    /// - Throws: the first refused request's `IntakeError`, or the store's fault.
    public func openTickets(_ requests: [NewTicket], channel: IntakeChannel) async throws -> [TicketView] {
        let results = await openTogether(requests.map { TicketOpening(request: $0, channel: channel) })
        return try results.map { try $0.get().ticket }
    }
}
