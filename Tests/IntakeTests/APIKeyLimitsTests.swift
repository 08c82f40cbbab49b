import AriannaProtocol
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import IntakeService
@testable import ServiceKit

/// Intake's side of API keys (issue 16): limits are validated and stored, every change writes
/// the grant and a `setup.api-key.v1` snapshot (hash only), stored keys are republished at
/// start-up, and the page shows limits and last use.
@Suite struct APIKeyLimitsTests {
    static func json(_ admin: SessionCredentials) -> HTTPFields {
        var headers = admin.cookieHeaders
        headers[.contentType] = "application/json"
        headers[.acceptLanguage] = "en"
        return headers
    }

    @Test func aKeyWithLimits_isStored_publishedAsAHashOnly_andRevocationIsPublishedToo() async throws {
        try await LoginTests.withApp { client, fixture in
            let admin = try await fixture.session([.setupEdit])
            let created = try await client.executeRequest(
                uri: "/api/api-keys", method: .post, headers: Self.json(admin),
                body: ByteBuffer(
                    string: """
                        {"name":"Planner Rossi","permissions":["planner.schedule"],"services":["planner","intake"],
                         "expiresAt":"2031-01-01T00:00:00Z","requestsPerMinute":60}
                        """))
            #expect(created.status == .created, "\(String(buffer: created.body))")
            let body = try JSONSerialization.jsonObject(with: Data(buffer: created.body)) as? [String: Any]
            let secret = try #require(body?["secret"] as? String)
            let key = try #require(body?["key"] as? [String: Any])
            #expect(key["services"] as? [String] == ["intake", "planner"])
            #expect(key["requestsPerMinute"] as? Int == 60)
            let id = try #require(key["id"] as? String)

            let snapshots = try await fixture.outbox(type: "setup.api-key.v1")
            guard case .apiKeySnapshot(let snapshot) = snapshots.last?.event else {
                Issue.record("no snapshot")
                return
            }
            #expect(snapshot.keyHashSHA256 == APIKeyGrants.hash(secret))
            #expect(snapshot.services == ["intake", "planner"] && snapshot.requestsPerMinute == 60 && snapshot.active)
            let outbox = try await fixture.context.database.read { db in
                try Data.fetchAll(db, sql: "SELECT payload FROM outbox")
            }
            #expect(!outbox.contains { String(decoding: $0, as: UTF8.self).contains(secret) }, "the key never travels")

            _ = try await client.executeRequest(
                uri: "/api/api-keys/\(id)/revoke", method: .post, headers: admin.cookieHeaders, body: nil)
            guard case .apiKeySnapshot(let revoked) = try await fixture.outbox(type: "setup.api-key.v1").last?.event
            else {
                Issue.record("no snapshot")
                return
            }
            #expect(!revoked.active)
        }
    }

    @Test func badLimits_areRefusedByField_andNothingIsWritten() async throws {
        try await LoginTests.withApp { client, fixture in
            let admin = try await fixture.session([.setupEdit])
            let response = try await client.executeRequest(
                uri: "/api/api-keys", method: .post, headers: Self.json(admin),
                body: ByteBuffer(
                    string: """
                        {"name":"X","permissions":["tickets.read"],"services":["accounting"],
                         "expiresAt":"2020-01-01T00:00:00Z","requestsPerMinute":0}
                        """))
            #expect(response.status == .unprocessableContent)
            let text = String(buffer: response.body)
            #expect(text.contains("services[0]") && text.contains("expiresAt") && text.contains("requestsPerMinute"))
            #expect(text.contains("'accounting' is not a service"))
            #expect(try await fixture.outbox(type: "setup.api-key.v1").isEmpty)
        }
    }

    @Test func storedKeys_arePublishedAgainAtStartUp() async throws {
        let fixture = try await IntakeFixture()
        let keys = APIKeyDirectory(context: fixture.context)
        _ = try await keys.create(NewAPIKey(name: "A", permissions: ["tickets.read"]))
        let revoked = try await keys.create(NewAPIKey(name: "B", permissions: ["tickets.read"]))
        _ = try await keys.revoke(id: revoked.key.id)
        let before = try await fixture.outbox(type: "setup.api-key.v1").count

        try await IntakeAuthentication.prepare(context: fixture.context)

        let after = try await fixture.outbox(type: "setup.api-key.v1")
        #expect(after.count == before + 2)
        let states = after.suffix(2).compactMap { received -> Bool? in
            if case .apiKeySnapshot(let snapshot) = received.event { return snapshot.active } else { return nil }
        }
        #expect(Set(states) == [true, false])
    }

    @Test func thePage_showsLimitsAndLastUse() async throws {
        try await LoginTests.withApp { client, fixture in
            let admin = try await fixture.session([.setupEdit])
            let created = try await APIKeyDirectory(context: fixture.context).create(
                NewAPIKey(
                    name: "Call centre", permissions: ["tickets.read"], services: ["intake"], requestsPerMinute: 120))
            var page = admin.cookieHeaders
            page[.accept] = "text/html"
            page[.acceptLanguage] = "en"
            let unused = String(
                buffer: try await client.executeRequest(uri: "/api-keys", method: .get, headers: page, body: nil).body)
            #expect(unused.contains("intake · 120 requests/min"))
            #expect(unused.contains(">Never<"))

            // a use on intake, and one reported by the planner
            #expect(
                try await client.executeRequest(
                    uri: "/api/tickets", method: .get,
                    headers: [.authorization: "Bearer \(created.secret)"], body: nil
                ).status == .ok)
            try await fixture.context.database.write { db in
                try APIKeyUsage.record(
                    APIKeyUsed(
                        keyID: created.key.id, service: "planner",
                        usedAt: IntakeFixture.now.addingTimeInterval(3600)), in: db)
            }
            let used = String(
                buffer: try await client.executeRequest(uri: "/api-keys", method: .get, headers: page, body: nil).body)
            #expect(!used.contains(">Never<"))
            #expect(used.contains("(planner)"))
            let list = try await client.executeRequest(
                uri: "/api/api-keys", method: .get, headers: admin.cookieHeaders, body: nil)
            #expect(String(buffer: list.body).contains(#""intake":"#))
        }
    }

    @Test func thePageForm_createsALimitedKey_andKeepsTheInputOnAProblem() async throws {
        try await LoginTests.withApp { client, fixture in
            let admin = try await fixture.session([.setupEdit])
            var form = admin.cookieHeaders
            form[.contentType] = "application/x-www-form-urlencoded"
            form[.acceptLanguage] = "it"
            let bad = try await client.executeRequest(
                uri: "/api-keys", method: .post, headers: form,
                body: LoginTests.encoded([
                    ("name", "Contabilità"), ("permissions", "billing.read"), ("services", "billing"),
                    ("requestsPerMinute", "tanti")
                ]))
            #expect(bad.status == .unprocessableContent)
            let html = String(buffer: bad.body)
            #expect(html.contains("numero intero di richieste al minuto"))
            #expect(html.contains(#"value="Contabilità""#) && html.contains(#"value="billing" checked"#))

            let good = try await client.executeRequest(
                uri: "/api-keys", method: .post, headers: form,
                body: LoginTests.encoded([
                    ("name", "Contabilità"), ("permissions", "billing.read"), ("services", "billing"),
                    ("expiresOn", "2030-12-31"), ("requestsPerMinute", "30")
                ]))
            #expect(good.status == .created)
            let stored = try await fixture.context.database.read { db in try APIKeyRecord.fetchAll(db) }
            let record = try #require(stored.first { $0.name == "Contabilità" })
            #expect(record.services == ["billing"] && record.requestsPerMinute == 30)
            #expect(record.expiresAt.map { $0 > IntakeFixture.now } == true)
        }
    }
}
