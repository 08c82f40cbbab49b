import Foundation
import Testing

/// The repository's root, found from this file so tests run from any working directory.
let repositoryRoot = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Debian's python3, which has aiosmtpd and icalendar; `ARIANNA_PYTHON` overrides it.
let systemPython = ProcessInfo.processInfo.environment["ARIANNA_PYTHON"] ?? "/usr/bin/python3"

/// A real SMTP server for a test: `scripts/mail-sink.py` (aiosmtpd) on 127.0.0.1, storing what
/// it accepts in a temporary folder, started and stopped by the test.
final class MailSink: @unchecked Sendable {
    let folder: URL
    private(set) var port: Int
    private var process: ChildProcess?
    /// More arguments for mail-sink.py (e.g. `--security starttls --cert … --key …`).
    let extraArguments: [String]

    /// Starts a sink on `port` (0 = a free one) storing into `folder` (a new temporary one by default).
    init(port: Int = 0, folder: URL? = nil, extraArguments: [String] = []) throws {
        self.extraArguments = extraArguments
        self.folder =
            folder ?? FileManager.default.temporaryDirectory.appendingPathComponent("arianna-mail-\(UUID().uuidString)")
        self.port = port
        try FileManager.default.createDirectory(at: self.folder, withIntermediateDirectories: true)
        try start()
    }

    /// Starts (again) on the same port and folder.
    func start() throws {
        let process = try ChildProcess(
            systemPython,
            [
                repositoryRoot.appendingPathComponent("scripts/mail-sink.py").path, "--folder", folder.path, "--port",
                "\(port)"
            ] + extraArguments)
        self.process = process
        // The first line is "listening 127.0.0.1:<port>".
        guard let line = try process.readLine() else {
            process.wait()
            throw SinkError(description: "the SMTP test server exited before listening")
        }
        guard let number = line.split(separator: ":").last.flatMap({ Int($0) }) else {
            throw SinkError(description: "the SMTP test server said '\(line)'")
        }
        port = number
    }

    /// Stops the server (SIGTERM) and waits for it.
    func stop() {
        guard let process else { return }
        process.signal()
        process.wait()
        self.process = nil
    }

    /// The replies to the next messages' end of data, e.g. `["451 4.3.0 busy"]`; then it accepts again.
    func answer(_ replies: [String]) throws {
        try Data(replies.map { $0 + "\n" }.joined().utf8).write(to: folder.appendingPathComponent(".answers"))
    }

    /// The stored messages, oldest first.
    func messageFiles() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".eml") && !$0.hasPrefix(".") }
            .sorted()
            .map { folder.appendingPathComponent($0) }
    }

    /// The stored messages as Python's `email` and `icalendar` packages read them.
    func parsedMessages() throws -> [ParsedMail] {
        let files = try messageFiles()
        guard !files.isEmpty else { return [] }
        let process = try ChildProcess(
            systemPython, [repositoryRoot.appendingPathComponent("Tests/Mail/parse_mail.py").path] + files.map(\.path))
        let data = try process.output.readToEnd() ?? Data()
        let status = process.wait()
        guard status == 0 else {
            throw SinkError(description: "parse_mail.py failed with status \(status)")
        }
        return try JSONDecoder().decode([ParsedMail].self, from: data)
    }

    /// Stops the server and removes its folder.
    func remove() {
        stop()
        try? FileManager.default.removeItem(at: folder)
    }

    deinit { stop() }

    struct SinkError: Error, CustomStringConvertible {
        let description: String
    }
}

/// One message as `Tests/Mail/parse_mail.py` describes it.
struct ParsedMail: Decodable {
    struct Part: Decodable {
        let type: String
        let charset: String?
        let filename: String?
        let method: String?
        let text: String?
        /// A binary part's bytes (an attachment), base64 as Python decoded them.
        let data: String?
    }
    struct Calendar: Decodable {
        struct Event: Decodable {
            let uid: String
            let sequence: Int
            let status: String
            let summary: String
            let start: String
            let end: String
        }
        let method: String
        let events: [Event]
    }
    let envelopeFrom: String
    let envelopeTo: String
    /// The client's `address:port`: one port per SMTP connection.
    let peer: String
    /// When the server began answering the message's data (ns since the epoch).
    let dataStarted: Int
    let subject: String
    let from: String
    let to: String
    let replyTo: String
    let messageID: String
    let defects: [String]
    let parts: [Part]
    let calendars: [Calendar]

    /// The first part of `type`, e.g. `text/plain`.
    func part(_ type: String) -> Part? { parts.first { $0.type == type } }
}
