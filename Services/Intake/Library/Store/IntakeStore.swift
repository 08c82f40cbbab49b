import Foundation
import GRDB
public import ServiceKit
public import AriannaProtocol

/// Intake's store: every write is one transaction that changes the state and appends the
/// events it publishes to the outbox.
public struct IntakeStore: Sendable {
    let database: ServiceDatabase
    let outbox: OutboxWriter
    let clock: ServiceClock
    let ids: IDGenerator

    public init(context: ServiceContext) {
        self.database = context.database
        self.outbox = context.outbox
        self.clock = context.clock
        self.ids = context.ids
    }

    /// Opens a ticket: validates it, finds or creates the customer, takes the next number of
    /// its type's sequence and publishes `ticket.opened.v1`, all in one transaction. A request
    /// carrying an idempotency key already seen returns the ticket it opened, with `created` false.
    public func openTicket(
        _ request: NewTicket, channel: IntakeChannel, correlationID: String? = nil
    ) async throws -> (ticket: TicketView, created: Bool) {
        let now = clock.now()
        let ids = self.ids
        return try await database.write { [outbox] db in
            try Self.open(request, channel: channel, at: now, ids: ids, outbox: outbox,
                          correlationID: correlationID, in: db)
        }
    }

    /// The one way a ticket is opened, inside the caller's transaction: every channel (HTTP,
    /// Kafka, and the ones to come) ends here. Throws `IntakeError` before writing anything.
    static func open(
        _ request: NewTicket, channel: IntakeChannel, at now: Date, ids: IDGenerator, outbox: OutboxWriter,
        correlationID: String?, in db: Database
    ) throws -> (ticket: TicketView, created: Bool) {
        let problems = request.problems()
        guard problems.isEmpty else { throw IntakeError.invalidTicket(problems) }
        if let key = request.idempotencyKey,
           let existing = try TicketRecord.filter(TicketRecord.Columns.idempotencyKey == key).fetchOne(db) {
            return (try TicketView.load(existing.id, in: db), false)
        }
        guard let type = try ActivityTypeRecord
            .filter(ActivityTypeRecord.Columns.code == request.activityTypeCode.uppercased())
            .filter(ActivityTypeRecord.Columns.active == true)
            .fetchOne(db)
        else { throw IntakeError.unknownActivityType(request.activityTypeCode) }
        guard type.macroType == .call else { throw IntakeError.activityTypeNotACall(type.code) }

        let customer = try findOrCreateCustomer(request.customer, newID: ids.next(), in: db)
        let number = try nextNumber(prefix: type.numberingPrefix, at: now, in: db)
        let ticket = TicketRecord(
            id: ids.next(), number: number.description, activityTypeID: type.id, customerID: customer.id,
            siteZone: request.siteZone, description: request.description, channel: channel, state: .open,
            openedAt: now, closedAt: nil, reportID: nil, workedMinutes: nil,
            idempotencyKey: request.idempotencyKey)
        try ticket.insert(db)
        try outbox.append(
            TicketOpened(
                ticketID: ticket.id, number: ticket.number, activityType: type.reference,
                customer: customer.reference, siteZone: ticket.siteZone, description: ticket.description,
                channel: channel, openedAt: now),
            correlationID: correlationID ?? ticket.id, in: db)
        return (try TicketView.load(ticket.id, in: db), true)
    }

    /// Answers an external system's `intake.request.v1` on the reply topic, in the consumer's
    /// transaction: accepted with the ticket (a repeated request id returns the same ticket), or
    /// rejected with every reason. Nothing but the reply is written for a rejected request.
    static func answer(
        _ request: IntakeRequested, correlationID: String?, at now: Date, ids: IDGenerator,
        outbox: OutboxWriter, in db: Database
    ) throws {
        let ticket = NewTicket(
            activityTypeCode: request.activityTypeCode ?? "",
            customer: .init(name: request.customer?.name ?? "", email: request.customer?.email),
            siteZone: request.siteZone, description: request.description ?? "",
            idempotencyKey: "kafka:\(request.requestID)")
        let reply: IntakeReplied
        do {
            let opened = try open(ticket, channel: .kafka, at: now, ids: ids, outbox: outbox,
                                  correlationID: correlationID, in: db)
            reply = IntakeReplied(
                requestID: request.requestID, status: .accepted, ticketID: opened.ticket.id,
                ticketNumber: opened.ticket.number, reasons: [], repliedAt: now)
        } catch let error as IntakeError {
            reply = IntakeReplied(
                requestID: request.requestID, status: .rejected, ticketID: nil, ticketNumber: nil,
                reasons: error.reasons, repliedAt: now)
        }
        try outbox.append(reply, correlationID: correlationID, in: db)
    }

    /// The next number of a sequence for the year of `date`, gapless: the counter moves inside
    /// the caller's write transaction, so a rolled-back ticket gives its number back and SQLite's
    /// single writer makes concurrent tickets take distinct, consecutive numbers.
    static func nextNumber(prefix: String, at date: Date, in db: Database) throws -> TicketNumber {
        let year = Calendar(identifier: .gregorian).component(.year, from: date)
        try db.execute(
            sql: """
                INSERT INTO numberingSequence (prefix, year, lastCounter) VALUES (?, ?, 1)
                ON CONFLICT (prefix, year) DO UPDATE SET lastCounter = lastCounter + 1
                """,
            arguments: [prefix, year])
        let counter = try Int.fetchOne(
            db, sql: "SELECT lastCounter FROM numberingSequence WHERE prefix = ? AND year = ?",
            arguments: [prefix, year]) ?? 1
        return TicketNumber(prefix: prefix, year: year, counter: counter)
    }

    /// Matches the caller to a known customer by email, else by exact name; otherwise creates one.
    static func findOrCreateCustomer(_ caller: NewTicket.Customer, newID: String, in db: Database) throws -> CustomerRecord {
        let email = caller.email?.trimmingCharacters(in: .whitespaces).lowercased()
        if let email, !email.isEmpty,
           let known = try CustomerRecord.fetchOne(db, sql: "SELECT * FROM customer WHERE email = ? COLLATE NOCASE", arguments: [email]) {
            return known
        }
        if email == nil || email?.isEmpty == true,
           let known = try CustomerRecord.fetchOne(db, sql: "SELECT * FROM customer WHERE name = ?", arguments: [caller.name]) {
            return known
        }
        let customer = CustomerRecord(id: newID, name: caller.name.trimmingCharacters(in: .whitespaces),
                                      email: (email?.isEmpty ?? true) ? nil : email)
        try customer.insert(db)
        return customer
    }

    /// Closes the ticket an intervention report closed and publishes `ticket.closed.v1`, which
    /// carries the worked time and materials so billing needs nothing else. Closing an already
    /// closed ticket changes nothing.
    static func closeTicket(
        for intervention: InterventionClosed, correlationID: String?, outbox: OutboxWriter, in db: Database
    ) throws {
        guard let ticketID = intervention.ticketID else { return }
        guard var ticket = try TicketRecord.fetchOne(db, key: ticketID) else {
            throw EventRejection("intervention \(intervention.reportID) closes ticket \(ticketID), which intake does not know")
        }
        guard ticket.state == .open else { return }
        ticket.state = .closed
        ticket.closedAt = intervention.closedAt
        ticket.reportID = intervention.reportID
        ticket.workedMinutes = intervention.workedMinutes
        try ticket.update(db)
        let type = try ActivityTypeRecord.fetchOne(db, key: ticket.activityTypeID)
        let customer = try CustomerRecord.fetchOne(db, key: ticket.customerID)
        guard let type, let customer else {
            throw EventRejection("ticket \(ticket.number) refers to a missing activity type or customer")
        }
        try outbox.append(
            TicketClosed(
                ticketID: ticket.id, number: ticket.number, activityType: type.reference,
                customer: customer.reference, closedAt: intervention.closedAt, reportID: intervention.reportID,
                workedMinutes: intervention.workedMinutes, materials: intervention.materials),
            correlationID: correlationID, in: db)
    }

    /// Tickets, newest first, optionally only those in one state.
    public func tickets(state: TicketRecord.State? = nil, limit: Int = 500) async throws -> [TicketView] {
        try await database.read { db in
            var request = TicketRecord.order(TicketRecord.Columns.openedAt.desc).limit(limit)
            if let state { request = request.filter(TicketRecord.Columns.state == state.rawValue) }
            return try request.fetchAll(db).map { try TicketView.load($0.id, in: db) }
        }
    }

    public func ticket(id: String) async throws -> TicketView {
        try await database.read { db in try TicketView.load(id, in: db) }
    }

    public func activityTypes() async throws -> [ActivityTypeRecord] {
        try await database.read { db in try ActivityTypeRecord.order(Column("code")).fetchAll(db) }
    }

    public func operators() async throws -> [OperatorRecord] {
        try await database.read { db in try OperatorRecord.order(Column("name")).fetchAll(db) }
    }
}
