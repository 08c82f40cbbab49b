import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import ServiceKit

/// A JSON body the API cannot read is refused in the caller's language; a caller that asks for
/// none (a script, an integrator's client) gets English, as the API has always answered.
@Suite struct DecodeJSONLanguageTests {
    struct Ticket: Decodable { let description: String }

    static func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.post("/tickets") { request, _ -> String in
            let ticket = try await request.decodeJSON(
                as: Ticket.self, describedAs: Wording(it: "un ticket", en: "a ticket"))
            return ticket.description
        }
        return router
    }

    static func refusal(headers: HTTPFields, body: String) async throws -> (HTTPResponse.Status, String) {
        try await Application(router: router()).test(.router) { client in
            let response = try await client.execute(
                uri: "/tickets", method: .post, headers: headers, body: ByteBuffer(string: body))
            return (response.status, String(buffer: response.body))
        }
    }

    @Test func aMissingField_isNamed_inEnglish_whenNoLanguageIsAsked() async throws {
        let (status, body) = try await Self.refusal(headers: [:], body: "{}")
        #expect(status == .badRequest)
        #expect(body.contains("The body must be a ticket: description is required."))
    }

    @Test func aMissingField_isNamed_inItalian_forAnItalianCaller() async throws {
        let (status, body) = try await Self.refusal(headers: [.acceptLanguage: "it-IT,it;q=0.9"], body: "{}")
        #expect(status == .badRequest)
        #expect(body.contains("Il corpo deve essere un ticket: description è obbligatorio."))
    }

    @Test func notJSON_followsTheLanguageCookie() async throws {
        let (_, italian) = try await Self.refusal(headers: [.cookie: "lang=it"], body: "not json")
        #expect(italian.contains("non è JSON valido."))
        let (_, english) = try await Self.refusal(headers: [.cookie: "lang=en"], body: "not json")
        #expect(english.contains("it is not valid JSON."))
    }

    @Test func aWrongType_saysWhatWasExpected_inBothLanguages() async throws {
        let (_, english) = try await Self.refusal(headers: [:], body: #"{"description": 3}"#)
        #expect(english.contains("description must be a string."))
        let (_, italian) = try await Self.refusal(headers: [.acceptLanguage: "it"], body: #"{"description": 3}"#)
        #expect(italian.contains("description deve essere un testo."))
    }
}
