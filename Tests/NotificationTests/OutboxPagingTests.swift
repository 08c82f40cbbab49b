import AriannaProtocol
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Logging
import ServiceKit
import ServiceTestSupport
import Testing

@testable import NotificationService

/// `GET /api/emails` and the outbox page are keyset-paged (`limit`, `cursor`, `nextCursor`):
/// emails queued while someone pages never shift or repeat a page, the limit is capped, and a bad
/// limit or cursor is a 400 in the caller's language.
@Suite("Outbox paging")
struct OutboxPagingTests {
    struct SummaryPage: Decodable {
        struct Item: Decodable { var id: String }
        var items: [Item]
        var nextCursor: String?
    }

    struct ErrorBody: Decodable {
        struct Inner: Decodable { var message: String }
        var error: Inner
    }

    /// `count` ticket emails, one a minute from `start`, ids `email-<n>` from `first`.
    static func queue(_ count: Int, in service: TestService, from first: Int, start: Date) async throws {
        for index in 0..<count {
            let number = first + index
            let handler = NotificationEventHandler(
                clock: .fixed(start.addingTimeInterval(Double(index) * 60)),
                ids: IDGenerator { String(format: "email-%03d", number) }, logger: Logger(label: "test"))
            var ticket = TicketOpened.mock(
                customer: CustomerRef(id: "cus-\(number)", name: "Cliente \(number)", email: "c\(number)@example.org"))
            ticket.ticketID = "tck-\(number)"
            let event = ReceivedEvent.mock(ticket, id: "evt-\(number)", as: AriannaEvent.ticketOpened)
            try await service.database.write { db in try handler.handle(event, in: db) }
        }
    }

    static func page(_ client: AuthenticatedClient, _ uri: String) async throws -> SummaryPage {
        try await client.execute(uri: uri, method: .get) { response in
            #expect(response.status == .ok)
            return try APIJSON.decoder.decode(SummaryPage.self, from: Data(response.body.readableBytesView))
        }
    }

    @Test func pagingOnWhileNewEmailsArrive_neverRepeatsOrSkips() async throws {
        // Given five emails (email-001 oldest … email-005 newest)
        let service = try TestService()
        try await Self.queue(5, in: service, from: 1, start: Instant.now)
        let app = Application(
            router: ServiceRuntime.buildRouter(NotificationService.definition, context: service.context))
        try await app.test(.router) { anonymous in
            let client = anonymous.loggedIn(to: service.context)
            // When the first page of two is read
            let first = try await Self.page(client, "/api/emails?limit=2")
            #expect(first.items.map(\.id) == ["email-005", "email-004"])
            let cursor = try #require(first.nextCursor)

            // and three newer emails arrive (one with the same time as the page's last row)
            try await Self.queue(3, in: service, from: 6, start: Instant.now.addingTimeInterval(180))

            // Then the next pages continue exactly after email-004, to the end
            let second = try await Self.page(client, "/api/emails?limit=2&cursor=\(cursor)")
            #expect(second.items.map(\.id) == ["email-003", "email-002"])
            let third = try await Self.page(client, "/api/emails?limit=2&cursor=\(try #require(second.nextCursor))")
            #expect(third.items.map(\.id) == ["email-001"])
            #expect(third.nextCursor == nil)

            // and a fresh first page shows the newest (email-007 and email-005 share a time: the id breaks the tie)
            #expect(
                try await Self.page(client, "/api/emails?limit=3").items.map(\.id) == [
                    "email-008", "email-007", "email-005"
                ])
        }
    }

    @Test func theLimitIsCapped_andABadLimitOrCursorIsA400InTheCallersLanguage() async throws {
        let service = try TestService()
        try await Self.queue(3, in: service, from: 1, start: Instant.now)
        let app = Application(
            router: ServiceRuntime.buildRouter(NotificationService.definition, context: service.context))
        try await app.test(.router) { anonymous in
            let client = anonymous.loggedIn(to: service.context)
            #expect(try await Self.page(client, "/api/emails?limit=200").items.count == 3)
            let cases: [(String, String, String)] = [
                ("/api/emails?limit=201", "it", "limit deve essere un numero intero da 1 a 200, non '201'."),
                ("/api/emails?limit=0", "en", "limit must be a whole number from 1 to 200, not '0'."),
                ("/api/emails?cursor=not-a-cursor", "en", "cursor is not valid"),
                // a well-formed cursor of another list (one value instead of time and id)
                ("/api/emails?cursor=\(PageCursor(["x"]).token)", "it", "cursor non è valido")
            ]
            for (uri, language, message) in cases {
                try await client.execute(uri: uri, method: .get, headers: [.acceptLanguage: language]) { response in
                    #expect(response.status == .badRequest, "\(uri)")
                    let body = try JSONDecoder().decode(ErrorBody.self, from: Data(response.body.readableBytesView))
                    #expect(body.error.message.hasPrefix(message), "\(uri): \(body.error.message)")
                }
            }
        }
    }

    @Test func theOutboxPage_pagesWithANextLink_keepingTheFilter() async throws {
        let service = try TestService()
        try await Self.queue(3, in: service, from: 1, start: Instant.now)
        let app = Application(
            router: ServiceRuntime.buildRouter(NotificationService.definition, context: service.context))
        try await app.test(.router) { anonymous in
            let client = anonymous.loggedIn(to: service.context)
            let headers: HTTPFields = [.accept: "text/html", .acceptLanguage: "en"]
            let next = try await client.execute(uri: "/outbox?limit=2&q=example.org", method: .get, headers: headers) {
                response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains("c3@example.org") && html.contains("c2@example.org"))
                #expect(!html.contains("c1@example.org"))
                let start = try #require(html.range(of: "id=\"outbox-next\" rel=\"next\" href=\""))
                return String(html[start.upperBound...].prefix { $0 != "\"" }).replacingOccurrences(
                    of: "&amp;", with: "&")
            }
            #expect(next.contains("q=example.org") && next.contains("limit=2"))
            try await client.execute(uri: next, method: .get, headers: headers) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("c1@example.org"))
                #expect(!html.contains("c3@example.org"))
                #expect(!html.contains("outbox-next"))
                #expect(html.contains("Back to the newest"))
            }
            try await client.execute(
                uri: "/outbox?cursor=broken", method: .get, headers: [.accept: "text/html", .acceptLanguage: "it"]
            ) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("cursor non è valido"))
                // Issue 15: the outbox's own error view in the shared layout, not the API's JSON.
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                #expect(
                    String(buffer: response.body).contains(#"role="alert""#)
                        && String(buffer: response.body).contains(#"href="/outbox""#))
            }
        }
    }
}
