import Foundation
public import Logging
public import ServiceLifecycle

/// Runs queued "generate recurrences" jobs in the background, so the API can answer 202 at
/// once and the page can poll progress. Part of the planner's service group; on start it
/// requeues a job a previous stop interrupted.
public struct PresenceGenerationWorker: Service {
    /// Where the jobs and the presences are.
    let store: AvailabilityStore
    /// Where each finished or failed job is logged.
    let logger: Logger
    /// How often it looks for new jobs when idle; a job waits at most this long to start.
    let idlePoll: Duration

    /// A worker over `store`; tests shorten `idlePoll`.
    public init(store: AvailabilityStore, logger: Logger, idlePoll: Duration = .milliseconds(200)) {
        self.store = store
        self.logger = logger
        self.idlePoll = idlePoll
    }

    /// Polls for pending jobs until the service group shuts down; a failed job is logged and
    /// recorded on the job, and the worker carries on with the next.
    public func run() async throws {
        try? await store.requeueInterruptedGenerations()
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                for job in try await store.runPendingGenerations() {
                    logger.info(
                        "presences generated",
                        metadata: [
                            "job": "\(job.id)", "created": "\(job.created)", "unchanged": "\(job.unchanged)"
                        ])
                }
            } catch {
                logger.error("presence generation failed", metadata: ["error": "\(error)"])
            }
            try? await Task.sleep(for: idlePoll)
        }
    }
}
