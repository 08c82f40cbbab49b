import Foundation
import Logging
import NotificationDomain
import ServiceKit
import ServiceLifecycle

/// Sends the queued emails: picks due jobs, renders them, hands them to the transport and
/// records the outcome, each outcome in its own short transaction.
///
/// It runs beside the consumer as its own `Service`, so a slow or broken mail path never holds
/// up a partition (DESIGN: slow side effects never block a partition). A failed attempt is
/// retried with exponential backoff; a database fault ends the round, is logged, and the next
/// round starts after the poll interval.
struct EmailWorker: Service {
    /// Where the due jobs are read and their outcome recorded.
    let store: NotificationStore
    /// How a message leaves: SMTP or `.eml` files.
    let transport: any MailTransport
    /// Sender, pacing and retry rule.
    let settings: MailSettings
    /// The company's, for the dates and times the emails write.
    let timeZone: TimeZone
    /// "Now", for due jobs and backoff.
    let clock: ServiceClock
    /// Where failures and overdue waits are reported.
    let logger: Logger

    /// Sends due emails round after round until the service group shuts down.
    func run() async throws {
        let renderer: EmailRenderer
        do {
            renderer = try EmailRenderer.bundled()
        } catch {
            logger.critical(
                "email templates are missing; the email worker cannot start", metadata: [LogKey.error: "\(error)"])
            throw error
        }
        logger.info("email worker started", metadata: ["transport": "\(type(of: transport))"])
        do {
            try await cancelWhenGracefulShutdown {
                var lastPrune: Date?
                var lastWaitCheck: Date?
                while !Task.isCancelled {
                    lastPrune = await pruneReportsIfDue(lastPrune: lastPrune)
                    lastWaitCheck = await reportOverdueTicketWaitsIfDue(lastCheck: lastWaitCheck)
                    var handled = 0
                    do {
                        handled = try await deliverDueEmails(renderer: renderer)
                    } catch is CancellationError {
                        throw CancellationError()
                    } catch {
                        logger.error("email round failed; retrying", metadata: [LogKey.error: "\(error)"])
                    }
                    if handled < settings.batchSize {
                        try await Task.sleep(for: settings.pollInterval)
                    }
                }
            }
        } catch is CancellationError {
            // Graceful shutdown: a job interrupted before it was marked is simply due again.
        }
    }

    /// One round: attempts every job due now (up to the batch size) and returns how many it
    /// attempted. Transport and template failures are recorded on the job; database failures throw.
    ///
    /// Up to ``MailSettings/connections`` emails are on their way at once, so a slow server is
    /// waited on in parallel; one recipient's emails still go one after the other, oldest first,
    /// so nobody reads "moved" before "scheduled".
    @discardableResult
    func deliverDueEmails(renderer: EmailRenderer) async throws -> Int {
        let jobs = try await store.dueJobs(at: clock.now(), limit: settings.batchSize)
        var lanes: [[EmailJobRecord]] = []
        var laneOf: [String: Int] = [:]
        for job in jobs {
            if let lane = laneOf[job.recipient] {
                lanes[lane].append(job)
            } else {
                laneOf[job.recipient] = lanes.count
                lanes.append([job])
            }
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            var running = 0
            for lane in lanes {
                if running >= max(1, settings.connections) {
                    try await group.next()
                    running -= 1
                }
                group.addTask {
                    for job in lane {
                        try Task.checkCancellation()
                        try await deliver(job, renderer: renderer)
                    }
                }
                running += 1
            }
            try await group.waitForAll()
        }
        return jobs.count
    }

    /// Deletes the signed reports kept longer than ``MailSettings/reportRetention`` (their email
    /// never went out), at most every ten minutes; returns when it last ran. A database fault is
    /// logged and tried again next time.
    func pruneReportsIfDue(lastPrune: Date?) async -> Date? {
        let now = clock.now()
        if let lastPrune, now.timeIntervalSince(lastPrune) < 600 { return lastPrune }
        do {
            let removed = try await store.pruneReportDocuments(
                receivedBefore: now.addingTimeInterval(-Double(settings.reportRetention.components.seconds)))
            if removed > 0 { logger.info("old signed reports deleted", metadata: ["count": "\(removed)"]) }
        } catch {
            logger.error("old signed reports could not be deleted", metadata: [LogKey.error: "\(error)"])
        }
        return now
    }

    /// Renders, sends and marks one job; a render or transport failure is recorded on the job.
    private func deliver(_ job: EmailJobRecord, renderer: EmailRenderer) async throws {
        let metadata: Logger.Metadata = [
            NotificationLogKey.emailID: "\(job.id)", LogKey.eventID: "\(job.eventID)",
            NotificationLogKey.attempts: "\(job.attempts + 1)"
        ]
        let content: EmailContent
        do {
            let override = try await job.facts.activityTypeID.asyncFlatMap {
                try await store.templateOverride(activityTypeID: $0, kind: job.kind)
            }
            content = try renderer.render(
                job.kind, facts: job.facts, timeZone: timeZone, company: settings.company, override: override)
        } catch {
            return try await recordFailure(of: job, error: error, content: nil, metadata: metadata)
        }
        var message = MailMessage(
            id: job.id, from: settings.from,
            to: EmailRecipient(validatedAddress: job.recipient, name: job.recipientName),
            content: content, date: clock.now(), timeZone: timeZone, replyTo: settings.replyTo)
        if let invitation = invitation(for: job) { message.attachments = [invitation.attachment] }
        let report = try await signedReport(for: job)
        if let report { message.attachments.append(report) }
        do {
            try await transport.send(message)
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            return try await recordFailure(of: job, error: error, content: content, metadata: metadata)
        }
        try await store.markSent(job.id, content: content, at: clock.now())
        logger.info("email sent", metadata: metadata)
        if report != nil, let reportID = job.facts.reportID {
            try await store.releaseReportDocument(reportID)
        }
    }

    private func recordFailure(
        of job: EmailJobRecord, error: any Error, content: EmailContent?, metadata: Logger.Metadata
    ) async throws {
        let transient = (error as? MailDeliveryError)?.isTransient ?? !(error is EmailRenderer.Problem)
        let updated = try await store.recordFailure(
            job.id, error: "\(error)", content: content, at: clock.now(), policy: settings.retry, transient: transient)
        var metadata = metadata
        metadata[LogKey.error] = "\(error)"
        if let next = updated?.nextAttemptAt {
            metadata[NotificationLogKey.nextAttemptAt] = "\(APIJSON.format(next))"
            logger.warning("email attempt failed; will retry", metadata: metadata)
        } else {
            logger.error(
                transient ? "email given up after its last attempt" : "email refused for good", metadata: metadata)
        }
    }

    /// The signed report's PDF for the customer's "intervention completed" email, when
    /// web-report sent it (`intervention.report-issued.v1`) and it is still kept.
    func signedReport(for job: EmailJobRecord) async throws -> MailAttachment? {
        guard job.kind == .interventionCompleted, job.recipientRole.receivesSignedReport,
            let reportID = job.facts.reportID,
            let document = try await store.reportDocument(id: reportID)
        else { return nil }
        return MailAttachment(fileName: document.fileName, contentType: "application/pdf", data: Array(document.pdf))
    }

    /// The calendar invitation of an appointment email (customer, list or technician), if it is one.
    func invitation(for job: EmailJobRecord) -> CalendarInvitation? {
        let appointmentKinds: Set<EmailKind> = [
            .appointmentScheduled, .appointmentMoved, .appointmentCancelled, .technicianAppointment
        ]
        guard appointmentKinds.contains(job.kind), let appointmentID = job.facts.appointmentID,
            let start = job.facts.start, let end = job.facts.end,
            let organizer = MailConfiguration.address(in: settings.from)
        else { return nil }
        let cancelled = job.kind == .appointmentCancelled || job.facts.isCancelled == true
        let domain = organizer.split(separator: "@").last.map(String.init) ?? "arianna.invalid"
        let organizerName =
            settings.from.split(separator: "<").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        let summary = [job.facts.title, job.facts.ticketNumber].compactMap { $0 }.filter { !$0.isEmpty }.joined(
            separator: " · ")
        return CalendarInvitation(
            method: cancelled ? .cancel : .request, uid: "\(appointmentID)@\(domain)",
            sequence: job.facts.calendarSequence ?? 0,
            start: start, end: end, summary: summary.isEmpty ? "Intervento / Visit" : summary,
            description: job.facts.technicianName.map { "Tecnico / Technician: \($0)" },
            organizerName: organizerName.contains("@") ? "" : organizerName, organizerAddress: organizer,
            attendeeName: job.recipientName, attendeeAddress: job.recipient, stamp: clock.now())
    }
}
