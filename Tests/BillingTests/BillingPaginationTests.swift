import AriannaProtocol
import Foundation
import Hummingbird
import HummingbirdTesting
import ServiceKit
import ServiceTestSupport
import Testing

@testable import BillingService

/// One page of a billing list endpoint as clients read it.
struct ListPage<Item: Decodable>: Decodable {
    var items: [Item]
    var nextCursor: String?
}

/// Issue 15: billing's list endpoints are keyset-paged — stable while documents arrive between
/// pages, the limit capped, a foreign cursor refused with a message in Italian or English.
@Suite struct BillingPaginationTests {
    struct Identified: Decodable {
        var id: String?
        var code: String?
        var ticketID: String?
    }

    static func get<Item: Decodable>(_ client: any TestClientProtocol, _ uri: String, as: Item.Type) async throws
        -> ListPage<Item>
    {
        let response = try await client.executeRequest(uri: uri, method: .get, headers: [:], body: nil)
        #expect(response.status == .ok, "\(uri): \(String(buffer: response.body))")
        return try APIJSON.decoder.decode(ListPage<Item>.self, from: Data(buffer: response.body))
    }

    @Test func documents_pageNewestFirst_everyDocumentOnce_whileDraftsArrive() async throws {
        let service = try TestService()
        for index in 0..<5 {
            try await service.deliver(.closed(.mock(ticketID: "tck-\(index)", materials: []), id: "evt-\(index)"))
        }
        let app = Application(router: ServiceRuntime.buildRouter(BillingService.definition, context: service.context))
        try await app.test(.router) { anonymous in
            let client = anonymous.loggedIn(to: service.context)
            var page = try await Self.get(client, "/api/billing-documents?limit=2", as: Identified.self)
            var seen = page.items.compactMap(\.ticketID)
            for index in 5..<8 {
                try await service.deliver(.closed(.mock(ticketID: "tck-\(index)", materials: []), id: "evt-\(index)"))
            }
            while let cursor = page.nextCursor {
                page = try await Self.get(
                    client, "/api/billing-documents?limit=2&cursor=\(cursor)", as: Identified.self)
                #expect(page.items.count <= 2)
                seen += page.items.compactMap(\.ticketID)
            }
            #expect(Set(seen).count == seen.count, "no document twice")
            #expect(Set((0..<5).map { "tck-\($0)" }).isSubset(of: Set(seen)), "none of the first five skipped")
            let filtered = try await Self.get(
                client, "/api/billing-documents?ticketID=tck-3&limit=1", as: Identified.self)
            #expect(filtered.items.compactMap(\.ticketID) == ["tck-3"] && filtered.nextCursor == nil)
        }
    }

    @Test func articles_andWarehouses_pageInKeyOrder() async throws {
        let service = try TestService()
        let app = Application(router: ServiceRuntime.buildRouter(BillingService.definition, context: service.context))
        try await app.test(.router) { anonymous in
            let client = anonymous.loggedIn(to: service.context)
            let whole = try await Self.get(client, "/api/articles?limit=500", as: Identified.self).items.compactMap(
                \.code)
            var page = try await Self.get(client, "/api/articles?limit=2", as: Identified.self)
            var codes = page.items.compactMap(\.code)
            while let cursor = page.nextCursor {
                page = try await Self.get(client, "/api/articles?limit=2&cursor=\(cursor)", as: Identified.self)
                codes += page.items.compactMap(\.code)
            }
            #expect(codes == whole && whole.count >= 3 && whole == whole.sorted())
            let warehouses = try await Self.get(client, "/api/warehouses?limit=1", as: Identified.self)
            #expect(warehouses.items.compactMap(\.id) == ["WH-CENTRAL"] && warehouses.nextCursor == nil)
            #expect(try await Self.get(client, "/api/stock", as: Identified.self).items.isEmpty)
            #expect(try await Self.get(client, "/api/production-orders", as: Identified.self).items.isEmpty)
        }
    }

    @Test func everyList_refusesABigLimit_andAForeignCursor() async throws {
        let service = try TestService()
        let app = Application(router: ServiceRuntime.buildRouter(BillingService.definition, context: service.context))
        try await app.test(.router) { anonymous in
            let client = anonymous.loggedIn(to: service.context)
            let one = PageCursor(["x"]).token
            let three = PageCursor(["a", "b", "c"]).token
            let cases: [(String, String, String)] = [
                ("/api/billing-documents?limit=201", "it", "limit deve essere un numero intero da 1 a 200, non '201'"),
                ("/api/billing-documents?cursor=\(one)", "en", "cursor is not valid"),
                ("/api/articles?limit=0", "en", "from 1 to 500"),
                ("/api/articles?cursor=\(three)", "it", "cursor non è valido"),
                ("/api/stock?cursor=\(one)", "en", "cursor is not valid"),
                ("/api/warehouses?cursor=\(three)", "en", "cursor is not valid"),
                ("/api/production-orders?limit=x", "it", "non 'x'"),
                ("/api/production-orders?cursor=garbage!", "en", "cursor is not valid")
            ]
            for (uri, language, message) in cases {
                let response = try await client.executeRequest(
                    uri: uri, method: .get, headers: [.acceptLanguage: language], body: nil)
                #expect(response.status == .badRequest, "\(uri)")
                #expect(String(buffer: response.body).contains(message), "\(uri): \(String(buffer: response.body))")
            }
        }
    }
}
