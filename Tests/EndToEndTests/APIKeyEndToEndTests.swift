import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// API keys are created and revoked on intake and work on all five services (issue 16): intake
/// publishes `setup.api-key.v1` (the key's SHA-256 and limits), every service keeps it in its kit
/// table and checks keys locally. Real executables, real broker.
@Suite("EndToEnd API keys", .serialized)
struct APIKeyEndToEndTests {
    /// One protected read per service, and the permission it needs.
    static let probes: [(ServiceCluster.Name, String, String)] = [
        (.intake, "/api/tickets", "tickets.read"),
        (.planner, "/api/queue", "planner.schedule"),
        (.notification, "/api/emails", "tickets.read"),
        (.webreport, "/api/operators/op-mario/todo", "reports.fill"),
        (.billing, "/api/billing-documents", "billing.read")
    ]

    static func create(_ cluster: ServiceCluster, _ body: [String: Any]) async throws -> (id: String, secret: String) {
        let (data, status) = try await HTTP.send("POST", cluster.url(.intake, "/api/api-keys"), json: body)
        #expect(status == 201, "\(String(decoding: data, as: UTF8.self))")
        let created = try HTTP.object(data)
        let key = try #require(created["key"] as? [String: Any])
        return (try #require(key["id"] as? String), try #require(created["secret"] as? String))
    }

    static func status(_ cluster: ServiceCluster, _ service: ServiceCluster.Name, _ path: String, key: String)
        async throws -> Int
    {
        var request = URLRequest(url: cluster.url(service, path))
        request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization")  // not the harness's admin token
        return try await HTTP.send(request).1
    }

    @Test func aKeyWorksOnEveryService_andItsRevocationStopsItEverywhereWithinSeconds() async throws {
        let cluster = try ServiceCluster()
        defer { cluster.stop() }
        try await cluster.start(ServiceCluster.Name.allCases)

        // Given a key with the five services' permissions, created on intake
        let (id, secret) = try await Self.create(
            cluster,
            [
                "name": "Integrator",
                "permissions": ["tickets.read", "planner.schedule", "reports.fill", "billing.read"]
            ])

        // Then every service accepts it as soon as the snapshot arrives
        for (service, path, _) in Self.probes {
            let accepted = try await eventually("\(service) to accept the key", timeout: .seconds(30)) {
                try await Self.status(cluster, service, path, key: secret) == 200 ? true : nil
            }
            #expect(accepted)
        }

        // When the administrator revokes it on intake
        let revokedAt = ContinuousClock.now
        let (_, revoke) = try await HTTP.send("POST", cluster.url(.intake, "/api/api-keys/\(id)/revoke"), json: [:])
        #expect(revoke == 200)

        // Then intake refuses it at once, and each other service within a couple of seconds
        #expect(try await Self.status(cluster, .intake, "/api/tickets", key: secret) == 401)
        for (service, path, _) in Self.probes {
            let refused = try await eventually(
                "\(service) to refuse the revoked key", timeout: .seconds(30), every: .milliseconds(50)
            ) {
                try await Self.status(cluster, service, path, key: secret) == 401 ? true : nil
            }
            #expect(refused)
        }
        let elapsed = ContinuousClock.now - revokedAt
        #expect(elapsed < .seconds(5), "revocation reached every service after \(elapsed)")
    }

    @Test func aKeyLimitedToSomeServices_isRefusedWithAReasonElsewhere_andLacksOtherPermissions() async throws {
        let cluster = try ServiceCluster()
        defer { cluster.stop() }
        try await cluster.start([.intake, .planner, .billing])

        // Given a planning system's key, limited to the planner
        let (_, secret) = try await Self.create(
            cluster,
            [
                "name": "External planner", "permissions": ["planner.schedule", "tickets.read"], "services": ["planner"]
            ])
        let accepted = try await eventually("the planner to accept the key", timeout: .seconds(30)) {
            try await Self.status(cluster, .planner, "/api/queue", key: secret) == 200 ? true : nil
        }
        #expect(accepted)

        // Then intake refuses it with 403 (not its service), billing too once it knows it
        #expect(try await Self.status(cluster, .intake, "/api/tickets", key: secret) == 403)
        let refused = try await eventually("billing to know the key", timeout: .seconds(30)) {
            try await Self.status(cluster, .billing, "/api/billing-documents", key: secret) == 403 ? true : nil
        }
        #expect(refused)
    }

    @Test func keysAlreadyInIntakesStore_arePublishedAtStartUp() async throws {
        let cluster = try ServiceCluster()
        defer { cluster.stop() }
        // Given a key created while intake ran on topics nobody else will read
        try await cluster.start([.intake], extraEnvironment: ["ARIANNA_TOPIC_PREFIX": "\(cluster.topicPrefix)old."])
        let (_, secret) = try await Self.create(cluster, ["name": "Accounting", "permissions": ["billing.read"]])
        cluster.stop()

        // When intake starts again with billing on fresh topics
        try await cluster.start([.intake, .billing])

        // Then billing learns the stored key from intake's start-up snapshots
        let accepted = try await eventually("billing to accept the stored key", timeout: .seconds(30)) {
            try await Self.status(cluster, .billing, "/api/billing-documents", key: secret) == 200 ? true : nil
        }
        #expect(accepted)
    }
}
