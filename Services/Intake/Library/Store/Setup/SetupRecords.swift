import AriannaProtocol
public import GRDB
import IntakeDomain

/// A practice (R4): a sector that groups activity types.
public struct PracticeRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    /// The SQLite table of practices.
    public static let databaseTableName = "practice"
    /// The practice's id.
    public var id: String
    /// The practice's short code, unique.
    public var code: String
    /// The practice's name as pages show it.
    public var name: String
    /// A deactivated practice is offered no more.
    public var active: Bool

    /// The columns the setup's uniqueness checks query by.
    public enum Columns {
        /// The practice's id.
        public static let id = Column(CodingKeys.id)
        /// The practice's code, unique among practices.
        public static let code = Column(CodingKeys.code)
        /// The practice's name, the order of the user form's choices.
        public static let name = Column(CodingKeys.name)
        /// Whether the practice may still be chosen.
        public static let active = Column(CodingKeys.active)
    }

    /// The practice as `setup.practice.v1` announces it.
    var snapshot: PracticeSnapshot { PracticeSnapshot(practiceID: id, code: code, name: name, active: active) }
}

/// An activity state (R3), with the colour the planner shows and whether it ends an activity.
public struct ActivityStateRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    /// The SQLite table of activity states.
    public static let databaseTableName = "activityState"
    /// The state's id.
    public var id: String
    /// The state's short code, unique.
    public var code: String
    /// The state's name as pages show it.
    public var name: String
    /// `#rrggbb`.
    public var colour: String
    /// Whether a ticket put in this state is closed.
    public var isFinal: Bool
    /// Sort order, smallest first.
    public var position: Int
    /// A deactivated state is offered no more.
    public var active: Bool

    /// The columns the setup's uniqueness checks query by.
    public enum Columns {
        /// The state's id.
        public static let id = Column(CodingKeys.id)
        /// The state's code, unique among activity states.
        public static let code = Column(CodingKeys.code)
        /// The state's place in lists and in the board's legend.
        public static let position = Column(CodingKeys.position)
        /// Whether the state is offered (lists and forms show only active states).
        public static let active = Column(CodingKeys.active)
        /// Whether a ticket in the state is finished (closing and cancelling pick a final state).
        public static let isFinal = Column(CodingKeys.isFinal)
    }

    /// The state as `setup.activity-state.v1` announces it.
    var snapshot: ActivityStateSnapshot {
        ActivityStateSnapshot(
            stateID: id, code: code, name: name, colour: colour, isFinal: isFinal, position: position, active: active)
    }
}

/// A named group of users (R2). Members are the operators whose `groups` list its name.
public struct OperatorGroupRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    /// The SQLite table of operator groups.
    public static let databaseTableName = "operatorGroup"
    /// The group's id.
    public var id: String
    /// The group's name, which operators and activity types refer to.
    public var name: String
    /// A deactivated group is offered no more.
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

    /// The group as `setup.group.v1` announces it.
    var snapshot: GroupSnapshot { GroupSnapshot(groupID: id, name: name, active: active) }
}

/// A numbering sequence: its prefix is its identity (counters per year live in
/// `numberingSequence`), `padding` is how many digits the counter shows.
public struct SequenceDefinitionRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    /// The SQLite table of numbering sequences.
    public static let databaseTableName = "sequenceDefinition"
    /// The prefix of the numbers (`TCK`), the sequence's key.
    public var prefix: String
    /// The sequence's name as pages show it.
    public var name: String
    /// The digits the counter is padded to.
    public var padding: Int
    /// A deactivated sequence is offered no more to activity types.
    public var active: Bool

    /// The columns sequences are looked up and listed by.
    public enum Columns {
        /// The sequence's prefix, its key and list order.
        public static let prefix = Column(CodingKeys.prefix)
        /// Whether activity types may still choose the sequence.
        public static let active = Column(CodingKeys.active)
    }

    /// How its numbers look, e.g. `TCK/2026/000123`.
    public func example(year: Int, counter: Int = 123) -> String {
        TicketNumber(prefix: prefix, year: year, counter: counter, padding: padding).description
    }
}

/// A customer with every site, as the setup pages and API show it and as it is published.
public struct CustomerSetup: Codable, Sendable, Equatable {
    /// The customer's own data.
    public var customer: CustomerRecord
    /// The customer's sites, deactivated ones too.
    public var sites: [SiteRecord]

    /// The customer as `setup.customer.v1` announces them, with their sites.
    var snapshot: CustomerSnapshot {
        CustomerSnapshot(
            customerID: customer.id, name: customer.name, email: customer.email, phone: customer.phone,
            active: customer.active,
            sites: sites.map {
                .init(
                    siteID: $0.id, name: $0.name, address: $0.address, zone: $0.zone, active: $0.active,
                    contactEmail: $0.contactEmail)
            },
            vatNumber: customer.vatNumber, fiscalCode: customer.fiscalCode, billingAddress: customer.billingAddress,
            language: customer.language)
    }
}
