import Foundation
import Synchronization

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A few JSON-over-HTTP calls for the tests, on URLSession.
enum HTTP {
    static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 30
        configuration.httpMaximumConnectionsPerHost = 32
        return URLSession(configuration: configuration)
    }()

    static func get(_ url: URL) async throws -> (Data, Int) {
        try await send(URLRequest(url: url))
    }

    static func send(_ method: String, _ url: URL, json: [String: Any], headers: [String: String] = [:]) async throws
        -> (Data, Int)
    {
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        request.httpBody = try JSONSerialization.data(withJSONObject: json)
        return try await send(request)
    }

    /// Session tokens by port: a cluster that logged in registers its token for its services'
    /// ports, and every request to them presents it (unless the test sets its own Authorization).
    static let tokens = Mutex<[Int: String]>([:])

    static func authorize(ports: some Sequence<Int>, token: String) {
        tokens.withLock { known in for port in ports { known[port] = token } }
    }

    /// Forgets the tokens of `ports`: a port can come back for another cluster later in the run,
    /// whose services would refuse an earlier cluster's token (401, even on `/health/ready`).
    static func forget(ports: some Sequence<Int>) {
        tokens.withLock { known in for port in ports { known[port] = nil } }
    }

    static func send(_ request: URLRequest) async throws -> (Data, Int) {
        var request = request
        if request.value(forHTTPHeaderField: "Authorization") == nil, let port = request.url?.port,
            let token = tokens.withLock({ $0[port] })
        {
            request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        }
        let (data, response) = try await session.data(for: request)
        return (data, (response as? HTTPURLResponse)?.statusCode ?? 0)
    }

    /// Sends `request` without following a redirect, so a test sees the 303 itself.
    static func sendWithoutRedirect(_ request: URLRequest) async throws -> (Data, Int) {
        let (data, response) = try await noRedirectSession.data(for: request)
        return (data, (response as? HTTPURLResponse)?.statusCode ?? 0)
    }

    /// A session whose delegate refuses redirects (per-task delegates are not consulted for
    /// redirects by swift-corelibs-foundation).
    static let noRedirectSession = URLSession(
        configuration: .ephemeral, delegate: RedirectRefuser(), delegateQueue: nil)

    static func object(_ data: Data) throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw HarnessError("expected a JSON object, got \(String(decoding: data, as: UTF8.self))")
        }
        return object
    }

    /// The rows of one page of a paged list (`{"items": […], "nextCursor": "…"}`).
    static func items(_ data: Data) throws -> [[String: Any]] {
        guard let page = try JSONSerialization.jsonObject(with: data) as? [String: Any],
            let items = page["items"] as? [[String: Any]]
        else {
            throw HarnessError("expected a page of items, got \(String(decoding: data, as: UTF8.self))")
        }
        return items
    }

    /// The `nextCursor` of one page of a paged list, nil on its last page.
    static func nextCursor(_ data: Data) throws -> String? {
        (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["nextCursor"] as? String
    }

    /// Every row of a paged list, following `nextCursor` page after page (`url` may carry a query).
    static func allItems(_ url: URL, limit: Int = 200) async throws -> [[String: Any]] {
        var rows: [[String: Any]] = []
        var cursor: String?
        repeat {
            let separator = url.query == nil ? "?" : "&"
            let page = url.absoluteString + separator + "limit=\(limit)" + (cursor.map { "&cursor=\($0)" } ?? "")
            guard let pageURL = URL(string: page) else { throw HarnessError("not a URL: \(page)") }
            let (data, status) = try await get(pageURL)
            guard status == 200 else {
                throw HarnessError("\(url) answered \(status): \(String(decoding: data, as: UTF8.self))")
            }
            rows += try items(data)
            cursor = try nextCursor(data)
        } while cursor != nil
        return rows
    }

    static func array(_ data: Data) throws -> [[String: Any]] {
        guard let array = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] else {
            throw HarnessError("expected a JSON array, got \(String(decoding: data, as: UTF8.self))")
        }
        return array
    }
}

/// Polls `probe` until it returns a value or `timeout` passes.
func eventually<T>(
    _ what: String, timeout: Duration = .seconds(60), every interval: Duration = .milliseconds(200),
    _ probe: () async throws -> T?
) async throws -> T {
    let deadline = ContinuousClock.now + timeout
    var lastError: (any Error)?
    while ContinuousClock.now < deadline {
        do {
            if let value = try await probe() { return value }
        } catch {
            lastError = error
        }
        try await Task.sleep(for: interval)
    }
    throw HarnessError(
        "timed out after \(timeout) waiting for \(what)\(lastError.map { " (last error: \($0))" } ?? "")")
}

/// Answers a redirect with "do not follow".
final class RedirectRefuser: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }
}
