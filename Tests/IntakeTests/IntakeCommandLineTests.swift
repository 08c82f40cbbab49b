import Foundation
import Testing

/// Intake's configuration goes through the command line (issue 8): every setting the library
/// used to read from the environment is an option of the real `arianna-intake` executable, so
/// `--help` documents it with its environment variable.
@Suite struct IntakeCommandLineTests {
    @Test func help_listsEverySetting_withItsEnvironmentVariable() throws {
        let binaries = try #require(
            ProcessInfo.processInfo.environment["ARIANNA_BIN_DIR"],
            "ARIANNA_BIN_DIR is not set: run the tests with `make test`")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binaries).appendingPathComponent("arianna-intake")
        process.arguments = ["--help"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        // ArgumentParser wraps long help lines: compare with the whitespace folded.
        let help = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for (option, variable) in [
            ("--back-office-group", "ARIANNA_BACK_OFFICE_GROUP"),
            ("--maildir", "ARIANNA_INTAKE_MAILDIR"),
            ("--email-activity-type", "ARIANNA_INTAKE_EMAIL_ACTIVITY_TYPE"),
            ("--email-poll-ms", "ARIANNA_INTAKE_EMAIL_POLL_MS"),
            ("--admin-password", "ARIANNA_ADMIN_PASSWORD")
        ] {
            #expect(help.contains(option), "--help does not list \(option)")
            #expect(help.contains("Env: \(variable)"), "--help does not name \(variable)")
        }
    }
}
