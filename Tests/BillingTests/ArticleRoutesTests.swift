import AriannaProtocol
import Foundation
import Hummingbird
import HummingbirdTesting
import ServiceKit
import ServiceTestSupport
import Testing

@testable import BillingService

@Suite("Article API and pages")
struct ArticleRoutesTests {
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

    static let json: HTTPFields = [.contentType: "application/json", .accept: "application/json"]

    @Test func createsReadsAndUpdatesThroughJSON_andRefusesInTheCallersLanguage() async throws {
        let service = try TestService(withCatalogue: false)
        let app = Application(router: ServiceRuntime.buildRouter(BillingService.definition, context: service.context))
        try await app.test(.router) { anonymous in
            let clerk = anonymous.loggedIn(to: service.context, permissions: [.billingEdit])
            let body =
                #"{"code":"PUMP-A2","description":"Circolatore A2","unit":"pz","price":189,"vatRatePercent":22,"kind":"material"}"#
            try await clerk.execute(
                uri: "/api/articles", method: .post, headers: Self.json, body: ByteBuffer(string: body)
            ) { response in
                #expect(response.status == .created)
            }
            let update =
                #"{"description":"Circolatore A2 bis","unit":"pz","price":"190.5","vatRatePercent":"22","kind":"material"}"#
            try await clerk.execute(
                uri: "/api/articles/PUMP-A2", method: .put, headers: Self.json, body: ByteBuffer(string: update)
            ) { response in
                #expect(response.status == .ok)
            }
            try await clerk.execute(uri: "/api/articles/PUMP-A2", method: .get, headers: Self.json) { response in
                let article = try APIJSON.decoder.decode(
                    ArticleRecord.self, from: Data(response.body.readableBytesView))
                #expect(article.unitPriceCents == 19050)
                #expect(article.description == "Circolatore A2 bis")
            }
            var italian = Self.json
            italian[.acceptLanguage] = "it-IT"
            let bad =
                #"{"code":"X1","description":"x","unit":"pz","price":1.234,"vatRatePercent":21,"kind":"material"}"#
            try await clerk.execute(
                uri: "/api/articles", method: .post, headers: italian, body: ByteBuffer(string: bad)
            ) { response in
                #expect(response.status == .unprocessableContent)
                let error = try JSONDecoder().decode(ErrorBody.self, from: Data(response.body.readableBytesView))
                #expect(error.error.fields.map(\.field) == ["price", "vatRatePercent"])
                #expect(error.error.message.hasPrefix("Non è possibile salvare"))
            }
        }
        #expect(
            try await ArticleCatalogue(database: service.database, outbox: service.context.outbox).articles().count == 1
        )
    }

    @Test func theFormPage_savesAnArticle_andShowsProblemsNextToTheFields() async throws {
        let service = try TestService(withCatalogue: false)
        let app = Application(router: ServiceRuntime.buildRouter(BillingService.definition, context: service.context))
        try await app.test(.router) { anonymous in
            let clerk = anonymous.loggedIn(to: service.context, permissions: [.billingEdit])
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded", .accept: "text/html"]
            let good =
                "code=GASKET-KIT&description=Kit+guarnizioni&unit=pz&price=6%2C50&vatRatePercent=22&kind=material"
            try await clerk.execute(uri: "/articles", method: .post, headers: form, body: ByteBuffer(string: good)) {
                response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/articles/GASKET-KIT?saved=1")
            }
            let bad = "code=BAD&description=&unit=pz&price=6.505&vatRatePercent=22&kind=material"
            try await clerk.execute(uri: "/articles", method: .post, headers: form, body: ByteBuffer(string: bad)) {
                response in
                #expect(response.status == .unprocessableContent)
                let html = String(buffer: response.body)
                #expect(html.contains(#"data-field="price""#))
                #expect(html.contains(#"data-field="description""#))
                #expect(html.contains("value=\"6.505\""), "the typed value comes back")
            }
            try await clerk.execute(uri: "/articles?q=gasket", method: .get, headers: [.accept: "text/html"]) {
                response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains(#"data-article="GASKET-KIT""#))
            }
        }
    }

    @Test func theImportForm_reportsEachRow() async throws {
        let service = try TestService()
        let app = Application(router: ServiceRuntime.buildRouter(BillingService.definition, context: service.context))
        try await app.test(.router) { anonymous in
            let clerk = anonymous.loggedIn(to: service.context, permissions: [.billingEdit])
            let form: HTTPFields = [
                .contentType: "application/x-www-form-urlencoded", .accept: "text/html", .acceptLanguage: "en"
            ]
            let csv =
                "code;description;unit;price;vatRatePercent;kind\nNEW-9;Nuovo;pz;2.5;22;material\nBAD;x;pz;1.999;22;material"
            let body = "csv=" + (csv.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
            try await clerk.execute(
                uri: "/articles/import", method: .post, headers: form, body: ByteBuffer(string: body)
            ) { response in
                let html = String(buffer: response.body)
                #expect(response.status == .unprocessableContent)
                #expect(html.contains("No row imported"))
                #expect(html.contains("refused"))
            }
        }
    }
}
