import AriannaProtocol
import Foundation
import GRDB
public import IntakeDomain
import ServiceKit

/// The back office's changes to an open ticket (issue 12): edit, reassign, change state, cancel.
/// Each is one transaction that checks everything first (the ticket is open, the caller may see
/// it, the version is the current one, the change is valid), then updates the ticket, adds a
/// history line and appends its event. A refused change throws before anything is written.
extension IntakeStore {
    /// Replaces the ticket's details and publishes `ticket.edited.v1`.
    public func edit(ticket id: String, _ edit: TicketEdit, by actor: TicketActor) async throws -> TicketView {
        let now = clock.now()
        return try await database.write { [outbox] db in
            var ticket = try Self.changeable(id, version: edit.version, by: actor, in: db)
            var problems = edit.problems()
            guard let type = try ActivityTypeRecord.fetchOne(db, key: ticket.activityTypeID) else {
                throw IntakeError.ticketNotFound(id)
            }
            let fields = CustomFieldCheck.check(edit.customFields, against: type.layout)
            problems += fields.problems
            let site = try edit.siteID.flatMap { try SiteRecord.fetchOne(db, key: $0) }
            if let siteID = edit.siteID {
                if site == nil || site?.active == false {
                    problems.append(
                        Wording(
                            it: "siteID: '\(siteID)' non è una sede attiva.",
                            en: "siteID '\(siteID)' is not an active site."))
                } else if site?.customerID != ticket.customerID {
                    problems.append(
                        Wording(
                            it: "siteID: la sede '\(site?.name ?? siteID)' è di un altro cliente.",
                            en: "site '\(site?.name ?? siteID)' belongs to another customer."))
                }
            }
            guard problems.isEmpty else { throw TicketChangeError.invalid(problems) }

            let before = ticket
            ticket.description = edit.description.trimmingCharacters(in: .whitespacesAndNewlines)
            ticket.customFields = fields.values
            ticket.siteID = site?.id
            ticket.siteZone = site?.zone ?? edit.siteZone
            ticket.contact = edit.contact
            ticket.dueAt = edit.dueAt
            let changed = Self.changedDetails(from: before, to: ticket)
            guard !changed.isEmpty else { return try TicketView.load(id, in: db) }
            ticket.version += 1
            try ticket.update(db)
            try Self.recordHistory(
                id, at: now, eventType: TicketEdited.eventType,
                summary: "Edited by \(actor.name): \(changed.joined(separator: ", ")).", in: db)
            try outbox.append(
                TicketEdited(
                    ticketID: id, number: ticket.number, version: ticket.version, description: ticket.description,
                    siteZone: ticket.siteZone, dueAt: ticket.dueAt, contact: ticket.contact,
                    customFields: ticket.customFields, editedAt: now, editedBy: actor.name),
                correlationID: id, in: db)
            return try TicketView.load(id, in: db)
        }
    }

    /// Gives the ticket to a group and/or an operator and publishes `ticket.reassigned.v1`. A new
    /// group without an operator leaves nobody in charge inside it; an operator alone keeps the group.
    public func reassign(ticket id: String, _ change: TicketReassignment, by actor: TicketActor) async throws
        -> TicketView
    {
        let now = clock.now()
        return try await database.write { [outbox] db in
            var ticket = try Self.changeable(id, version: change.version, by: actor, in: db)
            var problems: [Wording] = []
            if change.group == nil, change.operatorID == nil {
                problems.append(
                    Wording(
                        it: "Indica un gruppo o un operatore a cui assegnare il ticket.",
                        en: "Give a group or an operator to assign the ticket to."))
            }
            if let group = change.group,
                try OperatorGroupRecord.filter(Column("name") == group).filter(Column("active") == true).fetchOne(db)
                    == nil
            {
                problems.append(
                    Wording(
                        it: "group: '\(group)' non è un gruppo attivo.", en: "group '\(group)' is not an active group.")
                )
            }
            var person: OperatorRecord?
            if let operatorID = change.operatorID {
                person = try OperatorRecord.fetchOne(db, key: operatorID)
                if person == nil || person?.active == false {
                    problems.append(
                        Wording(
                            it: "operatorID: '\(operatorID)' non è un operatore attivo.",
                            en: "operatorID '\(operatorID)' is not an active operator."))
                }
            }
            guard problems.isEmpty else { throw TicketChangeError.invalid(problems) }

            if let group = change.group {
                ticket.assignedGroup = group
                ticket.assignedOperatorID = change.operatorID
            } else {
                ticket.assignedOperatorID = change.operatorID
            }
            ticket.version += 1
            try ticket.update(db)
            let whom = [ticket.assignedGroup.map { "group \($0)" }, person.map { "operator \($0.name)" }]
                .compactMap { $0 }.joined(separator: ", ")
            try Self.recordHistory(
                id, at: now, eventType: TicketReassigned.eventType,
                summary: "Assigned by \(actor.name) to \(whom).", in: db)
            try outbox.append(
                TicketReassigned(
                    ticketID: id, number: ticket.number, version: ticket.version, group: ticket.assignedGroup,
                    operatorID: ticket.assignedOperatorID, reassignedAt: now, reassignedBy: actor.name),
                correlationID: id, in: db)
            return try TicketView.load(id, in: db)
        }
    }

    /// Moves the ticket to another active state and publishes `ticket.state-changed.v1`. A final
    /// state closes it: `ticket.closed.v1` follows (no work, no materials) and the type's
    /// on-deadline-close follow-up rules fire, as when an intervention closes it.
    public func changeState(ticket id: String, _ change: TicketStateChange, by actor: TicketActor) async throws
        -> TicketView
    {
        let now = clock.now()
        let ids = self.ids
        let settings = self.settings
        return try await database.write { [outbox] db in
            var ticket = try Self.changeable(id, version: change.version, by: actor, in: db)
            guard let state = try ActivityStateRecord.fetchOne(db, key: change.stateID), state.active else {
                throw TicketChangeError.invalid([
                    Wording(
                        it: "stateID: '\(change.stateID)' non è uno stato attivo.",
                        en: "stateID '\(change.stateID)' is not an active state.")
                ])
            }
            if state.code == Self.cancelledStateCode {
                throw TicketChangeError.invalid([
                    Wording(
                        it: "Per annullare il ticket usa «Annulla» e scrivi il motivo.",
                        en: "To cancel the ticket use Cancel and give the reason.")
                ])
            }
            if state.id == ticket.stateID {
                throw TicketChangeError.invalid([
                    Wording(
                        it: "Il ticket è già nello stato '\(state.name)'.",
                        en: "The ticket is already in state '\(state.name)'.")
                ])
            }
            guard let type = try ActivityTypeRecord.fetchOne(db, key: ticket.activityTypeID),
                let customer = try CustomerRecord.fetchOne(db, key: ticket.customerID)
            else { throw IntakeError.ticketNotFound(id) }

            ticket.stateID = state.id
            ticket.version += 1
            if state.isFinal {
                ticket.state = .closed
                ticket.closedAt = now
            }
            try ticket.update(db)
            try Self.recordHistory(
                id, at: now, eventType: TicketStateChanged.eventType,
                summary:
                    "State set to \(state.name) (\(state.code)) by \(actor.name)\(state.isFinal ? "; the ticket is closed" : "").",
                in: db)
            try outbox.append(
                TicketStateChanged(
                    ticketID: id, number: ticket.number, version: ticket.version, stateID: state.id,
                    stateCode: state.code, stateName: state.name, colour: state.colour, isFinal: state.isFinal,
                    changedAt: now, changedBy: actor.name),
                correlationID: id, in: db)
            if state.isFinal {
                try outbox.append(
                    TicketClosed(
                        ticketID: id, number: ticket.number, activityType: type.reference, customer: customer.reference,
                        closedAt: now, reportID: nil, workedMinutes: 0, materials: []),
                    correlationID: id, in: db)
                try FollowUps.fire(
                    .onDeadlineClose, for: ticket, type: type, at: now, eventKey: "close",
                    ids: ids, outbox: outbox, settings: settings, in: db)
            }
            return try TicketView.load(id, in: db)
        }
    }

    /// Cancels the ticket with a reason and publishes `ticket.cancelled.v1`: the planner cancels
    /// its live appointment and takes it off the queue; billing never sees it closed.
    public func cancel(ticket id: String, _ cancellation: TicketCancellation, by actor: TicketActor) async throws
        -> TicketView
    {
        let now = clock.now()
        return try await database.write { [outbox] db in
            var ticket = try Self.changeable(id, version: cancellation.version, by: actor, in: db)
            let reason = cancellation.reason.trimmingCharacters(in: .whitespacesAndNewlines)
            if reason.isEmpty {
                throw TicketChangeError.invalid([
                    Wording(
                        it: "reason: scrivi perché il ticket viene annullato.",
                        en: "reason: say why the ticket is cancelled.")
                ])
            }
            if reason.count > 1000 {
                throw TicketChangeError.invalid([
                    Wording(
                        it: "reason: il motivo supera i 1000 caratteri.", en: "reason is longer than 1000 characters.")
                ])
            }
            ticket.state = .cancelled
            ticket.cancelledAt = now
            ticket.cancelReason = reason
            ticket.stateID =
                try ActivityStateRecord.filter(ActivityStateRecord.Columns.active)
                .filter(ActivityStateRecord.Columns.isFinal)
                .order(
                    (ActivityStateRecord.Columns.code == Self.cancelledStateCode).desc,
                    ActivityStateRecord.Columns.position, ActivityStateRecord.Columns.code
                )
                .select(ActivityStateRecord.Columns.id, as: String.self).fetchOne(db) ?? ticket.stateID
            ticket.version += 1
            try ticket.update(db)
            try Self.recordHistory(
                id, at: now, eventType: TicketCancelled.eventType, summary: "Cancelled by \(actor.name): \(reason)",
                in: db)
            try outbox.append(
                TicketCancelled(
                    ticketID: id, number: ticket.number, reason: reason, cancelledAt: now, cancelledBy: actor.name),
                correlationID: id, in: db)
            return try TicketView.load(id, in: db)
        }
    }

    /// The code of the state a cancelled ticket takes (the default setup's `CANCELLED`); without
    /// it the first final state is used.
    static let cancelledStateCode = "CANCELLED"

    /// The ticket, when the caller may change it now: it exists and is visible to them (R4;
    /// another practice's ticket is "not found"), it is open, and `version` is its version.
    static func changeable(_ id: String, version: Int?, by actor: TicketActor, in db: Database) throws -> TicketRecord {
        guard let ticket = try TicketRecord.fetchOne(db, key: id) else { throw IntakeError.ticketNotFound(id) }
        if let visible = actor.visiblePracticeIDs,
            let practice = try ActivityTypeRecord.filter(key: ticket.activityTypeID)
                .select(ActivityTypeRecord.Columns.practiceID, as: String.self).fetchOne(db),
            !visible.contains(practice)
        {
            throw IntakeError.ticketNotFound(id)
        }
        guard ticket.state == .open else { throw TicketChangeError.notOpen(number: ticket.number, state: ticket.state) }
        guard let version else { throw TicketChangeError.versionMissing }
        guard version == ticket.version else {
            throw TicketChangeError.staleVersion(number: ticket.number, sent: version, current: ticket.version)
        }
        return ticket
    }

    /// The names of the details an edit changed, for the history line.
    static func changedDetails(from before: TicketRecord, to after: TicketRecord) -> [String] {
        var changed: [String] = []
        if before.description != after.description { changed.append("description") }
        if before.customFields != after.customFields { changed.append("custom fields") }
        if before.siteID != after.siteID || before.siteZone != after.siteZone { changed.append("site") }
        if before.contact != after.contact { changed.append("contact") }
        if before.dueAt != after.dueAt { changed.append("due date") }
        return changed
    }
}
