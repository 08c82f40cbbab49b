/// A file that travels with an email, e.g. the calendar invitation of an appointment.
package struct MailAttachment: Sendable, Equatable {
    /// The name the recipient's mail client shows, e.g. `invito.ics`.
    package let fileName: String
    /// The full MIME type with parameters, e.g. `text/calendar; charset=utf-8; method=REQUEST`.
    package let contentType: String
    /// The file's bytes.
    package let data: [UInt8]

    /// The file `fileName` of type `contentType` with its bytes.
    package init(fileName: String, contentType: String, data: [UInt8]) {
        self.fileName = fileName
        self.contentType = contentType
        self.data = data
    }
}
