import AriannaProtocol
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
import Testing

@testable import ServiceKit

/// API keys as every service checks them, from its kit table (`setup.api-key.v1`): the same
/// answer for every kind of bad key, the key's services, expiry and rate limit, and its last use.
@Suite struct APIKeyCheckTests {
    static let key = SessionKey(bytes: Array(repeating: 5, count: 32))
    static let start = Date(timeIntervalSince1970: 1_900_000_000)
    static let secret = "ak_" + String(repeating: "a", count: 43)

    /// A clock the test moves.
    final class Clock: Sendable {
        let now = Mutex(APIKeyCheckTests.start)
        func advance(_ seconds: TimeInterval) { now.withLock { $0 += seconds } }
        var service: ServiceClock { ServiceClock { [self] in now.withLock { $0 } } }
    }

    static func snapshot(
        id: String = "key-1", secret: String = secret, permissions: [String] = ["billing.read"],
        services: [String] = [],
        expiresAt: Date? = nil, requestsPerMinute: Int? = nil, active: Bool = true
    ) -> APIKeySnapshot {
        APIKeySnapshot(
            id: id, name: "Accounting", keyHashSHA256: APIKeyGrants.hash(secret), permissions: permissions,
            services: services, expiresAt: expiresAt, requestsPerMinute: requestsPerMinute, active: active)
    }

    /// A billing service with one route needing `billing.read`, its kit table holding `snapshots`.
    static func withBilling(
        _ snapshots: [APIKeySnapshot], clock: Clock = Clock(),
        _ test: @escaping @Sendable (any TestClientProtocol, ServiceContext) async throws -> Void
    ) async throws {
        let context = ServiceContext(
            configuration: ServiceConfiguration(
                serviceName: "billing", dataDirectory: FileManager.default.temporaryDirectory, httpPort: 0,
                sessionKey: key),
            database: try .inMemory { _ in }, clock: clock.service, logger: Logger(label: "test"))
        try await context.database.write { db in
            for snapshot in snapshots { try APIKeyGrants.record(snapshot, in: db) }
        }
        let definition = ServiceDefinition(
            name: "billing", defaultPort: 0, consumedTopics: [], migrations: { _ in },
            addRoutes: { router, _ in
                router.group().add(middleware: RequirePermission(.billingRead)).get("api/documents") { _, _ in "[]" }
                router.group().add(middleware: RequirePermission(.setupEdit)).get("api/secret") { _, _ in "no" }
            })
        let app = Application(router: ServiceRuntime.buildRouter(definition, context: context))
        try await app.test(.router) { try await test($0, context) }
    }

    static func get(
        _ client: any TestClientProtocol, _ uri: String = "/api/documents", key: String = secret,
        asXAPIKey: Bool = false
    ) async throws -> TestResponse {
        var headers: HTTPFields = [.acceptLanguage: "en"]
        if asXAPIKey { headers[.init("X-API-Key")!] = key } else { headers[.authorization] = "Bearer \(key)" }
        return try await client.executeRequest(uri: uri, method: .get, headers: headers, body: nil)
    }

    @Test func aLiveKey_worksAsBearerAndAsXAPIKey() async throws {
        try await Self.withBilling([Self.snapshot()]) { client, _ in
            let status1 = try await Self.get(client).status
            #expect(status1 == .ok)
            let status2 = try await Self.get(client, asXAPIKey: true).status
            #expect(status2 == .ok)
        }
    }

    @Test func malformedUnknownExpiredAndRevokedKeys_getTheSame401() async throws {
        let other = "ak_" + String(repeating: "b", count: 43)
        let expired = "ak_" + String(repeating: "c", count: 43)
        let revoked = "ak_" + String(repeating: "d", count: 43)
        let snapshots = [
            Self.snapshot(id: "k-expired", secret: expired, expiresAt: Self.start),
            Self.snapshot(id: "k-revoked", secret: revoked, active: false)
        ]
        try await Self.withBilling(snapshots) { client, _ in
            var bodies: Set<String> = []
            for key in ["not-a-key", "ak_short", other, expired, revoked] {
                let response = try await Self.get(client, key: key)
                #expect(response.status == .unauthorized, "\(key)")
                #expect(response.headers[.wwwAuthenticate] == "Bearer")
                bodies.insert(String(buffer: response.body))
            }
            #expect(bodies.count == 1, "one message for every bad key: \(bodies)")
            #expect(bodies.first?.contains("The API key or session token is not valid.") == true)
        }
    }

    @Test func aKeyExpires_atItsInstant() async throws {
        let clock = Clock()
        try await Self.withBilling([Self.snapshot(expiresAt: Self.start.addingTimeInterval(60))], clock: clock) {
            client, _ in
            let status3 = try await Self.get(client).status
            #expect(status3 == .ok)
            clock.advance(60)
            let status4 = try await Self.get(client).status
            #expect(status4 == .unauthorized)
        }
    }

    @Test func aKeyWithoutThePermission_gets403NamingIt() async throws {
        try await Self.withBilling([Self.snapshot()]) { client, _ in
            let response = try await Self.get(client, "/api/secret")
            #expect(response.status == .forbidden)
            #expect(String(buffer: response.body).contains("setup.edit"))
        }
    }

    @Test func aKeyLimitedToOtherServices_gets403OnThisOne() async throws {
        try await Self.withBilling([Self.snapshot(services: ["intake", "planner"])]) { client, _ in
            let response = try await Self.get(client)
            #expect(response.status == .forbidden)
            #expect(String(buffer: response.body).contains("may not be used on billing"))
        }
        try await Self.withBilling([Self.snapshot(services: ["billing"])]) { client, _ in
            let status5 = try await Self.get(client).status
            #expect(status5 == .ok)
        }
    }

    @Test func pastItsRate_aKeyGets429WithRetryAfter_andRecovers() async throws {
        let clock = Clock()
        try await Self.withBilling([Self.snapshot(requestsPerMinute: 2)], clock: clock) { client, _ in
            let status6 = try await Self.get(client).status
            #expect(status6 == .ok)
            let status7 = try await Self.get(client).status
            #expect(status7 == .ok)
            let refused = try await Self.get(client)
            #expect(refused.status == .tooManyRequests)
            #expect(refused.headers[.retryAfter] == "30")  // one request every 30 s at 2/min
            #expect(String(buffer: refused.body).contains("2 requests per minute"))
            clock.advance(30)
            let status8 = try await Self.get(client).status
            #expect(status8 == .ok)
            let status9 = try await Self.get(client).status
            #expect(status9 == .tooManyRequests)
        }
    }

    @Test func aRevocationSnapshot_stopsTheKeyAtOnce() async throws {
        try await Self.withBilling([Self.snapshot()]) { client, context in
            let status10 = try await Self.get(client).status
            #expect(status10 == .ok)
            try await context.database.write { db in try APIKeyGrants.record(Self.snapshot(active: false), in: db) }
            let status11 = try await Self.get(client).status
            #expect(status11 == .unauthorized)
        }
    }

    @Test func use_isWrittenAndPublishedAtMostOnceAMinutePerKey() async throws {
        let clock = Clock()
        try await Self.withBilling([Self.snapshot()], clock: clock) { client, context in
            for _ in 0..<5 { #expect(try await Self.get(client).status == .ok) }
            clock.advance(61)
            let status12 = try await Self.get(client).status
            #expect(status12 == .ok)
            let published = try await context.database.read { db in
                try String.fetchAll(db, sql: "SELECT eventType FROM outbox WHERE eventType = 'api-key.used.v1'")
            }
            #expect(published.count == 2)
            let uses = try await APIKeyUsage.lastUses(in: context.database)
            #expect(uses["key-1"]?["billing"] == Self.start.addingTimeInterval(61))
        }
    }

    @Test func recordingUses_keepsTheLatest() async throws {
        let database = try ServiceDatabase.inMemory { _ in }
        try await database.write { db in
            try APIKeyUsage.record(
                APIKeyUsed(keyID: "k", service: "planner", usedAt: Self.start.addingTimeInterval(60)), in: db)
            try APIKeyUsage.record(APIKeyUsed(keyID: "k", service: "planner", usedAt: Self.start), in: db)
            try APIKeyUsage.record(APIKeyUsed(keyID: "k", service: "intake", usedAt: Self.start), in: db)
        }
        let uses = try await APIKeyUsage.lastUses(in: database)
        #expect(uses["k"] == ["planner": Self.start.addingTimeInterval(60), "intake": Self.start])
    }
}
