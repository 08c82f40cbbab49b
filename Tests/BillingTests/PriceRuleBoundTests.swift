import BillingDomain
import Foundation
import Hummingbird
import HummingbirdTesting
import ServiceKit
import ServiceTestSupport
import Testing

@testable import BillingService

/// Issue 15: `GET /api/price-rules` is not paged because the domain bounds it — one rule per
/// registration type, a fixed set — even after the clerk changed some (on the allow-list of
/// `Tests/Contract/test_paged_lists.py`).
@Suite struct PriceRuleBoundTests {
    struct Rule: Decodable { var registrationType: String }

    @Test func priceRules_areOnePerRegistrationType_neverMore() async throws {
        let service = try TestService()
        let app = Application(router: ServiceRuntime.buildRouter(BillingService.definition, context: service.context))
        try await app.test(.router) { anonymous in
            let client = anonymous.loggedIn(to: service.context)
            for registration in RegistrationType.allCases {
                let put = try await client.executeRequest(
                    uri: "/api/price-rules/\(registration.rawValue)", method: .put,
                    headers: [.contentType: "application/json"],
                    body: ByteBuffer(string: #"{"labourDiscountPercent": 10}"#))
                #expect(put.status == .ok, "\(String(buffer: put.body))")
            }
            let response = try await client.executeRequest(
                uri: "/api/price-rules", method: .get, headers: [:], body: nil)
            let rules = try APIJSON.decoder.decode([Rule].self, from: Data(buffer: response.body))
            #expect(rules.map(\.registrationType) == RegistrationType.allCases.map(\.rawValue))
            #expect(rules.count <= 10, "a handful of registration types, not a growing list")
        }
    }
}
