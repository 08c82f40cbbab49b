import Foundation
import GRDB

/// What the ticket page's back-office forms offer (issue 12): the customer's active sites, the
/// active groups and operators, the states a ticket can be moved to by hand.
public struct TicketFormChoices: Sendable {
    /// One option: the value the form sends and what it shows.
    public struct Choice: Sendable, Equatable {
        /// The value the form sends.
        public let id: String
        /// What the option shows.
        public let label: String
    }

    /// The ticket customer's active sites.
    public let sites: [Choice]
    /// Active groups, by name (a ticket's group is a name).
    public let groups: [Choice]
    /// Active operators.
    public let operators: [Choice]
    /// Active states except the cancelled one, which only Cancel (with its reason) reaches.
    public let states: [Choice]
}

extension IntakeStore {
    /// The choices of the ticket page's forms for a ticket of `customerID`.
    public func formChoices(forCustomer customerID: String) async throws -> TicketFormChoices {
        try await database.read { db in
            TicketFormChoices(
                sites: try SiteRecord.filter(SiteRecord.Columns.customerID == customerID)
                    .filter(SiteRecord.Columns.active).order(SiteRecord.Columns.name).fetchAll(db)
                    .map { .init(id: $0.id, label: "\($0.name) (\($0.zone))") },
                groups: try OperatorGroupRecord.filter(OperatorGroupRecord.Columns.active)
                    .order(OperatorGroupRecord.Columns.name)
                    .select(OperatorGroupRecord.Columns.name, as: String.self).fetchAll(db)
                    .map { .init(id: $0, label: $0) },
                operators: try OperatorRecord.filter(OperatorRecord.Columns.active)
                    .order(OperatorRecord.Columns.name).fetchAll(db)
                    .map { .init(id: $0.id, label: $0.name) },
                states: try ActivityStateRecord.filter(ActivityStateRecord.Columns.active)
                    .filter(ActivityStateRecord.Columns.code != Self.cancelledStateCode)
                    .order(ActivityStateRecord.Columns.position, ActivityStateRecord.Columns.code).fetchAll(db)
                    .map { .init(id: $0.id, label: $0.name) })
        }
    }
}
