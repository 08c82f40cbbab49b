public import Foundation

/// The back office edited a ticket's details. Carries the ticket's details as they are now, so a
/// consumer replaces its copy instead of merging changes.
public struct TicketEdited: DomainEvent {
    /// The CloudEvents `type` of this payload.
    public static let eventType = "ticket.edited.v1"
    /// Published on this topic.
    public static let topic = Topic.tickets

    /// Intake's ticket id (non-empty).
    public var ticketID: String
    /// The ticket's human-facing number (non-empty).
    public var number: String
    /// The ticket's version after the edit (≥ 2): consumers can ignore an older copy.
    public var version: Int
    /// What the customer needs, as edited (non-empty).
    public var description: String
    /// The site's zone, used by the planner to group work; absent when unknown.
    public var siteZone: String?
    /// The due date; absent for "as soon as possible".
    public var dueAt: Date?
    /// Whom to call on site (name, phone), free text; absent when not given.
    public var contact: String?
    /// Values of the activity type's custom fields, by key.
    public var customFields: [String: String]
    /// When it was edited.
    public var editedAt: Date
    /// The display name of the user who edited it (non-empty).
    public var editedBy: String

    /// Key: the ticket id.
    public var aggregateID: String { ticketID }

    /// Memberwise; rules are checked when the event is decoded, not here.
    public init(
        ticketID: String, number: String, version: Int, description: String, siteZone: String?, dueAt: Date?,
        contact: String?, customFields: [String: String], editedAt: Date, editedBy: String
    ) {
        self.ticketID = ticketID
        self.number = number
        self.version = version
        self.description = description
        self.siteZone = siteZone
        self.dueAt = dueAt
        self.contact = contact
        self.customFields = customFields
        self.editedAt = editedAt
        self.editedBy = editedBy
    }
}

extension TicketEdited: PayloadValidating {
    /// An edit carries the new description, who made it and a version from 1, so consumers apply edits
    /// in order.
    func validate(_ check: inout PayloadCheck) {
        check.nonEmpty(ticketID, "ticketID")
        check.nonEmpty(number, "number")
        check.require(version >= 1, "version must be at least 1")
        check.nonEmpty(description, "description")
        check.nonEmpty(editedBy, "editedBy")
    }
}
