public import Foundation

/// A file was attached to a ticket in intake (from an email, the ticket page, the call page or
/// the API). Web-report lists it on the ticket's appointments so the technician can open it
/// from intake's download route; the bytes never travel on the bus.
public struct TicketAttachmentAdded: DomainEvent {
    /// The CloudEvents `type` of this payload.
    public static let eventType = "ticket.attachment-added.v1"
    /// Published on this topic.
    public static let topic = Topic.tickets

    /// Intake's ticket id (non-empty).
    public var ticketID: String
    /// Intake's attachment id (non-empty): the last segment of its download route.
    public var attachmentID: String
    /// The sanitised file name intake shows and offers on download (non-empty).
    public var fileName: String
    /// The type intake found from the content, e.g. `"image/jpeg"` (non-empty).
    public var contentType: String
    /// The file's size in bytes (not negative).
    public var byteCount: Int
    /// When it was attached.
    public var addedAt: Date

    /// Key: the ticket id, so it follows the ticket's own events in order.
    public var aggregateID: String { ticketID }

    /// Memberwise; rules are checked when the event is decoded, not here.
    public init(
        ticketID: String, attachmentID: String, fileName: String, contentType: String, byteCount: Int, addedAt: Date
    ) {
        self.ticketID = ticketID
        self.attachmentID = attachmentID
        self.fileName = fileName
        self.contentType = contentType
        self.byteCount = byteCount
        self.addedAt = addedAt
    }
}

extension TicketAttachmentAdded: PayloadValidating {
    /// Names the ticket, the attachment and its file (name, type, a size that is not negative) that
    /// web-report lists.
    func validate(_ check: inout PayloadCheck) {
        check.nonEmpty(ticketID, "ticketID")
        check.nonEmpty(attachmentID, "attachmentID")
        check.nonEmpty(fileName, "fileName")
        check.nonEmpty(contentType, "contentType")
        check.nonNegative(byteCount, "byteCount")
    }
}
