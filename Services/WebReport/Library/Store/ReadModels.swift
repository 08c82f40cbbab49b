import Foundation
import GRDB

extension WebReportStore {
    /// The tickets, activity types and customers a list of appointments and deadlines names,
    /// each read once by key: a list costs the same few queries whether it has 2 lines or 200,
    /// and each type's layout and customer's sites are decoded once, not once per line.
    struct ReadModels: Sendable {
        /// The tickets named, by id.
        var tickets: [String: TicketInfoRecord]
        /// Their activity types, by id.
        var types: [String: ActivityTypeInfoRecord]
        /// The customers named, by id.
        var customers: [String: CustomerInfoRecord]

        /// Reads what `items` and `deadlines` refer to, in three queries.
        static func load(for items: [TodoItemRecord], deadlines: [TicketInfoRecord] = [], in db: Database) throws
            -> ReadModels
        {
            let ticketIDs = Set(items.compactMap(\.ticketID)).subtracting(deadlines.map(\.ticketID))
            var tickets = Dictionary(uniqueKeysWithValues: deadlines.map { ($0.ticketID, $0) })
            for ticket in try TicketInfoRecord.fetchAll(db, keys: ticketIDs) { tickets[ticket.ticketID] = ticket }
            let typeIDs = Set(tickets.values.map(\.activityTypeID))
            let customerIDs = Set(items.compactMap { $0.customerID ?? $0.ticketID.flatMap { tickets[$0]?.customerID } })
                .union(deadlines.map(\.customerID))
            return ReadModels(
                tickets: tickets,
                types: Dictionary(
                    uniqueKeysWithValues: try ActivityTypeInfoRecord.fetchAll(db, keys: typeIDs).map { ($0.id, $0) }),
                customers: Dictionary(
                    uniqueKeysWithValues: try CustomerInfoRecord.fetchAll(db, keys: customerIDs).map { ($0.id, $0) }))
        }

        /// An appointment with its ticket, activity type and customer, as far as they are known.
        func line(_ item: TodoItemRecord) -> AppointmentLine {
            let ticket = item.ticketID.flatMap { tickets[$0] }
            return AppointmentLine(
                item: item, ticket: ticket, type: ticket.flatMap { types[$0.activityTypeID] },
                customer: (item.customerID ?? ticket?.customerID).flatMap { customers[$0] })
        }

        /// A deadline with its activity type and customer.
        func deadline(_ ticket: TicketInfoRecord) -> DeadlineLine {
            DeadlineLine(ticket: ticket, type: types[ticket.activityTypeID], customer: customers[ticket.customerID])
        }
    }
}
