package import AriannaWording
public import Foundation

// The back office's changes to an open ticket (issue 12), as the JSON API and the ticket page
// deliver them. Each carries the `version` the user saw: a change made on an older version is
// refused, never merged silently.

/// New details of a ticket: the whole editable set, so what the form shows is what is stored
/// (an absent `dueAt`, `siteID` or `contact` clears it).
public struct TicketEdit: Sendable, Codable, Equatable {
    /// The ticket's version the user saw; nil only until the `If-Match` header fills it.
    public var version: Int?
    /// What the customer needs (required, at most 4000 characters).
    public var description: String
    /// Values of the type's custom fields, checked against its layout.
    public var customFields: [String: String]
    /// One of the ticket customer's active sites; its zone becomes the ticket's zone.
    public var siteID: String?
    /// The zone when there is no site.
    public var siteZone: String?
    /// Whom to call on site (name, phone).
    public var contact: String?
    /// When it falls due; nil for "as soon as possible".
    public var dueAt: Date?

    /// Memberwise; checked by the store, not here.
    public init(
        version: Int?, description: String, customFields: [String: String] = [:], siteID: String? = nil,
        siteZone: String? = nil, contact: String? = nil, dueAt: Date? = nil
    ) {
        self.version = version
        self.description = description
        self.customFields = customFields
        self.siteID = siteID
        self.siteZone = siteZone
        self.contact = contact
        self.dueAt = dueAt
    }

    /// The JSON names of the change.
    enum CodingKeys: String, CodingKey {
        /// `version`, `description`, `customFields`, `siteID`, `siteZone`, `contact`, `dueAt`: the
        /// edit's wire names, the same as the properties'.
        case version, description, customFields, siteID, siteZone, contact, dueAt
    }

    /// `customFields` may be left out; blank optional texts count as absent.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        version = try container.decodeIfPresent(Int.self, forKey: .version)
        description = try container.decode(String.self, forKey: .description)
        customFields = try container.decodeIfPresent([String: String].self, forKey: .customFields) ?? [:]
        siteID = try container.decodeIfPresent(String.self, forKey: .siteID).nonBlank
        siteZone = try container.decodeIfPresent(String.self, forKey: .siteZone).nonBlank
        contact = try container.decodeIfPresent(String.self, forKey: .contact).nonBlank
        dueAt = try container.decodeIfPresent(Date.self, forKey: .dueAt)
    }

    /// Problems found without the database.
    package func problems() -> [Wording] {
        var problems: [Wording] = []
        let text = description.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty {
            problems.append(
                Wording(
                    it: "description: la descrizione è obbligatoria.", en: "description is required."))
        } else if text.count > 4000 {
            problems.append(
                Wording(
                    it: "description: la descrizione supera i 4000 caratteri.",
                    en: "description is longer than 4000 characters."))
        }
        if let contact, contact.count > 200 {
            problems.append(
                Wording(
                    it: "contact: il contatto supera i 200 caratteri.", en: "contact is longer than 200 characters."))
        }
        return problems
    }
}

/// Gives a ticket to a back-office group and/or an operator (R11); at least one of them.
public struct TicketReassignment: Sendable, Codable, Equatable {
    /// The ticket's version the user saw; nil only until the `If-Match` header fills it.
    public var version: Int?
    /// A group's name, as the setup's groups are named.
    public var group: String?
    /// The operator to put in charge.
    public var operatorID: String?

    /// Memberwise; checked by the store, not here.
    public init(version: Int?, group: String?, operatorID: String?) {
        self.version = version
        self.group = group.nonBlank
        self.operatorID = operatorID.nonBlank
    }

    /// The JSON names of the reassignment.
    enum CodingKeys: String, CodingKey {
        /// `version`, `group`, `operatorID`: the reassignment's wire names, the same as the properties'.
        case version, group, operatorID
    }

    /// Reads the JSON body; blank optional texts count as absent.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            version: try container.decodeIfPresent(Int.self, forKey: .version),
            group: try container.decodeIfPresent(String.self, forKey: .group),
            operatorID: try container.decodeIfPresent(String.self, forKey: .operatorID))
    }
}

/// Moves a ticket to another activity state (R3); a final state closes it.
public struct TicketStateChange: Sendable, Codable, Equatable {
    /// The ticket's version the user saw; nil only until the `If-Match` header fills it.
    public var version: Int?
    /// The activity state to move to (an id from the setup).
    public var stateID: String

    /// Memberwise; checked by the store, not here.
    public init(version: Int?, stateID: String) {
        self.version = version
        self.stateID = stateID
    }
}

/// Cancels a ticket; the reason is required and travels to the planner and the history.
public struct TicketCancellation: Sendable, Codable, Equatable {
    /// The ticket's version the user saw; nil only until the `If-Match` header fills it.
    public var version: Int?
    /// Why it is cancelled (required).
    public var reason: String

    /// Memberwise; checked by the store, not here.
    public init(version: Int?, reason: String) {
        self.version = version
        self.reason = reason
    }
}

/// Who is changing a ticket: their name for the history and the events, and the practices whose
/// tickets they may touch (R4; nil = every practice).
public struct TicketActor: Sendable, Equatable {
    /// The user's display name, written into the history and the events.
    public var name: String
    /// The practices whose tickets they may change; nil: every practice.
    public var visiblePracticeIDs: [String]?

    /// Memberwise.
    public init(name: String, visiblePracticeIDs: [String]? = nil) {
        self.name = name
        self.visiblePracticeIDs = visiblePracticeIDs
    }
}

extension Optional where Wrapped == String {
    /// Nil for nil, empty or blank text; otherwise the text trimmed.
    package var nonBlank: String? {
        guard let text = self?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        return text
    }
}
