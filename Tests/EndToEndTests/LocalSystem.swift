import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A durable broker (`scripts/broker.sh … durable`) and service processes started by hand on a
/// data folder of the test's choosing: what `make run` does, and what the restore must bring back.
final class LocalSystem: @unchecked Sendable {
    // @unchecked: used from the one test's task only, sequentially.
    let binaries: URL
    let topicPrefix: String
    private var processes: [Process] = []
    private var brokerFolders: [URL] = []
    private var brokerPorts: [URL: Int] = [:]

    init(binaries: URL, topicPrefix: String) {
        self.binaries = binaries
        self.topicPrefix = topicPrefix
    }

    /// Starts `service` on `data` (and the durable broker in `data/broker` if it is not running);
    /// returns its base URL once ready, with the administrator's token registered for its port.
    func start(_ service: ServiceCluster.Name, data: URL) async throws -> URL {
        let brokerFolder = data.appendingPathComponent("broker")
        if brokerPorts[brokerFolder] == nil {
            let port = try freePort()
            try Self.broker(
                "start '\(brokerFolder.path)' \(port) durable", log: data.appendingPathComponent("broker-start.log"))
            brokerPorts[brokerFolder] = port
            brokerFolders.append(brokerFolder)
        }
        let port = try freePort()
        HTTP.forget(ports: [port])
        let process = Process()
        process.executableURL = binaries.appendingPathComponent("arianna-\(service.rawValue)")
        var environment = ProcessInfo.processInfo.environment
        environment["ARIANNA_KAFKA_BROKERS"] = "127.0.0.1:\(brokerPorts[brokerFolder]!)"
        // The client settings scripts/broker.sh chose for its storage, as `make run` uses them.
        environment["ARIANNA_KAFKA_PROPERTIES"] = try? String(
            contentsOf: brokerFolder.appendingPathComponent("client.properties"), encoding: .utf8)
        environment["ARIANNA_TOPIC_PREFIX"] = topicPrefix
        environment["ARIANNA_DATA_DIR"] = data.path
        environment["ARIANNA_\(service.rawValue.uppercased())_PORT"] = String(port)
        process.environment = environment
        let log = data.appendingPathComponent("\(service.rawValue).log")
        guard FileManager.default.createFile(atPath: log.path, contents: nil) else {
            throw HarnessError("cannot write \(log.path)")
        }
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        processes.append(process)
        let url = URL(string: "http://127.0.0.1:\(port)")!
        _ = try await eventually("\(service) ready", timeout: .seconds(90)) { () -> Bool? in
            guard process.isRunning else {
                throw HarnessError("\(service) exited: \((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
            }
            let (_, status) = try await HTTP.get(url.appendingPathComponent("health/ready"))
            return status == 200 ? true : nil
        }
        let password = ProcessInfo.processInfo.environment["ARIANNA_ADMIN_PASSWORD"] ?? "arianna-admin"
        if service == .intake {
            let intake = url
            // A restored system signs with the restored key: the shared client's cookie from an
            // earlier login would be valid again (and demand a CSRF token), so it goes first.
            if let jar = HTTP.session.configuration.httpCookieStorage {
                for cookie in jar.cookies ?? [] { jar.deleteCookie(cookie) }
            }
            let (data, status) = try await HTTP.send(
                "POST", intake.appendingPathComponent("api/sessions"), json: ["username": "admin", "password": password]
            )
            guard status == 201, let token = try HTTP.object(data)["token"] as? String else {
                throw HarnessError("logging in failed (\(status)): \(String(decoding: data, as: UTF8.self))")
            }
            self.token = token
        }
        if let token { HTTP.authorize(ports: [port] + knownPorts, token: token) }
        knownPorts.append(port)
        return url
    }

    private var token: String?
    private var knownPorts: [Int] = []

    /// `scripts/broker.sh <arguments>` through the shell (`system`): the broker it starts outlives
    /// the script, so nothing may wait for the script's output to end.
    static func broker(_ arguments: String, log: URL?) throws {
        let script = BackupRestoreEndToEndTests.root.appendingPathComponent("scripts/broker.sh").path
        let output = log.map { "'\($0.path)'" } ?? "/dev/null"
        let status = system("bash '\(script)' \(arguments) >\(output) 2>&1 </dev/null")
        guard status == 0 else {
            throw HarnessError(
                "scripts/broker.sh \(arguments) failed (\(status)): \(log.flatMap { try? String(contentsOf: $0, encoding: .utf8) } ?? "")"
            )
        }
    }

    /// SIGTERM to every service, then the brokers stopped.
    func stopAll() {
        for process in processes where process.isRunning { process.terminate() }
        for process in processes { process.waitUntilExit() }
        processes.removeAll()
        for folder in brokerFolders {
            try? Self.broker("stop '\(folder.path)'", log: nil)
        }
        brokerFolders.removeAll()
        brokerPorts.removeAll()
        token = nil
        knownPorts.removeAll()
    }

    deinit { stopAll() }
}
