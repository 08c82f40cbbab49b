import AriannaWording

/// Photos of an intervention (R18): JPEG or PNG recognised by their first bytes (never by name
/// or declared type), each at most ``maxBytes``, at most ``maxPerAppointment`` per appointment.
package enum PhotoRules {
    /// A phone photo fits; a video or a raw scan does not.
    package static let maxBytes = 5 * 1024 * 1024
    /// Enough to document a job, few enough to keep the store and the PDF small.
    static let maxPerAppointment = 10

    /// The two kinds a phone's camera or gallery gives.
    package enum Kind: String, Sendable, Equatable {
        /// A JPEG, recognised by `FF D8 FF`.
        case jpeg = "image/jpeg"
        /// A PNG, recognised by its eight-byte signature.
        case png = "image/png"
    }

    /// What the bytes are, or why they are refused; `existing` is how many photos the
    /// appointment already has.
    package static func check(_ bytes: [UInt8], existing: Int) -> Result<Kind, WebReportError> {
        guard existing < maxPerAppointment else {
            return .failure(
                .invalidPhoto(
                    Wording(
                        it: "Un intervento può avere al massimo \(maxPerAppointment) foto.",
                        en: "An intervention can have at most \(maxPerAppointment) photos.")))
        }
        guard bytes.count <= maxBytes else { return .failure(tooLarge) }
        if bytes.starts(with: SignatureImage.pngMagic) { return .success(.png) }
        if bytes.count > 3, bytes[0] == 0xFF, bytes[1] == 0xD8, bytes[2] == 0xFF { return .success(.jpeg) }
        return .failure(
            .invalidPhoto(
                Wording(
                    it: "La foto deve essere un'immagine JPEG o PNG.", en: "The photo must be a JPEG or PNG image.")))
    }

    /// The refusal of a photo over ``maxBytes`` (also when the body is cut off while reading).
    package static let tooLarge = WebReportError.invalidPhoto(
        Wording(
            it: "La foto supera i \(maxBytes / 1024 / 1024) MB.",
            en: "The photo is larger than \(maxBytes / 1024 / 1024) MB."))
}
