import AriannaProtocol
import Foundation
public import Hummingbird
public import HummingbirdTesting
public import ServiceKit

/// One route that takes an id, tried by a caller who holds the route's permission, on a real
/// object: either one the caller may not touch (refused, and refused alike for an id that does
/// not exist, so the answer does not tell an outsider the object is there), or — where the route
/// has no per-object rule by design — one the documented answer is expected for.
public struct ObjectAccessRow: Sendable, CustomStringConvertible {
    /// What the row expects.
    public enum Rule: Sendable {
        /// Not the caller's object: `status`, and the same status for `absentURI` (an id that
        /// does not exist), so existence does not leak.
        case refused(HTTPResponse.Status, absentURI: String)
        /// No per-object rule by design, for `reason`; the caller gets `answer`.
        case noObjectRule(reason: String, answer: HTTPResponse.Status)
    }

    /// The route as the router lists it: `GET /api/tickets/{id}`.
    public var route: String
    /// The request actually sent, with the real object's id.
    public var uri: String
    /// Who asks: a session's or an API key's `Authorization`, plus any content type.
    public var caller: HTTPFields
    /// The request's body, if the route reads one.
    public var body: ByteBuffer?
    /// What the caller must get: the object, or a refusal.
    public var rule: Rule

    /// A row whose body, if any, is text (JSON or a form).
    public init(_ route: String, _ uri: String, caller: HTTPFields, body: String? = nil, _ rule: Rule) {
        self.route = route
        self.uri = uri
        self.caller = caller
        self.body = body.map { ByteBuffer(string: $0) }
        self.rule = rule
    }

    /// A row whose body is raw bytes (a photo, a file).
    public init(_ route: String, _ uri: String, caller: HTTPFields, bytes: [UInt8], _ rule: Rule) {
        self.init(route, uri, caller: caller, rule)
        self.body = ByteBuffer(bytes: bytes)
    }

    /// The route, as a failing test names the row.
    public var description: String { route }
}

/// Runs object-level access rows and checks that a router's id routes all have one.
public enum ObjectAccess {
    /// What went wrong, one sentence per finding; empty when every row got its answer.
    public static func findings(_ rows: [ObjectAccessRow], client: any TestClientProtocol) async throws -> [String] {
        var findings: [String] = []
        for row in rows {
            var headers = row.caller
            if headers[.accept] == nil { headers[.accept] = "application/json" }
            if row.body != nil, headers[.contentType] == nil { headers[.contentType] = "application/json" }
            let answer = try await client.executeRequest(
                uri: row.uri, method: method(of: row), headers: headers, body: row.body)
            switch row.rule {
            case .refused(let status, let absentURI):
                if answer.status != status {
                    findings.append(
                        "\(row) on another's object (\(row.uri)) answered \(answer.status.code), not \(status.code)")
                }
                let absent = try await client.executeRequest(
                    uri: absentURI, method: method(of: row), headers: headers, body: row.body)
                if absent.status != answer.status {
                    findings.append(
                        "\(row) answered \(answer.status.code) for another's object but \(absent.status.code) for one that does not exist (\(absentURI))"
                    )
                }
            case .noObjectRule(_, let expected):
                if answer.status != expected {
                    findings.append(
                        "\(row) (\(row.uri)) answered \(answer.status.code), not the documented \(expected.code)")
                }
            }
        }
        return findings
    }

    /// The routes of `router` whose path has a parameter (`GET /api/tickets/{id}`), wildcards as `{path}`.
    public static func idRoutes(of router: ServiceRouter) -> Set<String> {
        Set(
            router.routes.compactMap { route -> String? in
                let components = route.path.components.map { component -> String in
                    switch component.description {
                    case "*", "**": "{path}"
                    case let text: text
                    }
                }
                guard components.contains(where: { $0.contains("{") }) else { return nil }
                return "\(route.method.rawValue) /\(components.joined(separator: "/"))"
            })
    }

    /// Findings for id routes (``idRoutes(of:)``) without a row and rows for routes the router
    /// does not have, so a new id route without its object-level row fails the suite.
    public static func completeness(_ rows: [ObjectAccessRow], idRoutes routed: Set<String>) -> [String] {
        let covered = Set(rows.map(\.route))
        return routed.subtracting(covered).sorted().map { "\($0) has no object-level row" }
            + covered.subtracting(routed).sorted().map { "\($0) has a row but is not an id route of the router" }
    }

    /// A fresh API key with `permissions`, limited to `services` (empty: every service), granted
    /// in `context`'s kit table as `setup.api-key.v1` would; returns the key to present.
    public static func apiKey(
        permissions: Set<Permission>, services: [String] = [], context: ServiceContext
    ) async throws -> String {
        let id = UUID().uuidString.lowercased()
        let key = "ak_" + String((id + UUID().uuidString.lowercased()).filter { $0 != "-" }.prefix(43))
        let snapshot = APIKeySnapshot(
            id: "key-\(id)", name: "Object access key", keyHashSHA256: APIKeyGrants.hash(key),
            permissions: permissions.map(\.rawValue).sorted(), services: services, expiresAt: nil,
            requestsPerMinute: nil, active: true)
        try await context.database.write { db in try APIKeyGrants.record(snapshot, in: db) }
        return key
    }

    private static func method(of row: ObjectAccessRow) -> HTTPRequest.Method {
        HTTPRequest.Method(String(row.route.prefix(while: { $0 != " " })))!
    }
}

extension HTTPFields {
    /// `Authorization: Bearer <token>` for `credentials`, or for an API key (`ak_…`).
    public static func bearer(_ token: String) -> HTTPFields { [.authorization: "Bearer \(token)"] }

    /// These fields with `name` set to `value` (a caller's headers plus a content type).
    public func setting(_ name: HTTPFields.Element.Name, _ value: String) -> HTTPFields {
        var fields = self
        fields[name] = value
        return fields
    }
}
