import Foundation
import Hummingbird
import HummingbirdTesting
import ServiceTestSupport
import Testing

@testable import IntakeService
@testable import ServiceKit

/// Issue 15: the call-centre's customer lookup `GET /api/customers?q=` pages by name then id
/// like every other list — each customer once while customers are added between pages, `limit`
/// capped at 100, a foreign cursor refused in the caller's language.
@Suite struct CustomerLookupPaginationTests {
    struct Found: Decodable {
        struct Customer: Decodable {
            var id: String
            var name: String
        }
        struct Site: Decodable {
            var id: String
            var customerID: String
        }
        var customer: Customer
        var sites: [Site]
    }

    static func addCustomer(_ client: any TestClientProtocol, _ name: String) async throws {
        let body =
            #"{"name":"\#(name)","email":"lookup@example.com","sites":[{"name":"Sede","address":"Via Roma 1","zone":"Milano"}]}"#
        let response = try await client.executeRequest(
            uri: "/api/setup/customers", method: .post,
            headers: [.contentType: "application/json"], body: ByteBuffer(string: body))
        #expect(response.status == .created, "\(String(buffer: response.body))")
    }

    @Test func lookup_pagesEveryMatchOnceByName_whileCustomersAreAdded() async throws {
        let fixture = try await IntakeFixture()
        let app = Application(router: ServiceRuntime.buildRouter(IntakeService.definition, context: fixture.context))
        let admin = try await fixture.session(Set(Permission.allCases))
        try await app.test(.router) { anonymous in
            let client = anonymous.authenticated(as: admin)
            for name in ["Lookup Delta", "Lookup Alfa", "Lookup Charlie", "Lookup Bravo", "Lookup Alfa"] {
                try await Self.addCustomer(client, name)
            }
            var page = try await TicketPaginationTests.get(client, "/api/customers?q=Lookup&limit=2", as: Found.self)
            #expect(page.items.count == 2 && page.nextCursor != nil)
            var rows = page.items
            // Added between pages: one sorts before the cursor (not repeated), one after (seen).
            try await Self.addCustomer(client, "Lookup Aaron")
            try await Self.addCustomer(client, "Lookup Zulu")
            while let cursor = page.nextCursor {
                page = try await TicketPaginationTests.get(
                    client, "/api/customers?q=Lookup&limit=2&cursor=\(cursor)", as: Found.self)
                #expect(page.items.count <= 2)
                rows += page.items
            }
            let names = rows.map(\.customer.name)
            #expect(Set(rows.map(\.customer.id)).count == rows.count, "no customer twice")
            #expect(
                names == ["Lookup Alfa", "Lookup Alfa", "Lookup Bravo", "Lookup Charlie", "Lookup Delta", "Lookup Zulu"]
            )
            #expect(
                rows.allSatisfy { $0.sites.count == 1 && $0.sites[0].customerID == $0.customer.id },
                "each with its own site")
            let whole = try await TicketPaginationTests.get(client, "/api/customers?q=Lookup&limit=100", as: Found.self)
            #expect(whole.items.count == 7 && whole.nextCursor == nil)
            let defaultPage = try await TicketPaginationTests.get(client, "/api/customers?q=", as: Found.self)
            #expect(defaultPage.items.count <= 20)
        }
    }

    @Test(arguments: [
        ("limit=101", "en", "limit must be a whole number from 1 to 100, not '101'."),
        ("limit=0", "it", "limit deve essere un numero intero da 1 a 100, non '0'."),
        ("cursor=garbage!", "en", "cursor is not valid"),
        ("cursor=\(PageCursor(["only-one"]).token)", "it", "cursor non è valido")
    ])
    func lookup_refusesABadLimitOrCursor_with400InTheCallersLanguage(query: String, language: String, message: String)
        async throws
    {
        let fixture = try await IntakeFixture()
        let app = Application(router: ServiceRuntime.buildRouter(IntakeService.definition, context: fixture.context))
        let admin = try await fixture.session(Set(Permission.allCases))
        try await app.test(.router) { anonymous in
            let response = try await anonymous.authenticated(as: admin).executeRequest(
                uri: "/api/customers?q=a&\(query)", method: .get, headers: [.acceptLanguage: language], body: nil)
            #expect(response.status == .badRequest)
            #expect(String(buffer: response.body).contains(message), "\(String(buffer: response.body))")
        }
    }
}
