import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A child process with its standard output on a pipe, started with `posix_spawn` and reaped
/// with `waitpid`: Foundation's `Process.waitUntilExit` can hang inside Swift Testing's
/// concurrent runner on Linux, which a test harness cannot afford.
final class ChildProcess: @unchecked Sendable {
    let pid: pid_t
    /// The child's standard output.
    let output: FileHandle
    private var reaped = false

    struct SpawnError: Error, CustomStringConvertible {
        let description: String
    }

    init(_ executable: String, _ arguments: [String]) throws {
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else { throw SpawnError(description: "pipe failed: \(errno)") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], 1)
        posix_spawn_file_actions_addclose(&actions, pipeEnds[0])
        posix_spawn_file_actions_addclose(&actions, pipeEnds[1])
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        // The test runner's threads block some signals; the child must start with none blocked
        // and default handlers, or SIGTERM would never reach it.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for number in [SIGTERM, SIGINT, SIGPIPE, SIGCHLD] { sigaddset(&defaults, number) }
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var child = pid_t()
        let status = posix_spawn(&child, executable, &actions, &attributes, argv, environ)
        close(pipeEnds[1])
        guard status == 0 else {
            close(pipeEnds[0])
            throw SpawnError(description: "could not start \(executable): \(String(cString: strerror(status)))")
        }
        pid = child
        output = FileHandle(fileDescriptor: pipeEnds[0], closeOnDealloc: true)
    }

    /// The first line the child writes, without its line end; `nil` if it closed its output first.
    func readLine() throws -> String? {
        var line = Data()
        while true {
            guard let byte = try output.read(upToCount: 1), !byte.isEmpty else {
                return line.isEmpty ? nil : String(decoding: line, as: UTF8.self)
            }
            if byte.first == UInt8(ascii: "\n") { return String(decoding: line, as: UTF8.self) }
            line.append(byte)
        }
    }

    /// Sends `signal` (SIGTERM by default).
    func signal(_ signal: Int32 = SIGTERM) {
        if !reaped { kill(pid, signal) }
    }

    /// Waits for the child to end, killing it after `patience`; returns its exit status (or 128 +
    /// the signal that ended it).
    @discardableResult
    func wait(patience: Duration = .seconds(10)) -> Int32 {
        guard !reaped else { return 0 }
        var status: Int32 = 0
        let deadline = ContinuousClock.now + patience
        while waitpid(pid, &status, WNOHANG) == 0 {
            if ContinuousClock.now > deadline {
                kill(pid, SIGKILL)
                while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
                break
            }
            usleep(10_000)
        }
        reaped = true
        let signalled = status & 0x7F
        return signalled == 0 ? (status >> 8) & 0xFF : 128 + signalled
    }
}
