import Foundation
import Hummingbird
import ServiceKit

/// `GET /api/queue?zone=&type=&practice=&state=&dueBefore=&openedBefore=&customer=&q=&limit=&cursor=&counts=`:
/// the calls waiting to be scheduled, a page at a time in urgency order (due first, then oldest
/// opened), with how many wait per zone, type, practice and state for the same filters
/// (`counts=false` leaves them out). `nextCursor` is absent on the last page.
struct QueuePage: Encodable, Sendable {
    /// The page's calls, most urgent first.
    var items: [QueueEntry]
    /// Pass back as `?cursor=` for the next page; absent on the last one.
    var nextCursor: String?
    /// How many calls match, and per filter value; absent with `counts=false`.
    var counts: QueueCounts?

    /// The page size without `limit`.
    static let defaultLimit = 50
    /// The largest `limit` a client may ask for.
    static let maximumLimit = 200

    /// Reads the filters and the page from `request` and answers them.
    /// - Throws: a bilingual 400 for a bad filter, `limit` or `cursor`.
    static func read(_ request: Request, store: PlannerStore, timeZone: TimeZone) async throws -> QueuePage {
        let query = PlannerQuery(request, timeZone: timeZone)
        let page = try PageRequest(request, defaultLimit: defaultLimit, maximum: maximumLimit)
        let filters = try QueueFilterQuery(query)
        let withCounts = query.text("counts").map { !["false", "0", "no"].contains($0) } ?? true
        // R4: a user bound to practices sees only their calls, like on the board.
        let practices = RequestIdentity.current?.user?.practiceIDs
        let (items, counts) = try await store.queuePage(
            try filters.filter(query, visiblePractices: practices?.isEmpty == false ? practices : nil),
            request: page, withCounts: withCounts)
        return QueuePage(items: items.items, nextCursor: items.nextCursor?.token, counts: counts)
    }

    private enum CodingKeys: String, CodingKey { case items, nextCursor, counts }

    /// Absent keys rather than nulls, like every paged list (`Page`).
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(items, forKey: .items)
        try container.encodeIfPresent(nextCursor, forKey: .nextCursor)
        try container.encodeIfPresent(counts, forKey: .counts)
    }
}
