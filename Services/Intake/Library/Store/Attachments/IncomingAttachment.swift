import Crypto
import Foundation
import IntakeDomain

/// A file as it arrives (an email part, an uploaded form field), before it is checked.
struct IncomingAttachment: Sendable, Equatable {
    /// The name the sender gave, as written (sanitised only once the content is known).
    let declaredName: String
    /// The file's bytes as received.
    let bytes: [UInt8]

    /// The file checked and named: what it is, and the record to store (without its ticket).
    struct Checked: Sendable {
        /// The safe name to store and show.
        let fileName: String
        /// What the bytes are, found from the bytes themselves.
        let content: AttachmentContent
        /// The bytes to write.
        let bytes: [UInt8]
        /// Hex SHA-256 of the bytes.
        let sha256: String
    }

    /// Checks size and content, and sanitises the name; throws why the file is refused.
    func checked(byteLimit: Int) throws(AttachmentError) -> Checked {
        let shownName = declaredName.isEmpty ? "?" : declaredName
        guard bytes.count <= byteLimit else { throw .tooLarge(fileName: shownName, limitBytes: byteLimit) }
        let content: AttachmentContent
        do {
            content = try AttachmentContent.identify(bytes)
        } catch {
            throw .refused(fileName: shownName, error)
        }
        let digest = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
        return Checked(
            fileName: AttachmentName.sanitised(declaredName, content: content), content: content,
            bytes: bytes, sha256: digest)
    }
}
