import ServiceKit

/// A `multipart/form-data` upload as intake reads it: attachments and CSV imports. The parts are
/// cut by ServiceKit's `MultipartForm` (multipart-kit), byte for byte — the email channel's MIME
/// reader turns CRLF into LF, harmless for a message's text, fatal for a photo, a PDF or a
/// UTF-16 file; this adds what intake asks of a form: its files as attachments to check.
struct FormUpload: Sendable {
    /// The form as sent.
    let form: MultipartForm

    /// The form's parts in the order sent.
    var parts: [MultipartForm.Part] { form.parts }

    /// The parts of `body`; nil when the content type is not multipart or has no boundary.
    init?(body: [UInt8], contentType: String) {
        guard let form = MultipartForm(body: body, contentType: contentType) else { return nil }
        self.form = form
    }

    /// The files sent in the field `name` (a browser sends an empty file when none was chosen).
    func files(named name: String) -> [IncomingAttachment] {
        parts.filter { $0.name == name && $0.fileName != nil && !($0.fileName!.isEmpty && $0.bytes.isEmpty) }
            .map { IncomingAttachment(declaredName: $0.fileName ?? "", bytes: $0.bytes) }
    }

    /// The text of the plain field `name`, if sent.
    func field(_ name: String) -> String? {
        form.field(name)
    }
}
