/// A file that travels with an email, e.g. the calendar invitation of an appointment.
struct MailAttachment: Sendable, Equatable {
    /// The name the recipient's mail client shows, e.g. `invito.ics`.
    let fileName: String
    /// The full MIME type with parameters, e.g. `text/calendar; charset=utf-8; method=REQUEST`.
    let contentType: String
    /// The file's bytes.
    let data: [UInt8]
}
