import AriannaProtocol
import Foundation
import IntakeDomain
import ServiceKit
import Synchronization

/// Group commit of the HTTP channel's tickets: concurrent `POST /api/tickets` are queued to one
/// writer, which opens up to `maxGroup` of them in one SQLite transaction
/// (``IntakeStore/openTogether(_:)``) while the next requests gather behind it. A lone request is
/// opened at once (no timer); under load one commit serves many tickets instead of one, which is
/// what bounds the channel's throughput on a small machine. Each caller is answered only after
/// the commit that holds its ticket, with its own result.
final class TicketOpeningGroups: Sendable {
    /// A queued opening and the caller waiting for its result.
    private struct Waiting: Sendable {
        /// The ticket to open.
        let opening: TicketOpening
        /// Resumed with the ticket's own result once its commit is done.
        let answer: CheckedContinuation<TicketOpeningResult, Never>
    }

    private struct Queue: Sendable {
        /// The openings not yet taken by the writer, oldest first.
        var waiting: [Waiting] = []
        /// Whether a writer task is draining the queue.
        var writing = false
    }

    /// Where the groups are opened.
    let store: IntakeStore
    /// The most tickets one transaction opens.
    let maxGroup: Int
    private let queue = Mutex(Queue())

    /// Groups of at most `maxGroup` tickets (at least one) in one transaction.
    init(store: IntakeStore, maxGroup: Int = 64) {
        self.store = store
        self.maxGroup = max(1, maxGroup)
    }

    /// Opens `request` in the next group; returns after its commit, as ``IntakeStore/openTicket(_:channel:correlationID:createdBy:)`` would.
    /// - Throws: the request's own `IntakeError`, or the store's fault.
    func open(_ request: NewTicket, channel: IntakeChannel) async throws -> (ticket: TicketView, created: Bool) {
        let result = await withCheckedContinuation { (answer: CheckedContinuation<TicketOpeningResult, Never>) in
            let startWriter = queue.withLock { queue -> Bool in
                queue.waiting.append(
                    Waiting(opening: TicketOpening(request: request, channel: channel), answer: answer))
                defer { queue.writing = true }
                return !queue.writing
            }
            if startWriter {
                Task { await self.write() }
            }
        }
        return try result.get()
    }

    /// Takes groups off the queue until it is empty; the requests arriving meanwhile form the next group.
    private func write() async {
        while true {
            let group = queue.withLock { queue -> [Waiting] in
                let group = Array(queue.waiting.prefix(maxGroup))
                queue.waiting.removeFirst(group.count)
                if group.isEmpty { queue.writing = false }
                return group
            }
            if group.isEmpty { return }
            let results = await store.openTogether(group.map(\.opening))
            for (waiting, result) in zip(group, results) {
                waiting.answer.resume(returning: result)
            }
        }
    }
}
