import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Setup changes reach a consumer that starts late: intake publishes a snapshot of every change
/// on `arianna.setup`, and a planner started afterwards with an empty data folder builds its
/// read model from the topic's beginning and shows the current state, not the first one.
@Suite("EndToEnd setup snapshots", .serialized)
struct SetupSnapshotTests {
    /// Both services sign and check sessions with the same key.
    static let environment = ["ARIANNA_SESSION_KEY": "e2e-setup-snapshots-session-key-0123456789"]

    @Test func lateConsumer_seesTheCurrentSetup() async throws {
        let cluster = try ServiceCluster()
        defer { cluster.stop() }
        try await cluster.start([.intake], extraEnvironment: Self.environment)

        // Given an administrator's session on intake
        let (login, loginStatus) = try await HTTP.send(
            "POST", cluster.url(.intake, "/api/sessions"),
            json: ["username": "admin", "password": "arianna-admin"])
        #expect(loginStatus == 201, "\(String(decoding: login, as: UTF8.self))")
        let token = try #require(try HTTP.object(login)["token"] as? String)
        let auth = ["Authorization": "Bearer \(token)"]

        // When the setup changes through the API before the planner ever ran:
        // the repair type is renamed and recoloured,
        let (renamed, renameStatus) = try await HTTP.send(
            "PATCH", cluster.url(.intake, "/api/setup/activity-types/at-repair"),
            json: ["name": "Riparazione urgente", "colour": "#123abc"], headers: auth)
        #expect(renameStatus == 200, "\(String(decoding: renamed, as: UTF8.self))")
        // a group is renamed (its members' snapshots follow),
        let (group, groupStatus) = try await HTTP.send(
            "PUT", cluster.url(.intake, "/api/setup/groups/grp-technicians-north"), json: ["name": "Tecnici Nord"],
            headers: auth)
        #expect(groupStatus == 200, "\(String(decoding: group, as: UTF8.self))")
        // and an operator is added to it
        let (added, addStatus) = try await HTTP.send(
            "POST", cluster.url(.intake, "/api/setup/operators"),
            json: ["name": "Anna Neri", "email": "anna.neri@example.com", "groups": ["Tecnici Nord"]], headers: auth)
        #expect(addStatus == 201, "\(String(decoding: added, as: UTF8.self))")
        let annaID = try #require(try HTTP.object(added)["id"] as? String)
        // (a refused change publishes nothing and says why)
        let (refused, refusedStatus) = try await HTTP.send(
            "POST", cluster.url(.intake, "/api/setup/operators"), json: ["name": "", "groups": ["Nowhere"]],
            headers: auth)
        #expect(refusedStatus == 422, "\(String(decoding: refused, as: UTF8.self))")

        // Then a planner started now, with an empty data folder, has all of it
        try await cluster.start([.planner], extraEnvironment: Self.environment)
        let operators = try await eventually("Anna and the renamed group in the planner") { () -> [[String: Any]]? in
            let list = try HTTP.items(
                try await Self.get(cluster.url(.planner, "/api/operators?limit=200"), headers: auth))
            let anna = list.first { $0["id"] as? String == annaID }
            let mario = list.first { $0["id"] as? String == "op-mario" }
            guard anna?["groups"] as? [String] == ["Tecnici Nord"], mario?["groups"] as? [String] == ["Tecnici Nord"]
            else { return nil }
            return list
        }
        #expect(operators.count == 4)
        #expect(!operators.contains { $0["name"] as? String == "" })
        let board = try await eventually("the renamed, recoloured type on the planner board") { () -> String? in
            let text = String(
                decoding: try await Self.get(cluster.url(.planner, "/api/board"), headers: auth), as: UTF8.self)
            return text.contains("Riparazione urgente") && text.lowercased().contains("#123abc") ? text : nil
        }
        #expect(!board.contains("Repair call"))
    }

    static func get(_ url: URL, headers: [String: String]) async throws -> Data {
        var request = URLRequest(url: url)
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, status) = try await HTTP.send(request)
        guard status == 200 else {
            throw HarnessError("GET \(url.path) answered \(status): \(String(decoding: data, as: UTF8.self))")
        }
        return data
    }
}
