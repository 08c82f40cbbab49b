public import GRDB
import AriannaProtocol

/// A practice (R4): a sector that groups activity types.
public struct PracticeRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "practice"
    public var id: String
    public var code: String
    public var name: String
    public var active: Bool

    /// The columns the setup's uniqueness checks query by.
    public enum Columns {
        /// The practice's id.
        public static let id = Column(CodingKeys.id)
        /// The practice's code, unique among practices.
        public static let code = Column(CodingKeys.code)
        /// The practice's name, the order of the user form's choices.
        public static let name = Column(CodingKeys.name)
    }

    var snapshot: PracticeSnapshot { PracticeSnapshot(practiceID: id, code: code, name: name, active: active) }
}

/// An activity state (R3), with the colour the planner shows and whether it ends an activity.
public struct ActivityStateRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "activityState"
    public var id: String
    public var code: String
    public var name: String
    /// `#rrggbb`.
    public var colour: String
    public var isFinal: Bool
    /// Sort order, smallest first.
    public var position: Int
    public var active: Bool

    /// The columns the setup's uniqueness checks query by.
    public enum Columns {
        /// The state's id.
        public static let id = Column(CodingKeys.id)
        /// The state's code, unique among activity states.
        public static let code = Column(CodingKeys.code)
    }

    var snapshot: ActivityStateSnapshot {
        ActivityStateSnapshot(stateID: id, code: code, name: name, colour: colour, isFinal: isFinal, position: position, active: active)
    }
}

/// A named group of users (R2). Members are the operators whose `groups` list its name.
public struct OperatorGroupRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "operatorGroup"
    public var id: String
    public var name: String
    public var active: Bool

    /// The columns groups are looked up by (operators and activity types name groups by name).
    public enum Columns {
        /// The group's id.
        public static let id = Column(CodingKeys.id)
        /// The group's name, unique among groups whatever the case.
        public static let name = Column(CodingKeys.name)
        /// Whether the group may still be chosen.
        public static let active = Column(CodingKeys.active)
    }

    var snapshot: GroupSnapshot { GroupSnapshot(groupID: id, name: name, active: active) }
}

/// A numbering sequence: its prefix is its identity (counters per year live in
/// `numberingSequence`), `padding` is how many digits the counter shows.
public struct SequenceDefinitionRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "sequenceDefinition"
    public var prefix: String
    public var name: String
    public var padding: Int
    public var active: Bool

    /// How its numbers look, e.g. `TCK/2026/000123`.
    public func example(year: Int, counter: Int = 123) -> String {
        TicketNumber(prefix: prefix, year: year, counter: counter, padding: padding).description
    }
}

/// A customer with every site, as the setup pages and API show it and as it is published.
public struct CustomerSetup: Codable, Sendable, Equatable {
    public var customer: CustomerRecord
    public var sites: [SiteRecord]

    var snapshot: CustomerSnapshot {
        CustomerSnapshot(
            customerID: customer.id, name: customer.name, email: customer.email, phone: customer.phone,
            active: customer.active,
            sites: sites.map {
                .init(siteID: $0.id, name: $0.name, address: $0.address, zone: $0.zone, active: $0.active, contactEmail: $0.contactEmail)
            },
            vatNumber: customer.vatNumber, fiscalCode: customer.fiscalCode, billingAddress: customer.billingAddress,
            language: customer.language)
    }
}
