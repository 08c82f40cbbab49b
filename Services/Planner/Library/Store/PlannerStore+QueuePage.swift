public import Foundation
import GRDB

extension PlannerStore {
    /// One page of the unscheduled queue in a stable order (opened, then ticket id), starting
    /// after `after` (keyset pagination: a page stays right while tickets arrive or are scheduled).
    public func unscheduledCalls(after: QueuePosition?, limit: Int) async throws -> [QueueEntry] {
        try await database.read { db in
            var request = QueueEntry.filter(QueueEntry.Columns.state == QueueEntry.State.unscheduled.rawValue)
            if let after {
                request = request.filter(
                    QueueEntry.Columns.openedAt > after.openedAt
                        || (QueueEntry.Columns.openedAt == after.openedAt && Column("ticketID") > after.ticketID))
            }
            return try request.order(QueueEntry.Columns.openedAt, Column("ticketID")).limit(limit).fetchAll(db)
        }
    }
}

/// Where a page of the queue ended: the last entry's opening instant and ticket id.
public struct QueuePosition: Sendable, Equatable {
    public var openedAt: Date
    public var ticketID: String

    public init(openedAt: Date, ticketID: String) {
        self.openedAt = openedAt
        self.ticketID = ticketID
    }
}
