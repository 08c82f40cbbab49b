import Foundation
import NIOPosix
import NotificationDomain

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes each message as `<jobID>.eml` (RFC 5322) into an outbox folder.
///
/// The file is written under a hidden temporary name, flushed to disk and then renamed, so
/// whoever watches the folder never sees a half-written message, and a crash leaves at most a
/// stray `.tmp`. Renaming over an existing file makes a resend of the same job harmless.
struct FileMailTransport: MailTransport {
    /// `<dataDirectory>/outbox`, created on first use.
    let folder: URL

    /// Errors carry the path and the system's reason, for the job's `lastError`.
    struct WriteError: Error, CustomStringConvertible {
        /// The path and the system's reason.
        let description: String
    }

    /// Runs the write on NIO's blocking-I/O thread pool: `fsync` can stall for a while and must
    /// not hold a thread of the cooperative pool that the consumer and HTTP server share.
    func send(_ message: MailMessage) async throws {
        let folder = self.folder
        try await NIOThreadPool.singleton.runIfActive {
            try Self.write(message, into: folder)
        }
    }

    private static func write(_ message: MailMessage, into folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let final = folder.appendingPathComponent("\(message.id).eml")
        let temporary = folder.appendingPathComponent(".\(message.id).eml.tmp")
        try Data(message.rfc5322.utf8).write(to: temporary)
        let handle = try FileHandle(forWritingTo: temporary)
        try handle.synchronize()
        try handle.close()
        guard rename(temporary.path, final.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw WriteError(description: "could not move the message into \(folder.path): \(reason)")
        }
    }
}
