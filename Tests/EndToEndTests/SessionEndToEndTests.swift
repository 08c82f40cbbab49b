import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Logging out on intake ends the session everywhere (R17): intake publishes `session.ended.v1`
/// and the planner, which only verifies the signed cookie, refuses that session from then on.
@Suite("EndToEnd logout", .serialized)
struct SessionEndToEndTests {
    @Test func logoutOnIntake_endsTheSessionOnThePlanner() async throws {
        let cluster = try ServiceCluster()
        defer { cluster.stop() }
        try await cluster.start([.intake, .planner])

        // Given Giulia (back office) logged in on intake, and reading the planner's queue
        let (login, status) = try await HTTP.send(
            "POST", cluster.url(.intake, "/api/sessions"), json: ["username": "giulia", "password": "arianna-demo"])
        #expect(status == 201, "\(String(decoding: login, as: UTF8.self))")
        let token = try #require(try HTTP.object(login)["token"] as? String)
        var queue = URLRequest(url: cluster.url(.planner, "/api/queue"))
        queue.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        #expect(try await HTTP.send(queue).1 == 200)

        // When she logs out on intake
        var logout = URLRequest(url: cluster.url(.intake, "/logout"))
        logout.httpMethod = "POST"
        logout.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        let (_, logoutStatus) = try await HTTP.sendWithoutRedirect(logout)
        #expect(logoutStatus == 303)

        // Then intake refuses the session at once, and the planner as soon as the event arrives
        var tickets = URLRequest(url: cluster.url(.intake, "/api/tickets"))
        tickets.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        #expect(try await HTTP.send(tickets).1 == 401)
        let refused = try await eventually("the planner to refuse the ended session", timeout: .seconds(60)) {
            try await HTTP.send(queue).1 == 401 ? true : nil
        }
        #expect(refused)
        // The administrator's own session is untouched.
        #expect(try await HTTP.get(cluster.url(.planner, "/api/queue")).1 == 200)
    }
}
