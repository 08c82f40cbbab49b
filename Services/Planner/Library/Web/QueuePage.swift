import Foundation
import Hummingbird
import ServiceKit

/// `GET /api/queue?limit=&cursor=`: the unscheduled queue a page at a time, for systems that
/// read it (`nextCursor` is null on the last page). Without `limit` and `cursor` the route
/// answers the whole queue as a plain array, as the board reads it.
struct QueuePage: Codable, Sendable {
    var items: [QueueEntry]
    var nextCursor: String?

    /// `nextCursor` is written as `null` on the last page rather than left out.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(items, forKey: .items)
        try container.encode(nextCursor, forKey: .nextCursor)
    }

    /// The largest page; a bigger `limit` is refused rather than silently cut.
    static let maximumLimit = 200

    /// The page the request asks for, or nil when it asks for no paging.
    static func read(_ request: Request, store: PlannerStore, timeZone: TimeZone) async throws -> QueuePage? {
        let query = PlannerQuery(request, timeZone: timeZone)
        let limitText = query.text("limit")
        let cursorText = query.text("cursor")
        guard limitText != nil || cursorText != nil else { return nil }
        var limit = 50
        if let limitText {
            guard let value = Int(limitText), (1...maximumLimit).contains(value) else {
                throw query.badRequest(Wording(
                    it: "limit dev'essere un numero da 1 a \(maximumLimit) (ora è '\(limitText)').",
                    en: "limit must be a number from 1 to \(maximumLimit) (it is '\(limitText)')."))
            }
            limit = value
        }
        var after: QueuePosition?
        if let cursorText {
            guard let position = position(cursorText) else {
                throw query.badRequest(Wording(
                    it: "Il cursore '\(cursorText)' non è valido: usa il nextCursor della pagina precedente, o nessun cursore per la prima.",
                    en: "The cursor '\(cursorText)' is not valid: pass the previous page's nextCursor, or no cursor for the first page."))
            }
            after = position
        }
        let items = try await store.unscheduledCalls(after: after, limit: limit)
        let next = items.count == limit ? items.last.map { cursor(QueuePosition(openedAt: $0.openedAt, ticketID: $0.ticketID)) } : nil
        return QueuePage(items: items, nextCursor: next)
    }

    /// `<milliseconds since 1970>.<ticket id>` in base64url: opaque to clients, stable across restarts.
    static func cursor(_ position: QueuePosition) -> String {
        let millis = Int64((position.openedAt.timeIntervalSince1970 * 1000).rounded())
        return Data("\(millis).\(position.ticketID)".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func position(_ cursor: String) -> QueuePosition? {
        var base64 = cursor.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8) else { return nil }
        let parts = text.split(separator: ".", maxSplits: 1)
        guard parts.count == 2, let millis = Int64(parts[0]), !parts[1].isEmpty else { return nil }
        return QueuePosition(openedAt: Date(timeIntervalSince1970: Double(millis) / 1000), ticketID: String(parts[1]))
    }
}
