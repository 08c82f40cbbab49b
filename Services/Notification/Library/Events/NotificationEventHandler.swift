import AriannaProtocol
import Foundation
import GRDB
import Logging
import NotificationDomain
import ServiceKit

/// Turns ticket, appointment and intervention events into email jobs (SPEC R14), and keeps the
/// copies of setup data that say who else receives them (mailing lists, operators, the
/// activity types' practice and *notify* flag).
///
/// Runs inside the consumer's transaction, so every job of an event and the inbox entry commit
/// together: exactly one email per event and recipient, and a mailing list is either queued
/// whole or not at all. Sending is the worker's business; this only queues. A recipient that
/// cannot be written to (no address, not an address) gets a failed job with the reason.
///
/// An event whose emails need a ticket notification has not seen yet (another topic may be read
/// first after a backlog) waits in ``AwaitingTicketRecord`` and is handled when the ticket arrives.
struct NotificationEventHandler: EventHandler {
    /// "Now", stamped on jobs and copies.
    let clock: ServiceClock
    /// Makes the email jobs' ids.
    let ids: IDGenerator
    /// Where an email not queued (no address, unknown operator) is reported.
    let logger: Logger

    /// The events notification writes about or keeps a copy from.
    func handles(_ event: ReceivedEvent) -> Bool {
        switch event.event {
        case .ticketOpened, .ticketCancelled, .appointmentScheduled, .appointmentMoved, .appointmentCancelled,
            .interventionClosed, .interventionReportIssued, .mailingListSnapshot, .operatorSnapshot,
            .activityTypeSnapshot,
            .customerSnapshot:
            true
        default: false
        }
    }

    /// Queues the event's emails, or updates a copy, inside the consumer's transaction.
    func handle(_ event: ReceivedEvent, in db: Database) throws {
        let now = clock.now()
        if let ticketID = Self.awaitedTicket(of: event),
            try TicketCopyRecord.cachedFetch(db, where: "ticketID", is: ticketID) == nil
        {
            try AwaitingTicketRecord.keep(
                event, ticketID: ticketID, reportID: Self.reportID(of: event), at: now, in: db)
            logger.notice(
                "emails wait for the ticket's copy",
                metadata: [
                    LogKey.eventID: "\(event.metadata.id)", LogKey.eventType: "\(event.metadata.type)",
                    "ticketID": "\(ticketID)"
                ])
            return
        }
        switch event.event {
        case .mailingListSnapshot(let list):
            try MailingListRecord(
                id: list.id, name: list.name, addresses: list.addresses, practiceIDs: list.practiceIDs,
                activityTypeIDs: list.activityTypeIDs, events: list.events, active: list.active
            ).save(db)
        case .customerSnapshot(let customer):
            try CustomerCopyRecord(customerID: customer.customerID, language: customer.language).save(db)
            for site in customer.sites {
                try SiteCopyRecord(
                    siteID: site.siteID, customerID: customer.customerID, name: site.name,
                    contactEmail: site.active ? site.contactEmail : nil
                ).save(db)
            }
        case .operatorSnapshot(let person):
            try OperatorCopyRecord(
                operatorID: person.operatorID, name: person.name, email: person.email, active: person.active
            ).save(db)
        case .activityTypeSnapshot(let type):
            try ActivityTypeCopyRecord(
                activityTypeID: type.activityTypeID, practiceID: type.practiceID,
                notifyAssignee: type.notifyAssignee ?? false,
                name: "\(type.code) — \(type.name)"
            ).save(db)
        case .ticketOpened(let ticket):
            try ticketOpened(ticket, event: event, at: now, in: db)
        case .ticketCancelled(let cancelled):
            let ticket = try TicketCopyRecord.cachedFetch(db, where: "ticketID", is: cancelled.ticketID)
            var facts = EmailFacts(
                customerName: ticket?.customerName ?? "", ticketNumber: cancelled.number, reason: cancelled.reason)
            facts.activityTypeID = ticket?.activityTypeID
            let addressees = try ticketAddressees(
                .ticketCancelled, ticket: ticket,
                unknown: .refused(
                    label: "ticket:\(cancelled.ticketID)", role: .customer,
                    reason: "Richiesta mai vista da notification / Ticket never seen by notification"), in: db)
            try queue(.ticketCancelled, to: addressees, facts: facts, event: event, at: now, in: db)
        case .appointmentScheduled(let appointment):
            let sequence = try NotificationStore.rememberTechnician(
                appointment.operatorName, ofAppointment: appointment.appointmentID, at: now, in: db)
            var facts = EmailFacts(
                customerName: appointment.customer?.name ?? "", ticketNumber: appointment.ticketNumber,
                title: appointment.title, start: appointment.start, end: appointment.end,
                technicianName: appointment.operatorName)
            facts.appointmentID = appointment.appointmentID
            facts.calendarSequence = sequence
            try appointmentEmails(
                .appointmentScheduled, trigger: .appointmentScheduled, customer: appointment.customer,
                ticketID: appointment.ticketID, technicianID: appointment.operatorID, facts: facts, event: event,
                at: now, in: db)
        case .appointmentMoved(let appointment):
            let sequence = try NotificationStore.rememberTechnician(
                appointment.operatorName, ofAppointment: appointment.appointmentID, at: now, in: db)
            var facts = EmailFacts(
                customerName: appointment.customer?.name ?? "", ticketNumber: appointment.ticketNumber,
                title: appointment.title, start: appointment.start, end: appointment.end,
                previousStart: appointment.previousStart, previousEnd: appointment.previousEnd,
                technicianName: appointment.operatorName)
            facts.isMoved = true
            facts.appointmentID = appointment.appointmentID
            facts.calendarSequence = sequence
            try appointmentEmails(
                .appointmentMoved, trigger: .appointmentMoved, customer: appointment.customer,
                ticketID: appointment.ticketID, technicianID: appointment.operatorID, facts: facts, event: event,
                at: now, in: db)
        case .appointmentCancelled(let appointment):
            let technician = try NotificationStore.technician(ofAppointment: appointment.appointmentID, in: db)
            var facts = EmailFacts(
                customerName: appointment.customer?.name ?? "", ticketNumber: appointment.ticketNumber,
                title: appointment.title, start: appointment.start, end: appointment.end,
                technicianName: technician, reason: appointment.reason)
            facts.isCancelled = true
            facts.appointmentID = appointment.appointmentID
            facts.calendarSequence = try NotificationStore.cancellationSequence(
                ofAppointment: appointment.appointmentID, at: now, in: db)
            try appointmentEmails(
                .appointmentCancelled, trigger: .appointmentCancelled, customer: appointment.customer,
                ticketID: appointment.ticketID, technicianID: appointment.operatorID, facts: facts, event: event,
                at: now, in: db)
        case .interventionReportIssued(let report):
            // Published just before `intervention.closed.v1` with the same key: kept until the
            // completed email that carries it is sent (or the retention ends).
            guard let pdf = report.pdf else { return }
            try ReportDocumentRecord(
                reportID: report.reportID, appointmentID: report.appointmentID, ticketID: report.ticketID,
                fileName: report.fileName, pdf: pdf, photosIncluded: report.photosIncluded, issuedAt: report.issuedAt,
                receivedAt: now
            ).save(db)
        case .interventionClosed(let intervention):
            // "Another visit needed" is not a completion: the ticket goes back to the planner and
            // the customer hears from the next appointment's email; its report is not sent.
            guard intervention.effectiveOutcome == .completed else {
                _ = try ReportDocumentRecord.deleteOne(db, key: intervention.reportID)
                return
            }
            let ticket = try intervention.ticketID.flatMap {
                try TicketCopyRecord.cachedFetch(db, where: "ticketID", is: $0)
            }
            let technician = try OperatorCopyRecord.cachedFetch(db, where: "operatorID", is: intervention.operatorID)
            var facts = EmailFacts(
                customerName: ticket?.customerName ?? "", ticketNumber: ticket?.number,
                description: intervention.workDone,
                start: intervention.closedAt, technicianName: technician?.name)
            facts.activityTypeID = ticket?.activityTypeID
            // web-report's signed customer link, and the PDF itself when web-report sent it first.
            facts.reportURL = intervention.reportURL
            facts.reportID = intervention.reportID
            let addressees = try ticketAddressees(
                .interventionCompleted, ticket: ticket,
                unknown: .refused(
                    label: "intervention:\(intervention.reportID)", role: .customer,
                    reason: "Nessuna richiesta nota per questo intervento / No known ticket for this intervention"),
                in: db)
            try queue(.interventionCompleted, to: addressees, facts: facts, event: event, at: now, in: db)
        default:
            return
        }
    }

    /// A new ticket: the customer hears "we received your request" unless a follow-up rule created
    /// it (a deadline months ahead is not a new request); the operator in charge is told when the
    /// activity type has the notify flag (R5). The type's recipient setting may turn any of them off
    /// (or the operator in charge on).
    private func ticketOpened(_ ticket: TicketOpened, event: ReceivedEvent, at now: Date, in db: Database) throws {
        try TicketCopyRecord(
            ticketID: ticket.ticketID, number: ticket.number, activityTypeID: ticket.activityType.id,
            customerID: ticket.customer.id, customerName: ticket.customer.name, customerEmail: ticket.customer.email,
            operatorInChargeID: ticket.operatorInChargeID, siteID: ticket.siteID
        ).keep(in: db)
        var facts = EmailFacts(
            customerName: ticket.customer.name, ticketNumber: ticket.number, description: ticket.description)
        facts.activityTypeID = ticket.activityType.id
        let recipients = try NotificationStore.recipients(
            of: .ticketOpened, activityTypeID: ticket.activityType.id, in: db)
        if ticket.followUpOfTicketID == nil {
            var addressees: [Addressee] = []
            if recipients.contains(.customer) {
                addressees.append(
                    try Addressee.customer(
                        id: ticket.customer.id, name: ticket.customer.name, email: ticket.customer.email, in: db))
            }
            if recipients.contains(.siteContact),
                let contact = try Addressee.siteContact(siteID: ticket.siteID, customerID: ticket.customer.id, in: db)
            {
                addressees.append(contact)
            }
            if recipients.contains(.mailingList) {
                addressees += try Addressee.mailingLists(
                    following: .ticketOpened, activityTypeID: ticket.activityType.id, in: db)
            }
            try queue(.ticketOpened, to: addressees, facts: facts, event: event, at: now, in: db)
        } else {
            logger.info(
                "no customer email: the ticket is a follow-up deadline",
                metadata: [LogKey.eventID: "\(event.metadata.id)"])
        }
        if recipients.contains(.operatorInCharge), let operatorID = ticket.operatorInChargeID {
            var operatorFacts = facts
            operatorFacts.start = ticket.dueAt
            try queue(
                .deadlineAssigned, to: [try Addressee.staff(operatorID, role: .operatorInCharge, in: db)],
                facts: operatorFacts, event: event, at: now, in: db)
        }
        try handleEventsAwaiting(ticket.ticketID, in: db)
    }

    /// The events that arrived before this ticket, handled now in the order they came: their jobs
    /// join this transaction, so each email is queued once, with what it would have had in order.
    private func handleEventsAwaiting(_ ticketID: String, in db: Database) throws {
        let waiting = try AwaitingTicketRecord.release(ticketID: ticketID, in: db)
        guard !waiting.isEmpty else { return }
        for event in waiting { try handle(event, in: db) }
        logger.info(
            "events that waited for the ticket handled",
            metadata: ["ticketID": "\(ticketID)", "count": "\(waiting.count)"])
    }

    /// The ticket whose copy `event`'s emails need (recipients, activity type, site, customer),
    /// or `nil` when they need none. An intervention that was not completed sends nothing.
    static func awaitedTicket(of event: ReceivedEvent) -> String? {
        switch event.event {
        case .ticketCancelled(let cancelled): cancelled.ticketID
        case .appointmentScheduled(let appointment): appointment.ticketID
        case .appointmentMoved(let appointment): appointment.ticketID
        case .appointmentCancelled(let appointment): appointment.ticketID
        case .interventionClosed(let intervention):
            intervention.effectiveOutcome == .completed ? intervention.ticketID : nil
        default: nil
        }
    }

    /// The signed report a waiting event's email will carry, so it is not pruned meanwhile.
    private static func reportID(of event: ReceivedEvent) -> String? {
        if case .interventionClosed(let intervention) = event.event { return intervention.reportID }
        return nil
    }

    /// Whom `trigger`'s email about a ticket goes to, as the type's recipient setting says: its
    /// customer (`unknown`, a refusal, when notification never saw the ticket), its site's
    /// contact and the mailing lists that follow the trigger.
    private func ticketAddressees(
        _ trigger: NotificationTrigger, ticket: TicketCopyRecord?, unknown: Addressee, in db: Database
    ) throws -> [Addressee] {
        let recipients = try NotificationStore.recipients(of: trigger, activityTypeID: ticket?.activityTypeID, in: db)
        var addressees: [Addressee] = []
        if recipients.contains(.customer) {
            addressees.append(
                try ticket.map {
                    try Addressee.customer(id: $0.customerID, name: $0.customerName, email: $0.customerEmail, in: db)
                } ?? unknown)
        }
        if recipients.contains(.siteContact), let ticket,
            let contact = try Addressee.siteContact(siteID: ticket.siteID, customerID: ticket.customerID, in: db)
        {
            addressees.append(contact)
        }
        if recipients.contains(.mailingList) {
            addressees += try Addressee.mailingLists(following: trigger, activityTypeID: ticket?.activityTypeID, in: db)
        }
        return addressees
    }

    /// The customer (and mailing lists) get `kind`; the technician gets their own version.
    private func appointmentEmails(
        _ kind: EmailKind, trigger: NotificationTrigger, customer: CustomerRef?, ticketID: String?,
        technicianID: String,
        facts: EmailFacts, event: ReceivedEvent, at now: Date, in db: Database
    ) throws {
        let ticket = try ticketID.flatMap { try TicketCopyRecord.cachedFetch(db, where: "ticketID", is: $0) }
        let activityTypeID = ticket?.activityTypeID
        var facts = facts
        facts.activityTypeID = activityTypeID
        let recipients = try NotificationStore.recipients(of: trigger, activityTypeID: activityTypeID, in: db)
        var addressees: [Addressee] = []
        if let customer, recipients.contains(.customer) {
            addressees.append(try .customer(id: customer.id, name: customer.name, email: customer.email, in: db))
        }
        if recipients.contains(.siteContact), let ticket,
            let contact = try Addressee.siteContact(siteID: ticket.siteID, customerID: ticket.customerID, in: db)
        {
            addressees.append(contact)
        }
        if recipients.contains(.mailingList) {
            addressees += try Addressee.mailingLists(following: trigger, activityTypeID: activityTypeID, in: db)
        }
        try queue(kind, to: addressees, facts: facts, event: event, at: now, in: db)
        if recipients.contains(.technician) {
            try queue(
                .technicianAppointment, to: [try Addressee.staff(technicianID, role: .technician, in: db)],
                facts: facts, event: event, at: now, in: db)
        }
    }

    /// One job per addressee (a failed one with the reason for a refusal), skipping any recipient
    /// this event already has a job for.
    private func queue(
        _ kind: EmailKind, to addressees: [Addressee], facts: EmailFacts, event: ReceivedEvent, at now: Date,
        in db: Database
    ) throws {
        let metadata: Logger.Metadata = [
            LogKey.eventID: "\(event.metadata.id)", LogKey.eventType: "\(event.metadata.type)"
        ]
        for addressee in addressees {
            var job = EmailJobRecord(
                id: ids.next(), eventID: event.metadata.id, eventType: event.metadata.type, kind: kind,
                recipient: "", recipientName: "", facts: facts, status: .queued, attempts: 0, nextAttemptAt: now,
                lastError: nil, subject: nil, body: nil, createdAt: now, sentAt: nil)
            switch addressee {
            case .deliverable(let recipient, let role, let language):
                job.facts.language = language
                job.recipient = recipient.address
                job.recipientName = recipient.name
                job.recipientRole = role
                if role == .technician || role == .operatorInCharge { job.facts.recipientName = recipient.name }
            case .refused(let label, let role, let reason):
                job.recipient = label
                job.recipientRole = role
                job.status = .failed
                job.nextAttemptAt = nil
                job.lastError = reason
                logger.notice("no email: \(reason)", metadata: metadata)
            }
            if try NotificationStore.queueEmail(job, in: db) {
                logger.debug(
                    "email queued", metadata: metadata.merging([NotificationLogKey.emailID: "\(job.id)"]) { $1 })
            }
        }
    }
}
