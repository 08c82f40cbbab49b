import AriannaProtocol
import Foundation
import Hummingbird
import HummingbirdTesting
import ServiceKit
import ServiceTestSupport
import Testing

@testable import WebReportService

/// Issue 15: the report form's article search `GET /api/articles?q=` pages by code — each
/// article once while billing publishes more between pages, `limit` capped at 100, a foreign
/// cursor refused in the caller's language.
@Suite struct ArticleSearchPaginationTests {
    struct Hits: Decodable {
        struct Hit: Decodable { var code: String }
        var items: [Hit]
        var nextCursor: String?
    }

    static func publish(_ service: TestService, _ code: String) async throws {
        try await service.deliver(
            .mock(
                ArticleSnapshot.mock(code: code, description: "Filtro \(code)"),
                id: "evt-\(code)", as: AriannaEvent.articleSnapshot))
    }

    static func get(_ client: any TestClientProtocol, _ uri: String) async throws -> Hits {
        let response = try await client.executeRequest(uri: uri, method: .get, headers: [:], body: nil)
        #expect(response.status == .ok, "\(uri): \(String(buffer: response.body))")
        return try APIJSON.decoder.decode(Hits.self, from: Data(buffer: response.body))
    }

    @Test func search_pagesEveryArticleOnceByCode_whileArticlesArrive() async throws {
        let service = try TestService()
        for code in ["FLT-D", "FLT-A", "FLT-C", "FLT-B"] { try await Self.publish(service, code) }
        try await ReportRoutesTests.app(service).test(.router) { anonymous in
            let client = anonymous.loggedIn(to: service.context)
            var page = try await Self.get(client, "/api/articles?q=FLT&limit=2")
            #expect(page.items.map(\.code) == ["FLT-A", "FLT-B"] && page.nextCursor != nil)
            var codes = page.items.map(\.code)
            try await Self.publish(service, "FLT-0")  // before the cursor: not sent again
            try await Self.publish(service, "FLT-E")  // after it: on a later page
            while let cursor = page.nextCursor {
                page = try await Self.get(client, "/api/articles?q=FLT&limit=2&cursor=\(cursor)")
                #expect(page.items.count <= 2)
                codes += page.items.map(\.code)
            }
            #expect(codes == ["FLT-A", "FLT-B", "FLT-C", "FLT-D", "FLT-E"])
            let empty = try await Self.get(client, "/api/articles?q=")
            #expect(empty.items.isEmpty && empty.nextCursor == nil)
        }
    }

    @Test(arguments: [
        ("limit=101", "en", "limit must be a whole number from 1 to 100, not '101'."),
        ("limit=abc", "it", "limit deve essere un numero intero da 1 a 100, non 'abc'."),
        ("cursor=%25%25", "en", "cursor is not valid"),
        ("cursor=\(PageCursor(["a", "b"]).token)", "it", "cursor non è valido")
    ])
    func search_refusesABadLimitOrCursor_with400(query: String, language: String, message: String) async throws {
        let service = try TestService()
        try await Self.publish(service, "FLT-A")
        try await ReportRoutesTests.app(service).test(.router) { anonymous in
            let response = try await anonymous.loggedIn(to: service.context).executeRequest(
                uri: "/api/articles?q=FLT&\(query)", method: .get, headers: [.acceptLanguage: language], body: nil)
            #expect(response.status == .badRequest)
            #expect(String(buffer: response.body).contains(message), "\(String(buffer: response.body))")
        }
    }

    @Test func search_matchesTheCodeOrEitherDescription_ofActiveArticlesOnly() async throws {
        let service = try TestService()
        let articles = [
            ArticleSnapshot(
                code: "PUMP-A2", description: "Circolatore", descriptionEN: "Circulation pump", unit: "pz",
                unitPriceCents: 12_000, vatRatePercent: 22, kind: .material, active: true),
            ArticleSnapshot(
                code: "VALVE-1", description: "Valvola della pompa", descriptionEN: nil, unit: "pz",
                unitPriceCents: 3_000, vatRatePercent: 22, kind: .material, active: true),
            ArticleSnapshot(
                code: "PUMP-OLD", description: "Circolatore vecchio", descriptionEN: "Old pump", unit: "pz",
                unitPriceCents: 9_000, vatRatePercent: 22, kind: .material, active: false)
        ]
        for article in articles {
            try await service.deliver(.mock(article, id: "evt-\(article.code)", as: AriannaEvent.articleSnapshot))
        }
        func codes(_ text: String) async throws -> [String] {
            try await service.store.searchArticles(text).items.map(\.code)
        }
        #expect(
            try await codes("pump") == ["PUMP-A2"], "the code and the English description; the retired one left out")
        #expect(try await codes("Circulation") == ["PUMP-A2"], "the English description alone")
        #expect(try await codes("CIRCOLATORE") == ["PUMP-A2"], "the Italian description, whatever the case")
        #expect(try await codes("pompa") == ["VALVE-1"])
        #expect(try await codes("p%u_mp") == ["PUMP-A2"], "wildcards typed are dropped, not obeyed")
    }
}
