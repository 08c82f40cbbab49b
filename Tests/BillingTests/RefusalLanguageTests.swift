import BillingDomain
import Foundation
import Hummingbird
import HummingbirdTesting
import ServiceKit
import ServiceTestSupport
import Testing

@testable import BillingService

/// A refusal answers in the language the caller asks for, through the one mapping of
/// ``BillingError`` (`Web/BillingErrorMapping.swift`); the domain's own text is English unless
/// asked. (With no language at all the API answers in Italian, `PageLanguage.fallback`: see
/// `BillingRoutesTests.answers404_forAnUnknownDocument`.)
@Suite("Refusals in the caller's language")
struct RefusalLanguageTests {
    struct ErrorBody: Decodable {
        struct Field: Decodable {
            var field: String
            var message: String
        }
        struct Inner: Decodable {
            var message: String
            var fields: [Field]
        }
        var error: Inner
    }

    @Test func aRefusal_answersInItalian_whenAsked_andInEnglish_whenAsked() async throws {
        // Given: a draft with a line billing cannot price, so confirming it is refused
        let service = try TestService()
        try await service.deliver(.closed(.mock(), id: "evt-1"))
        let app = Application(router: ServiceRuntime.buildRouter(BillingService.definition, context: service.context))
        try await app.test(.router) { anonymous in
            let clerk = anonymous.loggedIn(to: service.context, permissions: [.billingEdit])
            for (language, expected) in [
                (
                    "it",
                    "Non è possibile salvare: Riga 4 (XYZ-9): articolo sconosciuto al catalogo, indica il prezzo prima di confermare."
                ),
                (
                    "en",
                    "This cannot be saved: Line 4 (XYZ-9): the catalogue does not know this article; set its price before confirming."
                )
            ] {
                // When
                try await clerk.execute(
                    uri: "/api/billing-documents/doc-1/confirm", method: .post,
                    headers: [.accept: "application/json", .acceptLanguage: language]
                ) { response in
                    // Then
                    #expect(response.status == .unprocessableContent)
                    let body = try JSONDecoder().decode(ErrorBody.self, from: Data(response.body.readableBytesView))
                    #expect(body.error.message == expected)
                    #expect(body.error.fields.map(\.field) == ["lines[4].price"])
                }
            }
            // an unknown document, in Italian when asked
            try await clerk.execute(
                uri: "/api/billing-documents/doc-404/confirm", method: .post,
                headers: [.accept: "application/json", .acceptLanguage: "it"]
            ) { response in
                #expect(response.status == .notFound)
                let body = try JSONDecoder().decode(ErrorBody.self, from: Data(response.body.readableBytesView))
                #expect(body.error.message == "Non esiste il documento 'doc-404'.")
            }
        }
    }

    @Test func aQueryThatCannotBeRead_answers400_inTheCallersLanguage_withItsField() async throws {
        let service = try TestService()
        let app = Application(router: ServiceRuntime.buildRouter(BillingService.definition, context: service.context))
        try await app.test(.router) { anonymous in
            let reader = anonymous.loggedIn(to: service.context, permissions: [.billingRead])
            for (language, expected) in [
                ("it", "from dev'essere una data come 2030-03-31, non 'yesterday'."),
                ("en", "from must be a date such as 2030-03-31, not 'yesterday'.")
            ] {
                try await reader.execute(
                    uri: "/billing-documents/export.csv?from=yesterday", method: .get,
                    headers: [.acceptLanguage: language]
                ) { response in
                    #expect(response.status == .badRequest)
                    let body = try JSONDecoder().decode(ErrorBody.self, from: Data(response.body.readableBytesView))
                    #expect(body.error.message == expected)
                    #expect(body.error.fields.map(\.field) == ["from"])
                }
            }
        }
    }

    @Test func aFormThatIsNotAFlatForm_isRefused400_andNothingIsWritten() async throws {
        let service = try TestService(withCatalogue: false)
        let app = Application(router: ServiceRuntime.buildRouter(BillingService.definition, context: service.context))
        try await app.test(.router) { anonymous in
            let clerk = anonymous.loggedIn(to: service.context, permissions: [.billingEdit])
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded", .acceptLanguage: "en"]
            let twice = "code=PUMP-A2&code=PUMP-B1&description=Pump&unit=pz&price=10&vatRatePercent=22&kind=material"
            try await clerk.execute(uri: "/articles", method: .post, headers: form, body: ByteBuffer(string: twice)) {
                response in
                #expect(response.status == .badRequest)
                let body = try JSONDecoder().decode(ErrorBody.self, from: Data(response.body.readableBytesView))
                #expect(
                    body.error.message
                        == "The form sent cannot be read: a field sent twice or a badly encoded character.")
            }
        }
        #expect(try await ArticleCatalogue(context: service.context).articles().isEmpty)
    }

    @Test func theDomainsRefusal_isEnglishByDefault() {
        let refusal = BillingError.documentNotFound("doc-404")
        #expect(refusal.message() == "There is no billing document 'doc-404'.")
        #expect(refusal.message(language: .it) == "Non esiste il documento 'doc-404'.")
        #expect("\(refusal)" == "There is no billing document 'doc-404'.")
    }
}
