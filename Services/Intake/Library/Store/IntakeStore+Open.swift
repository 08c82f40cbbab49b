import AriannaProtocol
import Foundation
import GRDB
import IntakeDomain
import ServiceKit

extension IntakeSettings {
    /// The company's time zone and the default back-office group (`--back-office-group`,
    /// `ARIANNA_BACK_OFFICE_GROUP`, "Back office") from the configuration.
    init(context: ServiceContext) {
        self.init(
            backOfficeGroup: context.configuration.defaultBackOfficeGroup, timeZone: context.configuration.timeZone)
    }
}

extension IntakeStore {
    /// Active activity types by code, decoded once while their row stays the same: every ticket of
    /// a batch of Kafka requests reads its type (layout and follow-up rules are JSON).
    private static let activeTypes = DecodedRowCache<ActivityTypeRecord>()

    /// The one way a ticket is opened, inside the caller's transaction: every channel (page,
    /// HTTP, Kafka, email, CSV) ends here. Validates everything first and throws
    /// `IntakeError` before writing anything; then numbers the ticket, records its history,
    /// publishes `ticket.opened.v1` and fires the type's on-open follow-up rules.
    static func open(
        _ request: NewTicket, channel: IntakeChannel, at now: Date, ids: IDGenerator, outbox: OutboxWriter,
        correlationID: String?, settings: IntakeSettings = .standard, createdBy userID: String? = nil,
        in db: Database
    ) throws -> (ticket: TicketView, created: Bool) {
        let opened = try openRecord(
            request, channel: channel, at: now, ids: ids, outbox: outbox, correlationID: correlationID,
            settings: settings, createdBy: userID, in: db)
        return (try TicketView.make(opened.ticket.asStored, in: db), opened.created)
    }

    /// ``open(_:channel:at:ids:outbox:correlationID:settings:createdBy:in:)`` without building
    /// the ticket's view: for the Kafka channel, whose reply needs only the id and number and
    /// which applies requests by the hundred in one transaction.
    static func openRecord(
        _ request: NewTicket, channel: IntakeChannel, at now: Date, ids: IDGenerator, outbox: OutboxWriter,
        correlationID: String?, settings: IntakeSettings = .standard, createdBy userID: String? = nil,
        in db: Database
    ) throws -> (ticket: TicketRecord, created: Bool) {
        let shapeProblems = request.problems()
        if let key = request.idempotencyKey, shapeProblems.isEmpty,
            let existing = try TicketRecord.cachedFetch(db, where: "idempotencyKey", is: key)
        {
            return (existing, false)
        }
        // What the rules need to know, read for the references the request names; the rules
        // (`Domain/TicketOpeningRules`) decide.
        let code = request.activityTypeCode.uppercased()
        let type = try activeTypes.fetchOne(
            db.cachedStatement(sql: "SELECT * FROM activityType WHERE code = ? AND active = 1"),
            arguments: [code], key: code)
        var found = TicketOpeningRules.Found(
            activityType: type.map { .init(code: $0.code, macroType: $0.macroType, layout: $0.layout) })
        if let operatorID = request.operatorInChargeID {
            // A cached statement: every ticket of a batch of Kafka requests or a group commit asks.
            found.operatorInChargeIsActive =
                try Bool.fetchOne(
                    db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM operator WHERE id = ? AND active = 1)"),
                    arguments: [operatorID]) == true
        }
        var knownCustomer: CustomerRecord?
        if let customerID = request.customerID {
            knownCustomer = try CustomerRecord.cachedFetch(db, where: "id", is: customerID)
            found.customerIsActive = knownCustomer?.active == true
        }
        var site: SiteRecord?
        if let siteID = request.siteID {
            site = try SiteRecord.cachedFetch(db, where: "id", is: siteID)
            found.site = site.map { .init(name: $0.name, isActive: $0.active, customerID: $0.customerID) }
        }
        let customFields = try TicketOpeningRules.check(request, shapeProblems: shapeProblems, found: found)
        // The rules refuse a ticket whose type is unknown; this only unwraps it.
        guard let type else { throw IntakeError.unknownActivityType(request.activityTypeCode) }

        let newCustomerID = ids.next()
        let customer =
            try knownCustomer
            ?? site.flatMap { try CustomerRecord.cachedFetch(db, where: "id", is: $0.customerID) }
            ?? findOrCreateCustomer(request.customer, newID: newCustomerID, in: db)
        if customer.id == newCustomerID {
            // A caller intake did not know: the other services learn the customer too.
            try CustomerSnapshots.publishNew(customer, outbox: outbox, in: db)
        }
        let ticket = try insertTicket(
            type: type, customer: customer, site: site, zone: site?.zone ?? request.siteZone,
            description: request.description, customFields: customFields, dueAt: request.dueAt,
            channel: channel, at: now, ids: ids, settings: settings, createdBy: userID,
            idempotencyKey: request.idempotencyKey, operatorInChargeID: request.operatorInChargeID, in: db)
        try recordHistory(
            ticket.id, at: now, eventType: TicketOpened.eventType,
            summary:
                "Opened through the \(channel.rawValue) channel as \(type.code), assigned to \(ticket.assignedGroup ?? settings.backOfficeGroup).",
            in: db)
        try publishOpened(ticket, type: type, customer: customer, correlationID: correlationID, outbox: outbox, in: db)
        try FollowUps.fire(
            .onOpen, for: ticket, type: type, at: now, eventKey: "open",
            ids: ids, outbox: outbox, settings: settings, in: db)
        return (ticket, true)
    }

    /// Numbers and inserts a ticket that has passed every check: the first non-final state,
    /// the back-office group, the next number of the type's sequence.
    static func insertTicket(
        type: ActivityTypeRecord, customer: CustomerRecord, site: SiteRecord?, zone: String?, description: String,
        customFields: [String: String], dueAt: Date?, channel: IntakeChannel, at now: Date, ids: IDGenerator,
        settings: IntakeSettings, createdBy userID: String?, idempotencyKey: String?,
        followUpOf: String? = nil, seriesAnchorDay: Int? = nil, operatorInChargeID: String? = nil, in db: Database
    ) throws -> TicketRecord {
        let number = try nextNumber(prefix: type.numberingPrefix, at: now, timeZone: settings.timeZone, in: db)
        var ticket = TicketRecord(
            id: ids.next(), number: number.description, activityTypeID: type.id, customerID: customer.id,
            siteZone: zone, description: description, channel: channel, state: .open,
            openedAt: now, closedAt: nil, reportID: nil, workedMinutes: nil,
            idempotencyKey: idempotencyKey)
        // Raw SQL stays: a cached statement on the hot path of opening a ticket (issue 13).
        ticket.stateID = try String.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT id FROM activityState WHERE active AND NOT isFinal ORDER BY position, code LIMIT 1
                    """))
        ticket.siteID = site?.id
        ticket.dueAt = dueAt
        ticket.customFields = customFields
        ticket.assignedGroup = type.backOfficeGroup ?? settings.backOfficeGroup
        ticket.assignedOperatorID = operatorInChargeID
        ticket.createdByUserID = userID
        ticket.followUpOf = followUpOf
        ticket.seriesAnchorDay = seriesAnchorDay
        try ticket.insertNew(in: db)
        return ticket
    }

    /// Appends `ticket.opened.v1` for a ticket just written, so the planner queues it and
    /// notification writes.
    static func publishOpened(
        _ ticket: TicketRecord, type: ActivityTypeRecord, customer: CustomerRecord, correlationID: String?,
        outbox: OutboxWriter, in db: Database
    ) throws {
        try outbox.append(
            TicketOpened(
                ticketID: ticket.id, number: ticket.number, activityType: type.reference,
                customer: customer.reference, siteZone: ticket.siteZone, description: ticket.description,
                channel: ticket.channel, openedAt: ticket.openedAt, macroType: type.macroType, dueAt: ticket.dueAt,
                operatorInChargeID: ticket.assignedOperatorID, followUpOfTicketID: ticket.followUpOf,
                needsAppointment: needsAppointment(type: type, followUpOf: ticket.followUpOf),
                customFields: ticket.customFields, siteID: ticket.siteID),
            correlationID: correlationID ?? ticket.id, in: db)
    }

    /// Whether the planner should queue the ticket for a visit: a call or an appointment opened
    /// as such, yes; a task (a deadline) no; and a follow-up deadline no, whatever its type — it
    /// is a reminder in the operator in charge's to-do list, who arranges the visit when it is due.
    static func needsAppointment(type: ActivityTypeRecord, followUpOf: String?) -> Bool {
        followUpOf == nil && type.macroType != .task
    }

    /// Appends a line to the ticket's history (shown on its detail page).
    static func recordHistory(_ ticketID: String, at moment: Date, eventType: String, summary: String, in db: Database)
        throws
    {
        // Raw SQL stays: a cached statement, run for every ticket opened and event applied (issues 13, 15).
        let insert = try db.cachedStatement(
            sql: "INSERT INTO ticketHistory (ticketID, occurredAt, eventType, summary) VALUES (?, ?, ?, ?)")
        try insert.execute(arguments: [ticketID, moment, eventType, summary])
    }

    /// Matches the caller to a known customer by email, else by exact name; otherwise creates one.
    static func findOrCreateCustomer(_ caller: NewTicket.Customer, newID: String, in db: Database) throws
        -> CustomerRecord
    {
        let email = caller.email?.trimmedOfWhitespace().lowercased()
        // Raw SQL stays: cached statements on the hot path of opening a ticket (issue 13).
        if let email, !email.isEmpty,
            let known = try CustomerRecord.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM customer WHERE email = ? COLLATE NOCASE"), arguments: [email])
        {
            return known
        }
        if email == nil || email?.isEmpty == true,
            let known = try CustomerRecord.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM customer WHERE name = ?"), arguments: [caller.name])
        {
            return known
        }
        let customer = CustomerRecord(
            id: newID, name: caller.name.trimmedOfWhitespace(),
            email: (email?.isEmpty ?? true) ? nil : email)
        try customer.insert(db)
        return customer
    }
}
