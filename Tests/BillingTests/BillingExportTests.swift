import Foundation
import Hummingbird
import HummingbirdTesting
import ServiceTestSupport
import Testing

@testable import BillingService
@testable import ServiceKit

/// Billing documents for a period as a CSV for Italian Excel: euros with a decimal comma.
@Suite struct BillingExportTests {
    @Test func documentsOfAPeriod_downloadAsExcelCSV() async throws {
        let service = try TestService()
        try await service.deliver(.closed(.mock(), id: "evt-1"))
        let app = Application(router: ServiceRuntime.buildRouter(BillingService.definition, context: service.context))
        try await app.test(.router) { anonymous in
            let client = anonymous.loggedIn(to: service.context, permissions: [.billingRead])
            try await client.execute(
                uri: "/billing-documents/export.csv?from=2000-01-01&to=2099-12-31", method: .get,
                headers: [.acceptLanguage: "it"]
            ) { response in
                #expect(response.status == .ok)
                let bytes = Array(response.body.readableBytesView)
                #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
                let rows = String(decoding: bytes.dropFirst(3), as: UTF8.self).split(separator: "\r\n").map {
                    $0.components(separatedBy: ";")
                }
                #expect(rows.count == 2)
                #expect(rows[0].first == "Tipo")
                #expect(rows[1][0] == "invoice")
                // A draft has no number yet: numbers are given at confirmation.
                #expect(rows[1][1] == "")
                #expect(rows[1][2] == "draft")
                #expect(rows[1][4] == "Rossi Impianti S.r.l.")
                #expect(rows[1][11].contains(","))
            }
            try await client.execute(uri: "/billing-documents/export.csv?from=2000-01-01&to=2000-01-31", method: .get) {
                response in
                #expect(
                    String(decoding: Array(response.body.readableBytesView), as: UTF8.self).split(separator: "\r\n")
                        .count == 1)
            }
            try await client.execute(uri: "/billing-documents/export.csv?from=yesterday", method: .get) { response in
                #expect(response.status == .badRequest)
            }
        }
    }
}
