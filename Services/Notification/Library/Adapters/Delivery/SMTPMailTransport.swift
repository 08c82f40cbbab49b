import NIOPosix
import NotificationDomain

/// Sends each message to an SMTP server with libcurl, up to `connections` at once, each
/// connection kept open and reused for the next message (``SMTPConnections``).
///
/// libcurl's calls block, so they run on a thread pool of their own, never on the cooperative
/// pool the consumer and the HTTP server share, and never on NIO's shared blocking pool that file
/// I/O uses. `send` returns only after the server's 250 to the end of the data; anything else
/// throws a ``MailDeliveryError`` saying whether a retry can help.
struct SMTPMailTransport: MailTransport {
    /// Where the messages go and how.
    let server: SMTPServer
    /// The envelope sender (`MAIL FROM`).
    let envelopeSender: String
    /// The open connections, shared by every copy of this transport.
    let connections: SMTPConnections

    /// The most connections a transport may use (`ARIANNA_SMTP_CONNECTIONS`).
    static let maximumConnections = 16

    /// One thread per connection at most, plus one for a resend from the outbox page.
    static let threads: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: maximumConnections + 1)
        pool.start()
        return pool
    }()

    /// A transport using up to `connections` (at most ``maximumConnections``) open connections.
    init(server: SMTPServer, envelopeSender: String, connections: Int = 1) {
        self.server = server
        self.envelopeSender = envelopeSender
        self.connections = SMTPConnections(capacity: min(connections, Self.maximumConnections))
    }

    /// Sends `message` on a kept connection, off the cooperative pool; returns after the server's 250.
    func send(_ message: MailMessage) async throws {
        let server = self.server
        let envelopeSender = self.envelopeSender
        let connections = self.connections
        try await Self.threads.runIfActive {
            let handle = try connections.take()
            do {
                try CurlSMTPSend(server: server, envelopeSender: envelopeSender).perform(message, on: handle.pointer)
            } catch {
                connections.giveBack(handle, reusable: false)
                throw error
            }
            connections.giveBack(handle, reusable: true)
        }
    }
}
