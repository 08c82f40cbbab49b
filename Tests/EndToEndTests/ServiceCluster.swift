import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// The five service executables running as real processes against the real broker, each test
/// with its own topic prefix, data folder and ports, so tests never see each other's events.
final class ServiceCluster: @unchecked Sendable {
    // @unchecked: `processes` is only touched from the test's own task (start/kill/restart are
    // called sequentially by one test), never concurrently.

    enum Name: String, CaseIterable, Sendable {
        case intake, planner, notification, webreport, billing
    }

    let brokers: String
    let binDirectory: URL
    let dataDirectory: URL
    let topicPrefix: String
    let ports: [Name: Int]
    private var processes: [Name: Process] = [:]

    init() throws {
        guard let brokers = ProcessInfo.processInfo.environment["ARIANNA_TEST_KAFKA_BROKERS"], !brokers.isEmpty else {
            throw HarnessError("ARIANNA_TEST_KAFKA_BROKERS is not set: run the tests with `make test`")
        }
        guard let bin = ProcessInfo.processInfo.environment["ARIANNA_BIN_DIR"], !bin.isEmpty else {
            throw HarnessError("ARIANNA_BIN_DIR is not set: run the tests with `make test`")
        }
        self.brokers = brokers
        self.binDirectory = URL(fileURLWithPath: bin)
        let run = UUID().uuidString.prefix(8).lowercased()
        self.topicPrefix = "e2e-\(run)."
        self.dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("arianna-e2e-\(run)")
        try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
        var ports: [Name: Int] = [:]
        for name in Name.allCases { ports[name] = try freePort() }
        HTTP.forget(ports: ports.values)
        self.ports = ports
    }

    func url(_ service: Name, _ path: String) -> URL {
        URL(string: "http://127.0.0.1:\(ports[service]!)\(path)")!
    }

    /// Starts `services` and waits until each answers `/health/ready`.
    func start(_ services: [Name], extraEnvironment: [String: String] = [:]) async throws {
        for service in services {
            try launch(service, extraEnvironment: extraEnvironment)
        }
        for service in services {
            try await waitUntilReady(service)
        }
        try await logIn()
    }

    /// The administrator's session token (the default `admin` user of a new intake store): all
    /// five services share the data root, hence the signing key, so it opens every service.
    private(set) var token: String?

    /// Logs in once intake runs, and makes every HTTP call to this cluster's ports present the token.
    func logIn() async throws {
        if token == nil {
            guard isRunning(.intake) else { return }
            let password = ProcessInfo.processInfo.environment["ARIANNA_ADMIN_PASSWORD"] ?? "arianna-admin"
            let (data, status) = try await HTTP.send(
                "POST", url(.intake, "/api/sessions"), json: ["username": "admin", "password": password])
            guard status == 200 || status == 201, let token = try HTTP.object(data)["token"] as? String else {
                throw HarnessError("logging in as admin failed (\(status)): \(String(decoding: data, as: UTF8.self))")
            }
            self.token = token
        }
        if let token { HTTP.authorize(ports: ports.values, token: token) }
    }

    func launch(_ service: Name, extraEnvironment: [String: String] = [:]) throws {
        let process = Process()
        process.executableURL = binDirectory.appendingPathComponent("arianna-\(service.rawValue)")
        var environment = ProcessInfo.processInfo.environment
        environment["ARIANNA_KAFKA_BROKERS"] = brokers
        environment["ARIANNA_TOPIC_PREFIX"] = topicPrefix
        environment["ARIANNA_TOPIC_PARTITIONS"] = "3"
        environment["ARIANNA_DATA_DIR"] = dataDirectory.path
        environment["ARIANNA_\(service.rawValue.uppercased())_PORT"] = String(ports[service]!)
        environment["ARIANNA_LOG_LEVEL"] = "info"
        environment.merge(extraEnvironment) { $1 }
        process.environment = environment
        let log = dataDirectory.appendingPathComponent("\(service.rawValue).log")
        if !FileManager.default.fileExists(atPath: log.path) {
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        }
        let handle = try FileHandle(forWritingTo: log)
        handle.seekToEndOfFile()
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        processes[service] = process
    }

    func waitUntilReady(_ service: Name, timeout: Duration = .seconds(90)) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let process = processes[service], !process.isRunning {
                throw HarnessError(
                    "\(service) exited with status \(process.terminationStatus); log:\n\(logTail(service))")
            }
            if let (_, status) = try? await HTTP.get(url(service, "/health/ready")), status == 200 { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw HarnessError("\(service) was not ready within \(timeout); log:\n\(logTail(service))")
    }

    /// `kill -9`: no shutdown, no flush, no commit.
    func kill9(_ service: Name) {
        guard let process = processes[service] else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Waits for a process to exit by itself (e.g. fault injection) and returns its status.
    func waitForExit(_ service: Name, timeout: Duration) async throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        guard let process = processes[service] else { throw HarnessError("\(service) was never started") }
        while process.isRunning {
            guard ContinuousClock.now < deadline else {
                throw HarnessError("\(service) did not exit within \(timeout)")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        return process.terminationStatus
    }

    func isRunning(_ service: Name) -> Bool { processes[service]?.isRunning ?? false }

    /// SIGTERM everything and wait; then remove the data folder.
    func stop() {
        for process in processes.values where process.isRunning {
            process.terminate()
        }
        for process in processes.values {
            process.waitUntilExit()
        }
        processes.removeAll()
    }

    func logTail(_ service: Name, lines: Int = 40) -> String {
        let log = dataDirectory.appendingPathComponent("\(service.rawValue).log")
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(lines).joined(separator: "\n")
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: dataDirectory)
    }
}

struct HarnessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A free TCP port on loopback for a service, drawn from 20000–32767: below Linux's ephemeral
/// range (32768–60999), so after a kill -9 the port cannot be taken by some test's outgoing
/// connection before the service is started again on it (seen as "Address already in use").
///
/// A port is handed out once per test process: the end-to-end suites start their services in
/// parallel, and a port checked free but not yet bound by its service could otherwise be drawn
/// again by another test in that window (seen as "Address already in use" at a service's start).
func freePort() throws -> Int {
    for _ in 0..<200 {
        let candidate = Int.random(in: 20_000...32_767)
        guard HandedOutPorts.shared.claim(candidate) else { continue }
        if try canBind(candidate) { return candidate }
    }
    throw HarnessError("no free port in 20000–32767 after 200 tries")
}

/// The ports `freePort()` has handed out in this process, never handed out again.
private final class HandedOutPorts: @unchecked Sendable {
    // @unchecked: `ports` is only read and written under `lock`.
    static let shared = HandedOutPorts()
    private let lock = NSLock()
    private var ports: Set<Int> = []

    /// True the first time `port` is claimed in this process.
    func claim(_ port: Int) -> Bool {
        lock.withLock { ports.insert(port).inserted }
    }
}

/// Whether a TCP socket can bind `port` on 127.0.0.1 right now.
private func canBind(_ port: Int) throws -> Bool {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw HarnessError("socket() failed") }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = UInt16(port).bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    return bound == 0
}
