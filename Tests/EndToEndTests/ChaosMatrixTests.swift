import Foundation
import Testing

/// The short chaos run of `make test` (docs/RELIABILITY.md): 1,000 calls end to end through the
/// five real services, the broker, the SMTP sink and their SQLite stores, with each service killed
/// -9 in turn mid-stream and started again — `scripts/chaos-row.sh kill-each`, the same script
/// as `make chaos`, on the debug build. The row counts every store and topic; nothing may be
/// lost or doubled, and the dead-letter topic must stay empty.
@Suite("Chaos matrix, short run", .serialized)
struct ChaosMatrixTests {
    @Test func killingEachServiceInTurn_losesNothingAndDoublesNothing() async throws {
        guard let bin = ProcessInfo.processInfo.environment["ARIANNA_BIN_DIR"], !bin.isEmpty else {
            throw HarnessError("ARIANNA_BIN_DIR is not set: run the tests with `make test`")
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let results = FileManager.default.temporaryDirectory.appendingPathComponent("chaos-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: results) }
        let tickets = Int(ProcessInfo.processInfo.environment["CHAOS_TEST_TICKETS"] ?? "") ?? 1000

        let row = Process()
        row.executableURL = URL(fileURLWithPath: "/bin/bash")
        row.arguments = [root.appendingPathComponent("scripts/chaos-row.sh").path, "kill-each"]
        var environment = ProcessInfo.processInfo.environment
        environment["BIN"] = bin
        environment["CHAOS_TICKETS"] = String(tickets)
        environment["CHAOS_BROKER"] = "memory"
        environment["CHAOS_RESULTS"] = results.path
        row.environment = environment
        try row.run()
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async {
                row.waitUntilExit()
                done.resume()
            }
        }
        #expect(row.terminationStatus == 0, "scripts/chaos-row.sh kill-each failed (its log is above)")

        let line = try #require(try String(contentsOf: results, encoding: .utf8).split(separator: "\n").last)
        let result = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(result["driverStatus"] as? Int == 0, "the driver took every call through")
        #expect(result["settled"] as? Bool == true, "the flow finished: every call closed, billed and emailed")
        #expect(result["lost"] as? Int == 0, "lost: \(result["lostDetail"] ?? "")")
        #expect(result["doubled"] as? Int == 0, "doubled: \(result["doubledDetail"] ?? "")")
        #expect(result["deadLetters"] as? Int == 0, "no valid event dead-lettered")
        #expect(result["emails"] as? Int == 4 * tickets, "three emails to each customer, one to the technician")
        #expect((result["note"] as? String ?? "").isEmpty, "\(result["note"] ?? "")")
    }
}
