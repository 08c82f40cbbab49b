import CCurl
import Synchronization

/// The libcurl easy handles of one SMTP transport, each holding its open connection between
/// messages, at most `capacity` kept.
///
/// A send takes a handle (a new one when none is idle), and gives it back when the server
/// accepted the message; after a failure the handle is closed instead, so a connection in an
/// unknown state (a reply cut short, a server that hung up) is never reused. libcurl itself
/// drops a kept connection that has been idle too long or that the server closed.
final class SMTPConnections: Sendable {
    /// An easy handle; only one thread uses it at a time (taken out of the pool to be used).
    struct Handle: @unchecked Sendable {
        /// libcurl's `CURL *`.
        let pointer: UnsafeMutableRawPointer
    }

    /// Connections kept open at most.
    let capacity: Int
    private let idle = Mutex<[Handle]>([])

    /// `curl_global_init` must run once, before any other thread uses libcurl.
    private static let globalInit: CURLcode = curl_global_init(Int(CURL_GLOBAL_ALL))

    /// A pool keeping at most `capacity` (at least one) connections open.
    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// An idle handle with its open connection, or a new one.
    func take() throws -> Handle {
        if let handle = idle.withLock({ $0.popLast() }) { return handle }
        guard Self.globalInit == CURLE_OK, let pointer = curl_easy_init() else {
            throw MailDeliveryError.transient("libcurl could not be initialised")
        }
        return Handle(pointer: pointer)
    }

    /// Keeps `handle` for the next message when its send succeeded and there is room; closes it otherwise.
    func giveBack(_ handle: Handle, reusable: Bool) {
        let kept =
            reusable
            && idle.withLock { handles in
                guard handles.count < capacity else { return false }
                handles.append(handle)
                return true
            }
        if !kept { curl_easy_cleanup(handle.pointer) }
    }

    deinit {
        for handle in idle.withLock({ $0 }) { curl_easy_cleanup(handle.pointer) }
    }
}
