import Foundation
import GRDB
public import ServiceKit

extension PlannerStore {
    /// One page of the filtered queue in urgency order (see `QueueQueries.page`) and, when
    /// asked, the counts per filter value, read in one snapshot so they agree.
    /// - Throws: `PageRequestError.badCursor` for a cursor that is not a queue position.
    public func queuePage(
        _ filter: QueueFilter, request: PageRequest, withCounts: Bool
    ) async throws -> (page: Page<QueueEntry>, counts: QueueCounts?) {
        try await database.read { db in
            let initial = try QueueQueries.initialStateID(in: db)
            let page = try QueueQueries.page(filter, request: request, initialStateID: initial, in: db)
            let counts = withCounts ? try QueueQueries.counts(filter, initialStateID: initial, in: db) : nil
            return (page, counts)
        }
    }
}
