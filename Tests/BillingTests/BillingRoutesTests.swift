import AriannaProtocol
import Foundation
import Hummingbird
import HummingbirdTesting
import ServiceKit
import ServiceTestSupport
import Testing

@testable import BillingService

@Suite("Billing API")
struct BillingRoutesTests {
    /// The JSON Hummingbird sends with an `HTTPError`.
    struct ErrorBody: Decodable {
        struct Inner: Decodable { var message: String }
        var error: Inner
    }

    struct Summary: Decodable {
        var id: String
        var label: String
        var ticketID: String
        var totalCents: Int
    }

    struct Document: Decodable {
        struct Line: Decodable {
            var position: Int
            var description: String
            var quantity: Double
            var unitPriceCents: Int
            var amountCents: Int
        }
        var id: String
        var number: String?
        var status: String
        var lines: [Line]
        var totalCents: Int
    }

    struct Article: Decodable {
        var code: String
        var unitPriceCents: Int
    }

    static func decode<T: Decodable>(_ type: T.Type, _ response: TestResponse) throws -> T {
        try APIJSON.decoder.decode(type, from: Data(response.body.readableBytesView))
    }

    @Test func listsFiltersAndShowsDocuments() async throws {
        // Given
        let service = try TestService()
        try await service.deliver(.closed(.mock(), id: "evt-1"))
        try await service.deliver(.closed(.mock(ticketID: "tck-124", materials: []), id: "evt-2"))
        let app = Application(router: ServiceRuntime.buildRouter(BillingService.definition, context: service.context))

        try await app.test(.router) { anonymous in
            let client = anonymous.loggedIn(to: service.context)
            // When / Then: all, newest first
            try await client.execute(uri: "/api/billing-documents", method: .get) { response in
                #expect(response.status == .ok)
                let list = try Self.decode(ListPage<Summary>.self, response).items
                #expect(list.map(\.ticketID) == ["tck-124", "tck-123"])
            }
            // one ticket's
            let onlyOne = try await client.execute(uri: "/api/billing-documents?ticketID=tck-124", method: .get) {
                response in
                try Self.decode(ListPage<Summary>.self, response).items
            }
            #expect(onlyOne.map(\.ticketID) == ["tck-124"])
            let id = try #require(onlyOne.first?.id)
            // one document with its lines
            try await client.execute(uri: "/api/billing-documents/\(id)", method: .get) { response in
                #expect(response.status == .ok)
                let document = try Self.decode(Document.self, response)
                #expect(document.lines.count == 1)
                #expect(document.lines.first?.amountCents == 7125)
                #expect(document.totalCents == 7125 + 1568, "labour plus 22 % VAT")
            }
        }
    }

    @Test func answers404_forAnUnknownDocument() async throws {
        let service = try TestService()
        let app = Application(router: ServiceRuntime.buildRouter(BillingService.definition, context: service.context))
        try await app.test(.router) { anonymous in
            let client = anonymous.loggedIn(to: service.context)
            try await client.execute(uri: "/api/billing-documents/doc-404", method: .get) { response in
                #expect(response.status == .notFound)
                let decoded = try Self.decode(ErrorBody.self, response)
                #expect(
                    decoded.error.message == "Non esiste il documento 'doc-404'.", "Italian is the default language")
            }
        }
    }

    @Test func listsTheSeededCatalogue() async throws {
        let service = try TestService()
        let app = Application(router: ServiceRuntime.buildRouter(BillingService.definition, context: service.context))
        try await app.test(.router) { anonymous in
            let client = anonymous.loggedIn(to: service.context)
            try await client.execute(uri: "/api/articles", method: .get) { response in
                #expect(response.status == .ok)
                let articles = try Self.decode(ListPage<Article>.self, response).items
                #expect(articles.first { $0.code == "LAB-HOUR" }?.unitPriceCents == 4500)
                #expect(articles.first { $0.code == "FILTER-01" }?.unitPriceCents == 1250)
                #expect(articles.map(\.code) == articles.map(\.code).sorted())
            }
        }
    }

    @Test func theClerkEditsALineAndConfirms_throughJSON() async throws {
        let service = try TestService()
        try await service.deliver(.closed(.mock(), id: "evt-1"))
        let app = Application(router: ServiceRuntime.buildRouter(BillingService.definition, context: service.context))
        let json: HTTPFields = [.contentType: "application/json", .accept: "application/json", .acceptLanguage: "en"]
        try await app.test(.router) { anonymous in
            let clerk = anonymous.loggedIn(to: service.context, permissions: [.billingEdit])
            try await clerk.execute(uri: "/api/billing-documents/doc-1/confirm", method: .post, headers: json) {
                response in
                #expect(response.status == .unprocessableContent)
                #expect(String(buffer: response.body).contains("set its price before confirming"))
            }
            try await clerk.execute(
                uri: "/api/billing-documents/doc-1/lines/4", method: .patch, headers: json,
                body: ByteBuffer(string: #"{"price": 80}"#)
            ) { response in
                #expect(response.status == .ok)
            }
            try await clerk.execute(uri: "/api/billing-documents/doc-1/confirm", method: .post, headers: json) {
                response in
                #expect(response.status == .ok)
                let document = try Self.decode(Document.self, response)
                #expect(document.number == "FAT/2026/000001")
            }
            try await clerk.execute(
                uri: "/api/billing-documents/doc-1/lines/1", method: .patch, headers: json,
                body: ByteBuffer(string: #"{"quantity": 1}"#)
            ) { response in
                #expect(response.status == .conflict)
                #expect(String(buffer: response.body).contains("correct it with a credit note"))
            }
        }
    }
}
