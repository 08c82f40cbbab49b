import Foundation

/// A file name safe to store, show and offer on download: no folders (`../`, `C:\`), no
/// control or shell-special characters, no leading dot, at most 120 characters, and an
/// extension that matches the content (one is added when the sender's does not).
package enum AttachmentName {
    /// Longer names are cut, keeping the extension.
    static let maximumLength = 120

    /// The name to store for a file the sender called `declared`, with the extension of its
    /// `content`.
    package static func sanitised(_ declared: String, content: AttachmentContent) -> String {
        let last = declared.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        var name = String(
            String.UnicodeScalarView(
                last.unicodeScalars.map { scalar in
                    allowed(scalar) ? scalar : "_"
                }))
        while name.contains("__") { name = name.replacingOccurrences(of: "__", with: "_") }
        name = name.trimmingCharacters(in: CharacterSet(charactersIn: " ._"))
        if name.isEmpty { name = "allegato" }
        let fileExtension = (name as NSString).pathExtension.lowercased()
        if !content.extensions.contains(fileExtension), let suited = content.extensions.first {
            name += "." + suited
        }
        if name.count > maximumLength {
            let suffix = "." + (name as NSString).pathExtension
            name = String(name.prefix(maximumLength - suffix.count)) + suffix
        }
        return name
    }

    /// Letters and digits of any script, and `space . _ - ( ) + , '`.
    private static func allowed(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.properties.isAlphabetic || scalar.properties.numericType != nil { return true }
        return " ._-()+,'".unicodeScalars.contains(scalar)
    }
}
