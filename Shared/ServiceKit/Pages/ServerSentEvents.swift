public import Hummingbird
import ServiceLifecycle

/// A `text/event-stream` response driven by polling: the cheap way to give pages live updates
/// without a message bus to the browser.
///
/// The stream calls `poll` every `interval` while the client stays connected, and writes an event
/// whenever `poll` returns one; nothing runs when nobody is connected. A comment line every
/// `heartbeat` lets a dead connection be noticed (the write fails) and keeps proxies from closing
/// an idle one. The stream ends on graceful shutdown, so an open page never holds up a restart;
/// the browser's `EventSource` reconnects on its own after `retry`.
public enum ServerSentEvents {
    /// One event: `event: <name>` / `data: <data>`.
    public struct Event: Sendable, Equatable {
        /// The event's name (`event:`), what `EventSource.addEventListener` listens to.
        public var name: String
        /// The payload (`data:`).
        public var data: String

        /// An event; `data` must be a single line (JSON without newlines is fine).
        public init(name: String, data: String) {
            self.name = name
            self.data = data
        }

        /// The event in wire format, with any newline in `data` split into `data:` lines.
        public var wireFormat: String {
            let lines = data.split(separator: "\n", omittingEmptySubsequences: false).map { "data: \($0)" }
            return "event: \(name)\n" + lines.joined(separator: "\n") + "\n\n"
        }
    }

    /// The streaming response. `first` is sent at once (e.g. the current version, so the page can
    /// tell whether it missed something while reconnecting).
    public static func response(
        first: Event?,
        interval: Duration = .milliseconds(500),
        heartbeat: Duration = .seconds(15),
        retry: Duration = .seconds(2),
        poll: @escaping @Sendable () async throws -> Event?
    ) -> Response {
        let body = ResponseBody { writer in
            var opening = "retry: \(retry.components.seconds * 1000)\n\n"
            if let first { opening += first.wireFormat }
            try await writer.write(ByteBuffer(string: opening))
            let clock = ContinuousClock()
            var lastWrite = clock.now
            do {
                // `Task.isShuttingDownGracefully` is inherited from the HTTP server's task: checked
                // every `interval`, so a restart waits at most that long for open pages.
                while !Task.isCancelled, !Task.isShuttingDownGracefully {
                    try await Task.sleep(for: interval)
                    if let event = try await poll() {
                        try await writer.write(ByteBuffer(string: event.wireFormat))
                        lastWrite = clock.now
                    } else if lastWrite.duration(to: clock.now) >= heartbeat {
                        try await writer.write(ByteBuffer(string: ": keep-alive\n\n"))
                        lastWrite = clock.now
                    }
                }
            } catch is CancellationError {
                // The client left: end the stream normally.
            }
            try await writer.finish(nil)
        }
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-cache"
            ],
            body: body)
    }
}
