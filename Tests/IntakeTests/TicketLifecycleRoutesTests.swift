import AriannaProtocol
import Foundation
import Hummingbird
import HummingbirdTesting
import ServiceTestSupport
import Testing

@testable import IntakeService
@testable import ServiceKit

/// The JSON API of a ticket's life (issue 12): versions, 409 on a stale one, bilingual refusals.
@Suite struct TicketLifecycleRoutesTests {
    func withTicket(
        _ test: @escaping @Sendable (any TestClientProtocol, TicketView, IntakeFixture) async throws -> Void
    ) async throws {
        let fixture = try await IntakeFixture()
        let ticket = try await fixture.store.openTicket(.mock(), channel: .api).ticket
        let app = Application(router: fixture.router)
        let user = try await fixture.session([.plannerSchedule, .ticketsRead])
        try await app.test(.router) { client in try await test(client.authenticated(as: user), ticket, fixture) }
    }

    static let json: HTTPFields = [.contentType: "application/json", .acceptLanguage: "en"]

    @Test func twoConcurrentEditsOnTheSameVersion_oneSucceeds_theOtherIs409() async throws {
        try await withTicket { client, ticket, fixture in
            let first = #"{"version":1,"description":"Oven broken, says Anna","customFields":{"appliance":"Forno"}}"#
            let second = #"{"version":1,"description":"Oven broken, says Bruno","customFields":{"appliance":"Forno"}}"#
            async let a = client.executeRequest(
                uri: "/api/tickets/\(ticket.id)/details", method: .put, headers: Self.json,
                body: ByteBuffer(string: first))
            async let b = client.executeRequest(
                uri: "/api/tickets/\(ticket.id)/details", method: .put, headers: Self.json,
                body: ByteBuffer(string: second))
            let statuses = try await [a.status, b.status]
            #expect(statuses.sorted { $0.code < $1.code } == [.ok, .conflict])
            let stored = try await fixture.store.ticket(id: ticket.id)
            #expect(stored.version == 2)
            #expect(try await fixture.outbox(type: TicketEdited.eventType).count == 1)
        }
    }

    @Test func edit_answersTheNewVersionAsETag_andAStaleIfMatchIs409InTheRequestsLanguage() async throws {
        try await withTicket { client, ticket, _ in
            let body = #"{"description":"Oven broken","customFields":{"appliance":"Forno"},"contact":"Sig. Moretti"}"#
            var matching = Self.json
            matching[.ifMatch] = "\"1\""
            try await client.execute(
                uri: "/api/tickets/\(ticket.id)/details", method: .put,
                headers: matching, body: ByteBuffer(string: body)
            ) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.eTag] == "\"2\"")
                #expect(String(buffer: response.body).contains(#""contact":"Sig. Moretti""#))
            }
            var italian = Self.json
            italian[.acceptLanguage] = "it"
            italian[.ifMatch] = "\"1\""
            try await client.execute(
                uri: "/api/tickets/\(ticket.id)/details", method: .put, headers: italian,
                body: ByteBuffer(string: body)
            ) { response in
                #expect(response.status == .conflict)
                #expect(String(buffer: response.body).contains("Qualcun altro ha modificato il ticket"))
            }
        }
    }

    @Test func show_givesTheVersionAsETag() async throws {
        try await withTicket { client, ticket, _ in
            try await client.execute(uri: "/api/tickets/\(ticket.id)", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.eTag] == "\"1\"")
                #expect(String(buffer: response.body).contains(#""version":1"#))
            }
        }
    }

    @Test func aChangeWithoutVersion_is428() async throws {
        try await withTicket { client, ticket, _ in
            try await client.execute(
                uri: "/api/tickets/\(ticket.id)/cancel", method: .post, headers: Self.json,
                body: ByteBuffer(string: #"{"reason":"Duplicate"}"#)
            ) { response in
                #expect(response.status == .preconditionRequired)
                #expect(String(buffer: response.body).contains("version is missing"))
            }
        }
    }

    @Test func reassign_toAnUnknownGroup_is422() async throws {
        try await withTicket { client, ticket, _ in
            try await client.execute(
                uri: "/api/tickets/\(ticket.id)/reassign", method: .post, headers: Self.json,
                body: ByteBuffer(string: #"{"version":1,"group":"Nobody"}"#)
            ) { response in
                #expect(response.status == .unprocessableContent)
                #expect(String(buffer: response.body).contains("group 'Nobody' is not an active group."))
            }
            try await client.execute(
                uri: "/api/tickets/\(ticket.id)/reassign", method: .post, headers: Self.json,
                body: ByteBuffer(string: #"{"version":1,"group":"Technicians North","operatorID":"op-lucia"}"#)
            ) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains(#""assignedOperatorName":"Lucia Bianchi""#))
            }
        }
    }

    @Test func state_thenCancelTwice_theSecondIs409() async throws {
        try await withTicket { client, ticket, _ in
            try await client.execute(
                uri: "/api/tickets/\(ticket.id)/state", method: .post, headers: Self.json,
                body: ByteBuffer(string: #"{"version":1,"stateID":"st-working"}"#)
            ) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(
                uri: "/api/tickets/\(ticket.id)/cancel", method: .post, headers: Self.json,
                body: ByteBuffer(string: #"{"version":2,"reason":"Customer fixed it"}"#)
            ) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains(#""state":"cancelled""#))
            }
            try await client.execute(
                uri: "/api/tickets/\(ticket.id)/cancel", method: .post, headers: Self.json,
                body: ByteBuffer(string: #"{"version":3,"reason":"Again"}"#)
            ) { response in
                #expect(response.status == .conflict)
                #expect(String(buffer: response.body).contains("is already cancelled"))
            }
        }
    }

    @Test func anUnknownTicket_is404() async throws {
        try await withTicket { client, _, _ in
            try await client.execute(
                uri: "/api/tickets/nope/cancel", method: .post, headers: Self.json,
                body: ByteBuffer(string: #"{"version":1,"reason":"x"}"#)
            ) { response in
                #expect(response.status == .notFound)
            }
        }
    }
}
