import AriannaProtocol
import Foundation
public import Hummingbird
public import HummingbirdTesting
public import ServiceKit

/// One route of a service and the permissions that open it (any one of them).
public struct ProtectedRoute: Sendable, CustomStringConvertible {
    /// The HTTP method.
    public var method: HTTPRequest.Method
    /// The path with a real or dummy id, as the request is sent.
    public var uri: String
    /// The permissions that open the route; any one of them is enough.
    public var needs: Set<Permission>
    /// A JSON body for routes that need one to get past decoding.
    public var body: String?

    /// A route that `needs` any of these permissions.
    public init(_ method: HTTPRequest.Method, _ uri: String, needs: Set<Permission>, body: String? = nil) {
        self.method = method
        self.uri = uri
        self.needs = needs
        self.body = body
    }

    /// `GET /api/tickets`, as a failing test names the route.
    public var description: String { "\(method) \(uri)" }
}

/// The permission matrix of a service's routes: every route × (no session, a session with
/// every permission but the needed ones, a session with only one needed permission), and the
/// same two identities again as API keys (`Authorization: Bearer ak_…`, granted in the
/// service's kit table as `setup.api-key.v1` would), so keys and sessions open the same routes.
public enum PermissionMatrix {
    /// What went wrong, one sentence per finding; empty when every route checks its permission.
    public static func findings(
        _ routes: [ProtectedRoute], client: any TestClientProtocol, context: ServiceContext
    ) async throws -> [String] {
        var findings: [String] = []
        for route in routes {
            let body = route.body.map { ByteBuffer(string: $0) }
            let json: HTTPFields = [.contentType: "application/json", .accept: "application/json"]
            let anonymous = try await client.executeRequest(
                uri: route.uri, method: route.method, headers: json, body: body)
            if anonymous.status != .unauthorized {
                findings.append("\(route) without a session answered \(anonymous.status.code), not 401")
            }
            let others = Set(Permission.allCases).subtracting(route.needs)
            let without = try await client.loggedIn(to: context, permissions: others)
                .executeRequest(uri: route.uri, method: route.method, headers: json, body: body)
            if without.status != .forbidden {
                findings.append(
                    "\(route) without \(route.needs.map(\.rawValue).sorted()) answered \(without.status.code), not 403")
            }
            var keyWithout = json
            keyWithout[.authorization] = "Bearer \(try await apiKey(permissions: others, context: context))"
            let keyedWithout = try await client.executeRequest(
                uri: route.uri, method: route.method, headers: keyWithout, body: body)
            if keyedWithout.status != .forbidden {
                findings.append(
                    "\(route) with an API key without \(route.needs.map(\.rawValue).sorted()) answered \(keyedWithout.status.code), not 403"
                )
            }
            for permission in route.needs {
                let with = try await client.loggedIn(to: context, permissions: [permission])
                    .executeRequest(uri: route.uri, method: route.method, headers: json, body: body)
                if with.status == .unauthorized || with.status == .forbidden {
                    findings.append("\(route) with \(permission.rawValue) answered \(with.status.code)")
                }
                var keyWith = json
                keyWith[.authorization] = "Bearer \(try await apiKey(permissions: [permission], context: context))"
                let keyed = try await client.executeRequest(
                    uri: route.uri, method: route.method, headers: keyWith, body: body)
                if keyed.status == .unauthorized || keyed.status == .forbidden {
                    findings.append(
                        "\(route) with an API key holding \(permission.rawValue) answered \(keyed.status.code)")
                }
            }
        }
        return findings
    }

    /// A fresh API key with `permissions`, valid on every service, granted in `context`'s kit
    /// table as the service would learn it from `setup.api-key.v1`; returns the key to present.
    public static func apiKey(permissions: Set<Permission>, context: ServiceContext) async throws -> String {
        let id = UUID().uuidString.lowercased()
        let key = "ak_" + String((id + UUID().uuidString.lowercased()).filter { $0 != "-" }.prefix(43))
        let snapshot = APIKeySnapshot(
            id: "key-\(id)", name: "Matrix key", keyHashSHA256: APIKeyGrants.hash(key),
            permissions: permissions.map(\.rawValue).sorted(), services: [], expiresAt: nil, requestsPerMinute: nil,
            active: true)
        try await context.database.write { db in try APIKeyGrants.record(snapshot, in: db) }
        return key
    }
}
