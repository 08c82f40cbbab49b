import Foundation
import Logging
import ServiceKit

extension EmailWorker {
    /// Logs, once each, the events that have waited longer than
    /// ``AwaitingTicketRecord/reportAfter`` for a ticket notification never received: their emails
    /// are not dropped (the outbox page lists them as waiting) but someone must look. Runs at most
    /// every ten minutes; returns when it last ran. A database fault is logged and tried again.
    func reportOverdueTicketWaitsIfDue(lastCheck: Date?) async -> Date? {
        let now = clock.now()
        if let lastCheck, now.timeIntervalSince(lastCheck) < 600 { return lastCheck }
        do {
            let overdue = try await store.reportOverdueTicketWaits(
                receivedBefore: now.addingTimeInterval(-AwaitingTicketRecord.reportAfter), at: now)
            for wait in overdue {
                logger.error(
                    "emails still wait for a ticket notification never received",
                    metadata: [
                        LogKey.eventID: "\(wait.eventID)", LogKey.eventType: "\(wait.eventType)",
                        "ticketID": "\(wait.ticketID)",
                        "since": "\(wait.receivedAt)"
                    ])
            }
        } catch {
            logger.error("events waiting for their ticket could not be checked", metadata: [LogKey.error: "\(error)"])
        }
        return now
    }
}
