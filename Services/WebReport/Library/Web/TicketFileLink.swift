import Foundation

/// One of the ticket's files as the appointment page lists it: a link to intake's download
/// route (the session cookie is shared by the services, and intake checks `tickets.read` and
/// the practice), with its name, type and size.
struct TicketFileLink: Equatable {
    /// Intake's download route for the file.
    var url: String
    /// The file's name, the link's text.
    var name: String
    /// The file's type, for the link's `type` attribute.
    var contentType: String
    /// The size in words (`48 KB`).
    var size: String

    /// `intakeURL` is intake's address as the browser reaches it (`ARIANNA_INTAKE_URL`).
    init(_ record: TicketFileRecord, intakeURL: String) {
        let base = intakeURL.hasSuffix("/") ? String(intakeURL.dropLast()) : intakeURL
        url = "\(base)/api/tickets/\(Self.segment(record.ticketID))/attachments/\(Self.segment(record.attachmentID))"
        name = record.fileName
        contentType = record.contentType
        size = Self.size(record.byteCount)
    }

    /// An id as one path segment, so an odd id cannot reach another route.
    static func segment(_ id: String) -> String {
        id.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? id
    }

    /// `512 B`, `48 KB`, `2.5 MB`.
    static func size(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        if bytes < 1_048_576 { return "\((bytes + 1023) / 1024) KB" }
        return String(format: "%.1f MB", Double(bytes) / 1_048_576)
    }
}
