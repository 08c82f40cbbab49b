package import AriannaWording
import Foundation

/// The customer's signature as the phone's canvas sends it: a `data:image/png;base64,…` URL.
/// Checked by content (the PNG signature bytes), not by what the URL claims, and bounded in size.
package enum SignatureImage {
    /// A drawn signature is a few KB; anything much larger is not one.
    package static let maxBytes = 256 * 1024
    /// What `canvas.toDataURL('image/png')` starts with.
    package static let prefix = "data:image/png;base64,"
    /// The eight bytes every PNG file starts with.
    package static let pngMagic: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// What a data URL turned out to be.
    package enum Decoded: Equatable {
        /// A PNG's bytes, within bounds.
        case image([UInt8])
        /// Why the URL is no signature, in both languages.
        case refused(Wording)
    }

    /// The PNG bytes, or why they are refused.
    package static func decode(_ dataURL: String) -> Decoded {
        guard dataURL.hasPrefix(prefix), let data = Data(base64Encoded: String(dataURL.dropFirst(prefix.count))) else {
            return .refused(
                Wording(
                    it: "La firma deve essere un'immagine PNG disegnata sullo schermo.",
                    en: "The signature must be a PNG image drawn on the screen."))
        }
        let bytes = [UInt8](data)
        guard bytes.starts(with: pngMagic) else {
            return .refused(
                Wording(
                    it: "La firma non è un'immagine PNG valida.", en: "The signature is not a valid PNG image."))
        }
        guard bytes.count <= maxBytes else {
            return .refused(
                Wording(
                    it: "La firma supera i \(maxBytes / 1024) KB.",
                    en: "The signature is larger than \(maxBytes / 1024) KB."))
        }
        return .image(bytes)
    }
}
