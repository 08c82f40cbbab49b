import ServiceKit

@testable import PlannerService

extension PlannerStore {
    /// Every call still waiting, most urgent first, read page by page through the store's own
    /// paging: what tests check after applying events (the service itself never reads it whole).
    func unscheduledCalls() async throws -> [QueueEntry] {
        var calls: [QueueEntry] = []
        var cursor: PageCursor?
        repeat {
            let (page, _) = try await queuePage(
                QueueFilter(), request: PageRequest(limit: 200, cursor: cursor), withCounts: false)
            calls += page.items
            cursor = page.nextCursor
        } while cursor != nil
        return calls
    }
}
