import AriannaProtocol
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@testable import ServiceKit

/// A session intake ended (`session.ended.v1`) is refused by every service, not only by intake.
@Suite struct EndedSessionTests {
    static let key = SessionKey(bytes: Array(repeating: 7, count: 32))
    static let now = Date(timeIntervalSince1970: 1_900_000_000)

    func context() throws -> ServiceContext {
        ServiceContext(
            configuration: ServiceConfiguration(
                serviceName: "billing", dataDirectory: FileManager.default.temporaryDirectory, httpPort: 0,
                sessionKey: Self.key),
            database: try .inMemory { _ in }, clock: .fixed(Self.now), logger: Logger(label: "test"))
    }

    func definition() -> ServiceDefinition {
        ServiceDefinition(
            name: "billing", defaultPort: 0, consumedTopics: [.tickets], migrations: { _ in },
            addRoutes: { router, _ in
                router.group().add(middleware: RequirePermission(.billingRead)).get("api/documents") { _, _ in "[]" }
            })
    }

    @Test func anEndedSession_isRefused_andOthersAreNot() async throws {
        let context = try context()
        let ended = SessionCredentials.mint(
            permissions: [.billingRead], key: Self.key, now: Self.now, sessionID: "ses-ended")
        let other = SessionCredentials.mint(
            permissions: [.billingRead], key: Self.key, now: Self.now, sessionID: "ses-live")
        let app = Application(router: ServiceRuntime.buildRouter(definition(), context: context))
        try await app.test(.router) { client in
            #expect(
                try await client.execute(uri: "/api/documents", method: .get, headers: ended.cookieOnlyHeaders).status
                    == .ok)
            try await context.database.write { db in
                try EndedSessions.record(
                    SessionEnded(
                        sessionID: "ses-ended", userID: "user-tester", endedAt: Self.now,
                        expiresAt: Self.now.addingTimeInterval(3600)),
                    now: Self.now, in: db)
            }
            #expect(
                try await client.execute(uri: "/api/documents", method: .get, headers: ended.cookieOnlyHeaders).status
                    == .unauthorized)
            #expect(
                try await client.execute(uri: "/api/documents", method: .get, headers: ended.bearerHeaders).status
                    == .unauthorized)
            #expect(
                try await client.execute(uri: "/api/documents", method: .get, headers: other.cookieOnlyHeaders).status
                    == .ok)
        }
    }

    @Test func recording_isIdempotent_andForgetsExpiredSessions() async throws {
        let context = try context()
        let old = SessionEnded(
            sessionID: "ses-old", userID: "u", endedAt: Self.now.addingTimeInterval(-7200),
            expiresAt: Self.now.addingTimeInterval(-3600))
        let fresh = SessionEnded(
            sessionID: "ses-new", userID: "u", endedAt: Self.now, expiresAt: Self.now.addingTimeInterval(3600))
        try await context.database.write { db in
            try EndedSessions.record(old, now: Self.now.addingTimeInterval(-7200), in: db)
            try EndedSessions.record(fresh, now: Self.now, in: db)
            try EndedSessions.record(fresh, now: Self.now, in: db)
        }
        let ids = try await context.database.read { db in
            try String.fetchAll(db, sql: "SELECT sessionID FROM endedSession")
        }
        #expect(ids == ["ses-new"])
    }

    @Test func everyService_listensToTheSetupTopic_forEndedSessions() {
        #expect(ServiceRuntime.subscribedTopics(definition()) == [.tickets, .setup])
        var planner = definition()
        planner.consumedTopics = [.tickets, .setup]
        #expect(ServiceRuntime.subscribedTopics(planner) == [.tickets, .setup])
    }
}
