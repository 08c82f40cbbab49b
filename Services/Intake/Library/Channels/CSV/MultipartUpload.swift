/// The file of a `multipart/form-data` upload, read with the MIME part reader of the email
/// channel (a form upload is a MIME multipart like any other).
enum MultipartUpload {
    /// The bytes of the part named `field`, or nil when the body has no such part.
    /// Line ends inside the file come back as LF (harmless for CSV).
    static func file(named field: String, in body: [UInt8], contentType: String) -> [UInt8]? {
        guard let boundary = MailHeaderValue(contentType).parameters["boundary"], !boundary.isEmpty else { return nil }
        let parts = MailPart.split(InboundEmail.withoutCarriageReturns(body)[...], boundary: boundary)
        for bytes in parts {
            let part = MailPart(bytes: bytes)
            let disposition = MailHeaderValue(part.headers["Content-Disposition"] ?? "")
            if disposition.parameters["name"] == field { return Array(part.body) }
        }
        return nil
    }
}
