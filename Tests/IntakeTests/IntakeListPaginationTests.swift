import Foundation
import Hummingbird
import HummingbirdTesting
import ServiceTestSupport
import Testing

@testable import IntakeService
@testable import ServiceKit

/// Issue 15: intake's small lists (setup kinds, users, API keys) page like the big ones:
/// `limit` capped, `cursor` stable when rows are added between pages, a foreign cursor refused.
@Suite struct IntakeListPaginationTests {
    func withAdmin(_ test: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let fixture = try await IntakeFixture()
        let app = Application(router: ServiceRuntime.buildRouter(IntakeService.definition, context: fixture.context))
        let admin = try await fixture.session(Set(Permission.allCases))
        try await app.test(.router) { client in try await test(client.authenticated(as: admin)) }
    }

    struct Named: Decodable {
        var id: String
        var name: String?
    }

    static func post(_ client: any TestClientProtocol, _ uri: String, _ json: String) async throws {
        let response = try await client.executeRequest(
            uri: uri, method: .post, headers: [.contentType: "application/json"],
            body: ByteBuffer(string: json))
        #expect(response.status == .created, "\(uri): \(String(buffer: response.body))")
    }

    /// Pages through `uri` with `limit`, running `between` after the first page.
    static func pageThrough(
        _ client: any TestClientProtocol, _ uri: String, limit: Int,
        between: () async throws -> Void
    ) async throws -> [Named] {
        var page = try await TicketPaginationTests.get(client, "\(uri)?limit=\(limit)", as: Named.self)
        #expect(page.items.count == limit)
        var rows = page.items
        try await between()
        while let cursor = page.nextCursor {
            page = try await TicketPaginationTests.get(client, "\(uri)?limit=\(limit)&cursor=\(cursor)", as: Named.self)
            #expect(page.items.count <= limit)
            rows += page.items
        }
        return rows
    }

    @Test func setupLists_pageEveryRowOnce_whileRowsAreAdded() async throws {
        try await withAdmin { client in
            for name in ["Squadra A", "Squadra B", "Squadra C"] {
                try await Self.post(client, "/api/setup/groups", #"{"name":"\#(name)"}"#)
            }
            let before = try await TicketPaginationTests.get(client, "/api/setup/groups?limit=500", as: Named.self)
                .items
            let rows = try await Self.pageThrough(client, "/api/setup/groups", limit: 2) {
                try await Self.post(client, "/api/setup/groups", #"{"name":"Squadra D"}"#)
            }
            #expect(Set(rows.map(\.id)).count == rows.count, "no group twice")
            #expect(Set(before.map(\.id)).isSubset(of: Set(rows.map(\.id))), "none skipped")
        }
    }

    @Test func apiKeys_pageNewestFirst_andUsersByName() async throws {
        try await withAdmin { client in
            for name in ["Centralino 1", "Centralino 2", "Centralino 3"] {
                try await Self.post(client, "/api/api-keys", #"{"name":"\#(name)","permissions":["tickets.read"]}"#)
            }
            let keys = try await Self.pageThrough(client, "/api/api-keys", limit: 2) {}
            // The test clock is fixed, so the three share createdAt and the id breaks the tie.
            #expect(Set(keys.compactMap(\.name)) == ["Centralino 1", "Centralino 2", "Centralino 3"])
            #expect(keys.count == 3)
            let users = try await TicketPaginationTests.get(client, "/api/users?limit=200", as: Named.self).items
            let paged = try await Self.pageThrough(client, "/api/users", limit: 1) {}
            #expect(paged.map(\.id) == users.map(\.id) && users.count >= 4)
        }
    }

    @Test func operatorsAndActivityTypes_pageLikeTheOtherLists() async throws {
        try await withAdmin { client in
            for uri in ["/api/operators", "/api/activity-types"] {
                let whole = try await TicketPaginationTests.get(client, "\(uri)?limit=500", as: Named.self)
                #expect(whole.items.count >= 3 && whole.nextCursor == nil)
                let paged = try await Self.pageThrough(client, uri, limit: 1) {}
                #expect(paged.map(\.id) == whole.items.map(\.id), "\(uri)")
            }
            let refused = try await client.executeRequest(
                uri: "/api/operators?limit=501", method: .get, headers: [:], body: nil)
            #expect(refused.status == .badRequest)
        }
    }

    @Test func smallLists_refuseABigLimit_andAForeignCursor_inBothLanguages() async throws {
        try await withAdmin { client in
            let ticketCursor = TicketListPosition(openedAt: IntakeFixture.now, id: "t").cursor.token
            let cases: [(String, String, String)] = [
                ("/api/setup/groups?limit=501", "en", "from 1 to 500"),
                ("/api/setup/operators?cursor=\(ticketCursor)", "it", "cursor non è valido"),
                ("/api/users?limit=abc", "it", "limit deve essere un numero intero da 1 a 200, non 'abc'"),
                ("/api/users?cursor=%%%", "en", "cursor is not valid"),
                ("/api/api-keys?limit=1000", "en", "from 1 to 200"),
                ("/api/api-keys?cursor=\(PageCursor(["x"]).token)", "it", "cursor non è valido")
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

/// A ticket's attachments page on `(addedAt, rowid)`: upload order, every file once.
@Suite struct AttachmentPaginationTests {
    @Test func attachments_pageInUploadOrder_andRefuseABadCursor() async throws {
        let fixture = try await IntakeFixture()
        let ticket = try await TicketSearchTests.open(fixture, "Con allegati")
        let store = fixture.store
        try await fixture.context.database.write { db in
            for index in 0..<5 {
                try db.execute(
                    sql: """
                        INSERT INTO ticketAttachment (id, ticketID, fileName, contentType, byteCount, sha256, source, addedAt)
                        VALUES (?, ?, ?, 'application/pdf', 10, 'x', 'upload', ?)
                        """, arguments: ["z\(9 - index)", ticket.id, "file \(index).pdf", IntakeFixture.now])
            }
        }
        var page = try await store.attachmentPage(ofTicket: ticket.id, page: PageRequest(limit: 2))
        var names = page.items.map(\.fileName)
        while let cursor = page.nextCursor {
            page = try await store.attachmentPage(ofTicket: ticket.id, page: PageRequest(limit: 2, cursor: cursor))
            names += page.items.map(\.fileName)
        }
        #expect(names == (0..<5).map { "file \($0).pdf" })
        await #expect(throws: PageRequestError.badCursor) {
            _ = try await store.attachmentPage(
                ofTicket: ticket.id, page: PageRequest(limit: 2, cursor: PageCursor(["nope"])))
        }
    }
}

/// The work list pages on each sort's keyset (due dates missing last), and keeps its counts.
@Suite struct WorkListPaginationTests {
    @Test func everySort_pagesTheSameRowsAsOneBigPage() async throws {
        let fixture = try await IntakeFixture()
        var ids: [String] = []
        for index in 0..<7 { ids.append(try await TicketSearchTests.open(fixture, "Lavoro \(index)").id) }
        let opened = ids
        try await fixture.context.database.write { db in
            for (index, id) in opened.enumerated() where index % 3 != 0 {
                try db.execute(
                    sql: "UPDATE ticket SET dueAt = ? WHERE id = ?",
                    arguments: [IntakeFixture.now.addingTimeInterval(Double(index % 4) * 3600), id])
            }
        }
        for sort in WorkList.Sort.allCases {
            let whole = try await fixture.store.workList(
                .open, scope: .init(), sort: sort, page: PageRequest(limit: 200))
            #expect(whole.tickets.count == 7 && whole.nextCursor == nil && whole.counts.open == 7)
            var page = try await fixture.store.workList(.open, scope: .init(), sort: sort, page: PageRequest(limit: 3))
            var paged = page.tickets.map(\.id)
            while let token = page.nextCursor {
                page = try await fixture.store.workList(
                    .open, scope: .init(), sort: sort, page: PageRequest(limit: 3, cursor: PageCursor(token: token)))
                #expect(page.counts.open == 7)
                paged += page.tickets.map(\.id)
            }
            #expect(paged == whole.tickets.map(\.id), "\(sort)")
        }
        let due = try await fixture.store.workList(.open, scope: .init(), sort: .due, page: PageRequest(limit: 200))
        #expect(due.tickets.suffix(3).allSatisfy { $0.dueAt == nil }, "no due date sorts last")
        await #expect(throws: PageRequestError.badCursor) {
            _ = try await fixture.store.workList(
                .open, scope: .init(), sort: .number, page: PageRequest(limit: 2, cursor: PageCursor(["a", "b"])))
        }
    }
}
