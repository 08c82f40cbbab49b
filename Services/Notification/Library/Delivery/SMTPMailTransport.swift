import NIOPosix

/// Sends each message to an SMTP server with libcurl, one connection per message.
///
/// libcurl's calls block, so they run on a small thread pool of their own, never on the
/// cooperative pool the consumer and the HTTP server share, and never on NIO's shared blocking
/// pool that file I/O uses. `send` returns only after the server's 250 to the end of the data;
/// anything else throws a ``MailDeliveryError`` saying whether a retry can help.
struct SMTPMailTransport: MailTransport {
    let server: SMTPServer
    /// The envelope sender (`MAIL FROM`).
    let envelopeSender: String

    /// Two threads: enough for the worker's sequential sends plus a resend from the outbox page.
    static let threads: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: 2)
        pool.start()
        return pool
    }()

    func send(_ message: MailMessage) async throws {
        let server = self.server
        let envelopeSender = self.envelopeSender
        try await Self.threads.runIfActive {
            try CurlSMTPSend(server: server, envelopeSender: envelopeSender).perform(message)
        }
    }
}
