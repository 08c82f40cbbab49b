import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import ServiceTestSupport
@testable import PlannerService
@testable import ServiceKit

/// `GET /api/queue?limit=&cursor=`: the queue a page at a time for integrators (keyset
/// pagination), and the refusals of a bad limit or cursor.
@Suite struct QueuePageTests {
    func withApp(_ test: @escaping @Sendable (PlannerFixture, any TestClientProtocol) async throws -> Void) async throws {
        let fixture = try await PlannerFixture(generate: false)
        let app = Application(router: ServiceRuntime.buildRouter(PlannerService.definition, context: fixture.context))
        try await app.test(.router) { client in try await test(fixture, client.loggedIn(to: fixture.context)) }
    }

    struct Page: Decodable {
        struct Item: Decodable { let ticketID: String }
        let items: [Item]
        let nextCursor: String?
    }

    @Test func pages_coverTheQueueOnce_inOrder_evenWithTiedOpeningTimes() async throws {
        try await withApp { fixture, client in
            // five calls opened at the same instant: the ticket id breaks the tie
            for index in [3, 1, 5, 2, 4] { _ = try await fixture.openTicket("t\(index)", number: "TCK/2030/00000\(index)") }
            var seen: [String] = []
            var cursor: String?
            var pages = 0
            repeat {
                let uri = "/api/queue?limit=2" + (cursor.map { "&cursor=\($0)" } ?? "")
                let response = try await client.executeRequest(uri: uri, method: .get, headers: [:], body: nil)
                #expect(response.status == .ok)
                let page = try JSONDecoder().decode(Page.self, from: Data(buffer: response.body))
                if page.nextCursor == nil { #expect(String(buffer: response.body).contains(#""nextCursor":null"#)) }
                seen += page.items.map(\.ticketID)
                cursor = page.nextCursor
                pages += 1
            } while cursor != nil && pages < 10
            #expect(seen == ["t1", "t2", "t3", "t4", "t5"])
            #expect(pages == 3)

            // without paging parameters: the whole queue as a plain array, as before
            let whole = try await client.executeRequest(uri: "/api/queue", method: .get, headers: [:], body: nil)
            #expect(String(buffer: whole.body).hasPrefix("["))
        }
    }

    @Test(arguments: ["limit=0", "limit=201", "limit=ten", "cursor=%%%", "cursor=bm90LWEtY3Vyc29y"])
    func aBadLimitOrCursor_is400WithAMessage(query: String) async throws {
        try await withApp { _, client in
            let response = try await client.executeRequest(
                uri: "/api/queue?\(query)", method: .get, headers: [.acceptLanguage: "en"], body: nil)
            #expect(response.status == .badRequest)
            let text = String(buffer: response.body)
            #expect(text.contains("limit must be a number from 1 to 200") || text.contains("is not valid: pass the previous page's nextCursor"))
        }
    }
}
