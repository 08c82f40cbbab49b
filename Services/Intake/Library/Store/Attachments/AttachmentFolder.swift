public import Foundation
public import ServiceKit

/// The `attachments/` folder beside intake's SQLite file: one file per attachment, named by
/// the record's id (never by the sender's name). Written to a temporary name and renamed, so a
/// crash leaves no half file under a real id.
public struct AttachmentFolder: Sendable {
    /// The folder itself.
    public let url: URL

    /// A folder at `url` (tests give a temporary one).
    public init(url: URL) {
        self.url = url
    }

    /// The folder of a running service: `<data directory>/attachments`.
    public init(context: ServiceContext) {
        self.init(url: context.configuration.dataDirectory.appendingPathComponent("attachments", isDirectory: true))
    }

    /// Where the file of attachment `id` lives.
    func fileURL(_ id: String) -> URL { url.appendingPathComponent(id, isDirectory: false) }

    /// Writes the file of attachment `id` whole, or not at all.
    func write(_ bytes: [UInt8], id: String) throws {
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        let temporary = url.appendingPathComponent(".\(id).part", isDirectory: false)
        try Data(bytes).write(to: temporary)
        try FileManager.default.moveItem(at: temporary, to: fileURL(id))
    }

    /// The bytes of attachment `id`.
    func read(_ id: String) throws -> Data {
        try Data(contentsOf: fileURL(id))
    }

    /// Removes files written for a change that was then not committed.
    func remove(_ ids: [String]) {
        for id in ids { try? FileManager.default.removeItem(at: fileURL(id)) }
    }
}
