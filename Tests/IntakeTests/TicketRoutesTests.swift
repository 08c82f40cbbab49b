import Foundation
import Hummingbird
import HummingbirdTesting
import ServiceTestSupport
import Testing

@testable import IntakeService
@testable import ServiceKit

@Suite struct TicketRoutesTests {
    func withApp(_ test: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let fixture = try await IntakeFixture()
        let app = Application(router: ServiceRuntime.buildRouter(IntakeService.definition, context: fixture.context))
        let user = try await fixture.session([.ticketsOpen, .ticketsRead])
        try await app.test(.router) { client in try await test(client.authenticated(as: user)) }
    }

    static let body =
        #"{"activityTypeCode":"REPAIR","customer":{"name":"Hotel Lago Blu","email":"m@lagoblu.example"},"description":"Boiler","customFields":{"appliance":"Caldaia"}}"#

    @Test func post_createsATicket_201() async throws {
        try await withApp { client in
            try await client.execute(uri: "/api/tickets", method: .post, body: ByteBuffer(string: Self.body)) {
                response in
                #expect(response.status == .created)
                let text = String(buffer: response.body)
                #expect(text.contains(#""number":"TCK/2030/000001""#))
                #expect(text.contains(#""openedAt":"2030-03-17T"#))
            }
        }
    }

    @Test func post_withIdempotencyKeyHeader_returnsTheSameTicket_200() async throws {
        try await withApp { client in
            var first = ""
            try await client.execute(
                uri: "/api/tickets", method: .post, headers: [.init("Idempotency-Key")!: "abc"],
                body: ByteBuffer(string: Self.body)
            ) { response in
                #expect(response.status == .created)
                first = String(buffer: response.body)
            }
            try await client.execute(
                uri: "/api/tickets", method: .post, headers: [.init("Idempotency-Key")!: "abc"],
                body: ByteBuffer(string: Self.body)
            ) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == first)
            }
        }
    }

    @Test func post_withMalformedJSON_is400_namingTheProblem() async throws {
        try await withApp { client in
            try await client.execute(
                uri: "/api/tickets", method: .post, body: ByteBuffer(string: #"{"customer":{"name":"x"}}"#)
            ) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("activityTypeCode is required"))
            }
        }
    }

    @Test func post_withAnUnknownType_is422() async throws {
        try await withApp { client in
            let body = Self.body.replacingOccurrences(of: "REPAIR", with: "BOGUS")
            try await client.execute(
                uri: "/api/tickets", method: .post, headers: [.acceptLanguage: "en"],
                body: ByteBuffer(string: body)
            ) { response in
                #expect(response.status == .unprocessableContent)
                #expect(String(buffer: response.body).contains("no active activity type with code 'BOGUS'"))
            }
            // Without a language hint the answer is Italian, as the pages are.
            try await client.execute(uri: "/api/tickets", method: .post, body: ByteBuffer(string: body)) { response in
                #expect(
                    String(buffer: response.body).contains("Non esiste un tipo di attività attivo con codice 'BOGUS'."))
            }
        }
    }

    @Test func post_invalidTicket_listsEveryProblem_inTheRequestsLanguage() async throws {
        try await withApp { client in
            let body =
                #"{"activityTypeCode":"REPAIR","customer":{"name":"","email":"not-an-address"},"description":" "}"#
            try await client.execute(
                uri: "/api/tickets", method: .post, headers: [.acceptLanguage: "it-IT,it;q=0.9"],
                body: ByteBuffer(string: body)
            ) { response in
                #expect(response.status == .unprocessableContent)
                let text = String(buffer: response.body)
                #expect(text.contains("il nome del cliente è obbligatorio"))
                #expect(text.contains("'not-an-address' non è un indirizzo email"))
                #expect(text.contains("la descrizione è obbligatoria"))
                #expect(text.contains("'Apparecchio / Appliance' è obbligatorio"))
            }
            try await client.execute(
                uri: "/api/tickets", method: .post, headers: [.acceptLanguage: "en-GB"],
                body: ByteBuffer(string: body)
            ) { response in
                let text = String(buffer: response.body)
                #expect(text.contains("customer.name is required."))
                #expect(text.contains("description is required: say what the customer needs."))
            }
        }
    }

    @Test func get_unknownTicket_is404_and_badState_is400() async throws {
        try await withApp { client in
            try await client.execute(uri: "/api/tickets/nope", method: .get) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/api/tickets?state=weird", method: .get) { response in
                #expect(response.status == .badRequest)
            }
        }
    }

    @Test func health_endpoints_answer() async throws {
        try await withApp { client in
            try await client.execute(uri: "/health/live", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/health/ready", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("ready"))
            }
            try await client.execute(uri: "/metrics", method: .get) { #expect($0.status == .ok) }
        }
    }
}
