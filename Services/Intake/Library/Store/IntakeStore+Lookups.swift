import Foundation
import GRDB
public import IntakeDomain

/// The choices the ticket pages offer: states, call types and practices, as id and name.
public struct SearchChoices: Sendable {
    /// An activity state the search may filter by, with the colour its badge shows.
    public struct State: Sendable {
        /// The state's id, the value the search filter sends.
        public let id: String
        /// The state's name as the back office set it up.
        public let name: String
        /// The badge colour (`#rrggbb`), R3.
        public let colour: String
    }
    /// A call type the search and the call-centre page offer, with the practice it belongs to (R4).
    public struct TypeChoice: Sendable {
        /// The activity type's id.
        public let id: String
        /// The short code the call centre types and the API takes (`REPAIR`).
        public let code: String
        /// The type's name as shown in the choice.
        public let name: String
        /// The practice the type belongs to, if any: only its users see the type.
        public let practiceID: String?
    }
    /// A practice the search may filter by, among those the user may see.
    public struct Practice: Sendable {
        /// The practice's id, the value the search filter sends.
        public let id: String
        /// The practice's name.
        public let name: String
    }
    /// The activity states, in list order.
    public let states: [State]
    /// The call types, by code.
    public let types: [TypeChoice]
    /// The practices, by name.
    public let practices: [Practice]
}

extension IntakeStore {
    /// The states, call types and practices the ticket pages' filters and forms offer.
    public func searchChoices() async throws -> SearchChoices {
        try await database.read { db in
            SearchChoices(
                states: try ActivityStateRecord.filter(ActivityStateRecord.Columns.active)
                    .order(ActivityStateRecord.Columns.position, ActivityStateRecord.Columns.code).fetchAll(db)
                    .map { SearchChoices.State(id: $0.id, name: $0.name, colour: $0.colour) },
                types: try ActivityTypeRecord.filter(ActivityTypeRecord.Columns.active)
                    .order(ActivityTypeRecord.Columns.name).fetchAll(db)
                    .map {
                        SearchChoices.TypeChoice(id: $0.id, code: $0.code, name: $0.name, practiceID: $0.practiceID)
                    },
                practices: try PracticeRecord.filter(PracticeRecord.Columns.active)
                    .order(PracticeRecord.Columns.name).fetchAll(db)
                    .map { SearchChoices.Practice(id: $0.id, name: $0.name) })
        }
    }

    /// The custom fields an activity type's form shows.
    public func layout(ofActivityType id: String) async throws -> [LayoutField] {
        try await database.read { db in try ActivityTypeRecord.fetchOne(db, key: id)?.layout ?? [] }
    }
}

extension IntakeStore {
    /// Active call types (the ones that open tickets), only of `practiceIDs` when given (R4:
    /// operators see the activity types of their own practices; types without a practice are
    /// everyone's).
    public func callTypes(visibleTo practiceIDs: [String]?) async throws -> [ActivityTypeRecord] {
        try await database.read { db in
            try ActivityTypeRecord
                .filter(ActivityTypeRecord.Columns.active == true)
                .filter(Column("macroType") == "call")
                .order(Column("name"))
                .fetchAll(db)
                .filter { type in
                    guard let practiceIDs, let practice = type.practiceID else { return true }
                    return practiceIDs.contains(practice)
                }
        }
    }
}
