import AriannaProtocol
import Foundation
import GRDB
import IntakeDomain
import ServiceKit

/// One ticket to open in a group: what the caller sent and the channel it came through.
struct TicketOpening: Sendable {
    /// The ticket as the caller sent it.
    var request: NewTicket
    /// The channel it came through.
    var channel: IntakeChannel
}

/// What one opening of a group came to: the ticket (and whether it is new), or why it was refused.
typealias TicketOpeningResult = Result<(ticket: TicketView, created: Bool), any Error>

extension IntakeStore {
    /// Opens several tickets in one write transaction (a group commit), each in its own savepoint:
    /// a refused ticket (`IntakeError`) rolls back only its own savepoint and is answered alone with
    /// its reasons, the others commit together. A second request with an idempotency key already
    /// used in the group (or before) gets the ticket the first opened, with `created` false. The
    /// results come back only after the commit, in the order of `openings`. Any other fault (disk,
    /// busy, a constraint) rolls the whole group back and each ticket is then opened on its own,
    /// so one fault cannot cost the others their ticket and nothing is half-written.
    func openTogether(_ openings: [TicketOpening]) async -> [TicketOpeningResult] {
        let clock = self.clock
        let ids = self.ids
        let settings = self.settings
        do {
            return try await database.write { [outbox] db in
                try openings.map { opening -> TicketOpeningResult in
                    var opened: (ticket: TicketView, created: Bool)?
                    do {
                        try db.inSavepoint {
                            opened = try Self.open(
                                opening.request, channel: opening.channel, at: clock.now(), ids: ids, outbox: outbox,
                                correlationID: nil, settings: settings, in: db)
                            return .commit
                        }
                    } catch let refused as IntakeError {
                        return .failure(refused)
                    }
                    guard let opened else { throw IntakeStoreFault.savepointWithoutResult }
                    return .success(opened)
                }
            }
        } catch {
            var results: [TicketOpeningResult] = []
            for opening in openings {
                do {
                    results.append(.success(try await openTicket(opening.request, channel: opening.channel)))
                } catch {
                    results.append(.failure(error))
                }
            }
            return results
        }
    }
}

/// A fault of intake's own code, never of the caller's request.
enum IntakeStoreFault: Error {
    /// A savepoint committed without leaving its ticket behind.
    case savepointWithoutResult
}
