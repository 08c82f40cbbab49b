import AriannaProtocol
import Foundation
import GRDB

/// The read models web-report keeps from other services' events, each written inside the
/// consumer's transaction: tickets (and their history) from intake, activity types and
/// customers from intake's setup, articles from billing's catalogue.
extension WebReportStore {
    /// A new ticket: what its appointment page shows and, for a deadline, a line of its operator
    /// in charge's to-do list. A replay changes nothing.
    static func open(_ ticket: TicketOpened, at now: Date, in db: Database) throws {
        guard try !TicketInfoRecord.exists(db, key: ticket.ticketID) else { return }
        try TicketInfoRecord(
            ticketID: ticket.ticketID, number: ticket.number, activityTypeID: ticket.activityType.id,
            activityTypeName: ticket.activityType.name, customerID: ticket.customer.id,
            customerName: ticket.customer.name, siteZone: ticket.siteZone, description: ticket.description,
            openedAt: ticket.openedAt, macroType: ticket.macroType, dueAt: ticket.dueAt,
            operatorInChargeID: ticket.operatorInChargeID, state: .open, customFields: ticket.customFields
        ).insert(db)
        try note(ticket.ticketID, .opened, ticket.description, at: ticket.openedAt, in: db)
    }

    /// The back office edited a ticket: the list and the appointment page show its details as
    /// they are now. An edit older than what is kept cannot be told apart, so the latest wins.
    static func edit(_ edit: TicketEdited, in db: Database) throws {
        guard var ticket = try TicketInfoRecord.fetchOne(db, key: edit.ticketID) else { return }
        ticket.description = edit.description
        ticket.siteZone = edit.siteZone
        ticket.dueAt = edit.dueAt
        ticket.customFields = edit.customFields
        try ticket.update(db)
    }

    /// Intake closed or cancelled a ticket: its deadline leaves the to-do list.
    static func finish(
        ticketID: String, as state: TicketInfoRecord.State, detail: String, at moment: Date, in db: Database
    ) throws {
        guard var ticket = try TicketInfoRecord.fetchOne(db, key: ticketID) else { return }
        ticket.state = state
        try ticket.update(db)
        try note(ticketID, state == .closed ? .closed : .cancelled, detail, at: moment, in: db)
    }

    /// The latest snapshot of an activity type replaces the previous one.
    static func upsert(_ type: ActivityTypeSnapshot, in db: Database) throws {
        try ActivityTypeInfoRecord(
            id: type.activityTypeID, code: type.code, name: type.name, colour: type.colour,
            layout: type.layout ?? [], billingArticles: type.billingArticles ?? []
        ).save(db)
    }

    /// The latest snapshot of a customer replaces the previous one.
    static func upsert(_ customer: CustomerSnapshot, in db: Database) throws {
        try CustomerInfoRecord(
            id: customer.customerID, name: customer.name, phone: customer.phone, email: customer.email,
            sites: customer.sites
        ).save(db)
    }

    /// The latest snapshot of an article replaces the previous one.
    static func upsert(_ article: ArticleSnapshot, in db: Database) throws {
        try ArticleRecord(
            code: article.code, description: article.description, descriptionEN: article.descriptionEN,
            unit: article.unit, kind: article.kind.rawValue, active: article.active
        ).save(db)
    }

    /// A production order's bill of materials (exploded to leaf components by billing): what a
    /// report for its ticket proposes besides the activity type's articles. A replay changes nothing.
    static func record(_ order: ProductionOrderCreated, in db: Database) throws {
        for (index, component) in order.components.enumerated() {
            try ProductionOrderComponentRecord(
                productionOrderID: order.productionOrderID, ticketID: order.ticketID, position: index + 1,
                articleCode: component.articleCode, description: component.description, quantity: component.quantity
            ).insert(db, onConflict: .ignore)
        }
    }

    /// The components of every production order of a ticket, summed per article, in order.
    static func billOfMaterials(ofTicket ticketID: String, in db: Database) throws -> [MaterialLine] {
        // Raw: an aggregate (sum per article in the orders' order), which the query interface would only obscure.
        try Row.fetchAll(
            db,
            sql: """
                SELECT articleCode, MIN(description) AS description, SUM(quantity) AS quantity
                FROM productionOrderComponent WHERE ticketID = ?
                GROUP BY articleCode ORDER BY MIN(productionOrderID), MIN(position)
                """, arguments: [ticketID]
        ).map { MaterialLine(articleCode: $0["articleCode"], description: $0["description"], quantity: $0["quantity"]) }
    }
}
