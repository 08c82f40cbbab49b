import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A JSON client for the benches that fill or read a running system through its APIs: logs in as
/// the administrator on intake (the session opens every service: shared key) and keeps up to
/// `connections` connections per service.
struct BenchHTTPClient: Sendable {
    /// The session carrying the administrator's bearer token to every service, with the connection limit.
    let session: URLSession

    /// Logs in as `admin` on `intake` with `password`.
    static func logIn(intake: String, password: String, connections: Int) async throws -> BenchHTTPClient {
        var request = URLRequest(url: try url(intake + "/api/sessions"))
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = try JSONSerialization.data(withJSONObject: ["username": "admin", "password": password])
        let (data, _) = try await URLSession.shared.data(for: request)
        guard let token = (try? JSONSerialization.jsonObject(with: data) as? [String: Any])?["token"] as? String else {
            throw BenchFailure("logging in as admin failed: \(String(decoding: data, as: UTF8.self))")
        }
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpAdditionalHeaders = ["Authorization": "Bearer \(token)", "Accept": "application/json"]
        configuration.httpMaximumConnectionsPerHost = max(1, connections)
        configuration.timeoutIntervalForRequest = 120
        return BenchHTTPClient(session: URLSession(configuration: configuration))
    }

    /// `text` as a URL, or a `BenchFailure` naming the malformed base URL given on the command line.
    static func url(_ text: String) throws -> URL {
        guard let url = URL(string: text) else { throw BenchFailure("not a URL: \(text)") }
        return url
    }

    /// Sends `body` as JSON; the status and the answer's bytes.
    func send(_ method: String, _ url: String, _ body: [String: Any], headers: [String: String] = [:]) async throws -> (
        Int, Data
    ) {
        var request = URLRequest(url: try Self.url(url))
        request.httpMethod = method
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        request.httpBody = try JSONSerialization.data(withJSONObject: body)
        let (data, response) = try await session.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
    }

    /// GETs `url`; the status and the answer's bytes.
    func get(_ url: String) async throws -> (Int, Data) {
        let (data, response) = try await session.data(from: try Self.url(url))
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
    }

    /// The JSON object of an answer, or an empty one.
    static func object(_ data: Data) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
    }

    /// Every row of a keyset-paged list (`{"items", "nextCursor"}`) from `url`, page by page.
    func all(_ url: String, limit: Int = 200) async throws -> [[String: Any]] {
        var rows: [[String: Any]] = []
        var cursor: String?
        repeat {
            guard var components = URLComponents(string: url) else { throw BenchFailure("not a URL: \(url)") }
            let query =
                (components.queryItems ?? []) + [URLQueryItem(name: "limit", value: String(limit))]
                + (cursor.map { [URLQueryItem(name: "cursor", value: $0)] } ?? [])
            components.queryItems = query
            let (status, data) = try await get(components.string ?? url)
            guard status == 200 else {
                throw BenchFailure("GET \(url) answered \(status): \(String(decoding: data, as: UTF8.self))")
            }
            let page = Self.object(data)
            rows += page["items"] as? [[String: Any]] ?? []
            cursor = page["nextCursor"] as? String
        } while cursor != nil
        return rows
    }
}
