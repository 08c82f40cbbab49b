import Foundation
import Hummingbird
import HummingbirdTesting
import ServiceTestSupport
import Testing

@testable import IntakeService
@testable import ServiceKit

/// One page of a list endpoint as clients read it.
struct ListingPage<Item: Decodable>: Decodable {
    var items: [Item]
    var nextCursor: String?
}

/// Issue 15: the ticket list and a ticket's history are keyset-paged (`limit`, `cursor`,
/// `nextCursor`), stable under inserts, capped, and refuse a bad cursor in both languages.
@Suite struct TicketPaginationTests {
    func withApp(_ test: @escaping @Sendable (IntakeFixture, any TestClientProtocol) async throws -> Void) async throws
    {
        let fixture = try await IntakeFixture()
        let app = Application(router: ServiceRuntime.buildRouter(IntakeService.definition, context: fixture.context))
        let user = try await fixture.session([.ticketsOpen, .ticketsRead])
        try await app.test(.router) { client in try await test(fixture, client.authenticated(as: user)) }
    }

    static func get<Item: Decodable>(_ client: any TestClientProtocol, _ uri: String, as: Item.Type) async throws
        -> ListingPage<Item>
    {
        let response = try await client.executeRequest(uri: uri, method: .get, headers: [:], body: nil)
        #expect(response.status == .ok, "\(uri): \(String(buffer: response.body))")
        return try APIJSON.decoder.decode(ListingPage<Item>.self, from: Data(buffer: response.body))
    }

    @Test func ticketPages_coverEveryTicketOnce_evenWithInsertsBetweenPages() async throws {
        try await withApp { fixture, client in
            var before: Set<String> = []
            for index in 0..<5 {
                before.insert(try await TicketSearchTests.open(fixture, "Guasto \(index)").id)
            }
            var seen: [String] = []
            var page = try await Self.get(client, "/api/tickets?limit=2", as: TicketView.self)
            #expect(page.items.count == 2)
            seen += page.items.map(\.id)
            for index in 0..<3 { _ = try await TicketSearchTests.open(fixture, "Arrivato dopo \(index)") }
            while let cursor = page.nextCursor {
                page = try await Self.get(client, "/api/tickets?limit=2&cursor=\(cursor)", as: TicketView.self)
                #expect(page.items.count <= 2)
                seen += page.items.map(\.id)
            }
            #expect(Set(seen).count == seen.count, "no ticket twice")
            #expect(before.isSubset(of: Set(seen)), "no ticket stored before the first page skipped")
            let all = try await Self.get(client, "/api/tickets?limit=200", as: TicketView.self)
            #expect(all.items.count == 8 && all.nextCursor == nil)
            #expect(all.items.map(\.id) == all.items.sorted { ($0.openedAt, $0.id) > ($1.openedAt, $1.id) }.map(\.id))
        }
    }

    /// Words with a customer filter page through the full-text index's cursor (its list key):
    /// every ticket of that customer matching the words once, newest first, no other customer's.
    @Test func wordsWithACustomer_pageThroughTheFullTextCursor() async throws {
        try await withApp { fixture, client in
            var mine: [String] = []
            for index in 0..<5 {
                mine.append(try await TicketSearchTests.open(fixture, "Caldaia \(index)", customer: "Hotel Lago").id)
                _ = try await TicketSearchTests.open(fixture, "Caldaia \(index)", customer: "Bar Centrale")
            }
            _ = try await TicketSearchTests.open(fixture, "Forno", customer: "Hotel Lago")
            let customer = try #require(
                try await fixture.store.tickets(matching: TicketSearch(text: "forno")).first?.customer.id)
            var seen: [String] = []
            var page = try await Self.get(
                client, "/api/tickets?q=caldaia&customer=\(customer)&limit=2", as: TicketView.self)
            seen += page.items.map(\.id)
            while let cursor = page.nextCursor {
                #expect(!cursor.isEmpty)
                page = try await Self.get(
                    client, "/api/tickets?q=caldaia&customer=\(customer)&limit=2&cursor=\(cursor)", as: TicketView.self)
                seen += page.items.map(\.id)
            }
            #expect(seen == mine.reversed(), "each of the customer's matching tickets once, newest first")
        }
    }

    @Test func ticketList_searchAndFilters_pageTogether() async throws {
        try await withApp { fixture, client in
            for index in 0..<3 { _ = try await TicketSearchTests.open(fixture, "Perdita caldaia \(index)") }
            _ = try await TicketSearchTests.open(fixture, "Forno spento")
            let first = try await Self.get(
                client, "/api/tickets?q=perdit%C3%A0&state=open&limit=2", as: TicketView.self)
            let cursor = try #require(first.nextCursor)
            _ = try await TicketSearchTests.open(fixture, "Perdita caldaia arrivata dopo")  // newer: before the cursor
            let second = try await Self.get(
                client, "/api/tickets?q=perdit%C3%A0&state=open&limit=2&cursor=\(cursor)", as: TicketView.self)
            #expect(first.items.count == 2 && second.items.count == 1 && second.nextCursor == nil)
            let all = first.items + second.items
            #expect(all.allSatisfy { $0.description.hasPrefix("Perdita caldaia ") } && Set(all.map(\.id)).count == 3)
            let again = try await Self.get(client, "/api/tickets?q=perdita+caldaia&limit=200", as: TicketView.self)
            #expect(again.items.first?.description == "Perdita caldaia arrivata dopo", "newest first")
            #expect(again.items.count == 4)
        }
    }

    @Test func limitAboveTheMaximum_andABadCursor_are400_inBothLanguages() async throws {
        try await withApp { fixture, client in
            let ticket = try await TicketSearchTests.open(fixture, "Guasto")
            let cases: [(String, String, String)] = [
                ("/api/tickets?limit=201", "it", "limit deve essere un numero intero da 1 a 200"),
                ("/api/tickets?limit=0", "en", "limit must be a whole number from 1 to 200"),
                ("/api/tickets?cursor=not-ours", "en", "cursor is not valid"),
                ("/api/tickets?cursor=\(PageCursor(["7"]).token)", "it", "cursor non è valido"),
                ("/api/tickets/\(ticket.id)/history?limit=501", "en", "from 1 to 500"),
                (
                    "/api/tickets/\(ticket.id)/history?cursor=\(PageCursor(["x", "y"]).token)", "it",
                    "cursor non è valido"
                )
            ]
            for (uri, language, message) in cases {
                let response = try await client.executeRequest(
                    uri: uri, method: .get, headers: [.acceptLanguage: language], body: nil)
                #expect(response.status == .badRequest, "\(uri)")
                #expect(String(buffer: response.body).contains(message), "\(uri): \(String(buffer: response.body))")
            }
        }
    }

    @Test func historyPages_oldestFirst_stableUnderNewLines() async throws {
        try await withApp { fixture, client in
            let ticket = try await TicketSearchTests.open(fixture, "Guasto")
            func addLines(_ range: Range<Int>) async throws {
                try await fixture.context.database.write { db in
                    for index in range {
                        try db.execute(
                            sql: """
                                INSERT INTO ticketHistory (ticketID, occurredAt, eventType, summary) VALUES (?, ?, 'note', ?)
                                """, arguments: [ticket.id, IntakeFixture.now, "line \(index)"])
                    }
                }
            }
            try await addLines(0..<4)
            var page = try await Self.get(
                client, "/api/tickets/\(ticket.id)/history?limit=2", as: TicketHistoryEntry.self)
            var summaries = page.items.map(\.summary)
            try await addLines(4..<6)
            while let cursor = page.nextCursor {
                page = try await Self.get(
                    client, "/api/tickets/\(ticket.id)/history?limit=2&cursor=\(cursor)", as: TicketHistoryEntry.self)
                summaries += page.items.map(\.summary)
            }
            #expect(Array(summaries.dropFirst()) == (0..<6).map { "line \($0)" }, "\(summaries)")
            let missing = try await client.executeRequest(
                uri: "/api/tickets/nope/history", method: .get, headers: [:], body: nil)
            #expect(missing.status == .notFound)
        }
    }

    @Test func ticketsPage_linksTheNextPageOfTheSameSearch() async throws {
        try await withApp { fixture, client in
            for index in 0..<3 { _ = try await TicketSearchTests.open(fixture, "Caldaia \(index)") }
            let first = try await client.executeRequest(
                uri: "/tickets?q=caldaia&limit=2", method: .get, headers: [:], body: nil)
            let html = String(buffer: first.body)
            #expect(first.status == .ok)
            #expect(html.contains(#"id="ticket-next-page""#))
            let link = try #require(
                html.range(
                    of: #"href="(/tickets\?[^"]*cursor=[^"]*)" id="ticket-next-page""#, options: .regularExpression))
            let href = String(html[link]).dropFirst(6).prefix { $0 != "\"" }.replacingOccurrences(
                of: "&amp;", with: "&")
            #expect(href.contains("q=caldaia") && href.contains("limit=2"))
            let second = try await client.executeRequest(uri: String(href), method: .get, headers: [:], body: nil)
            let next = String(buffer: second.body)
            #expect(second.status == .ok)
            #expect(!next.contains(#"id="ticket-next-page""#) && next.contains(#"id="ticket-first-page""#))
            #expect(next.contains("1 "), "one row on the last page")
        }
    }
}
