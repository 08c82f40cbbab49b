import AriannaProtocol
import Foundation
import GRDB
import IntakeDomain
import ServiceKit

/// Automatic follow-up deadlines (R5 advanced palette): when a trigger fires on a ticket, every
/// rule of its type with that trigger opens a new deadline of the rule's target type.
///
/// Exactly once: each (rule, trigger occurrence, ticket) is a key in `followUpIssued`, written
/// in the same transaction as the follow-up, so a redelivered event finds the key and adds
/// nothing. No runaway series: a follow-up never fires on-open rules (only closing work moves a
/// series on), and a due date past the ten-year horizon is not created.
enum FollowUps {
    /// Opens the follow-up deadlines `type`'s rules give for `trigger` on `ticket`, once per
    /// `eventKey`, in the caller's transaction.
    static func fire(
        _ trigger: FollowUpRule.Trigger, for ticket: TicketRecord, type: ActivityTypeRecord, at now: Date,
        eventKey: String, ids: IDGenerator, outbox: OutboxWriter, settings: IntakeSettings, in db: Database
    ) throws {
        if trigger == .onOpen, ticket.followUpOf != nil { return }
        let schedule = FollowUpSchedule(timeZone: settings.timeZone)
        for (index, rule) in type.followUpRules.enumerated() where rule.trigger == trigger {
            let triggerKey = "\(ticket.id):\(trigger.rawValue):\(eventKey):\(index)"
            // Raw SQL stays: runs for every ticket opened and closed (issues 13, 15: hot).
            let alreadyIssued =
                try Bool.fetchOne(
                    db, sql: "SELECT EXISTS (SELECT 1 FROM followUpIssued WHERE triggerKey = ?)",
                    arguments: [triggerKey]) ?? false
            if alreadyIssued { continue }

            let base: Date =
                switch rule.baseDate {
                case .deadlineDate: ticket.dueAt ?? ticket.openedAt
                // `closingDate`, the only other base date setup accepts.
                default: trigger == .onOpen ? ticket.openedAt : (ticket.closedAt ?? now)
                }
            let anchor = ticket.seriesAnchorDay ?? schedule.anchorDay(of: base)
            var followUpID: String?
            if let due = schedule.dueDate(after: base, by: rule.recurrence, anchorDay: anchor),
                let target =
                    try ActivityTypeRecord
                    .filter(ActivityTypeRecord.Columns.code == rule.targetActivityTypeCode.uppercased())
                    .filter(ActivityTypeRecord.Columns.active == true).fetchOne(db),
                let customer = try CustomerRecord.fetchOne(db, key: ticket.customerID)
            {
                let site = try ticket.siteID.flatMap { try SiteRecord.fetchOne(db, key: $0) }
                let followUp = try IntakeStore.insertTicket(
                    type: target, customer: customer, site: site, zone: ticket.siteZone,
                    description: "Follow-up of \(ticket.number): \(ticket.description)",
                    customFields: [:], dueAt: due, channel: ticket.channel, at: now, ids: ids,
                    settings: settings, createdBy: nil, idempotencyKey: nil,
                    followUpOf: ticket.id, seriesAnchorDay: anchor, operatorInChargeID: ticket.assignedOperatorID,
                    in: db)
                try IntakeStore.recordHistory(
                    followUp.id, at: now, eventType: TicketOpened.eventType,
                    summary:
                        "Opened automatically as a follow-up of \(ticket.number) (\(trigger.rawValue)), due \(due.formatted(.iso8601)).",
                    in: db)
                try IntakeStore.recordHistory(
                    ticket.id, at: now, eventType: "follow-up",
                    summary:
                        "Follow-up \(followUp.number) of type \(target.code) created, due \(due.formatted(.iso8601)).",
                    in: db)
                try IntakeStore.publishOpened(
                    followUp, type: target, customer: customer, correlationID: ticket.id, outbox: outbox, in: db)
                followUpID = followUp.id
            }
            // Raw SQL stays: the same hot paths' bookkeeping insert, once per rule fired.
            try db.execute(
                sql:
                    "INSERT INTO followUpIssued (triggerKey, sourceTicketID, followUpTicketID, issuedAt) VALUES (?, ?, ?, ?)",
                arguments: [triggerKey, ticket.id, followUpID, now])
        }
    }
}
