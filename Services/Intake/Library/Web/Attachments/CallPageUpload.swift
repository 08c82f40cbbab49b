import Foundation
import Hummingbird
import IntakeDomain
import ServiceKit

/// The call-centre form's body with the files the operator attached: a plain urlencoded form
/// (no files) or `multipart/form-data` (fields and files in the field `file`). The files are
/// checked before the ticket is opened, so a refused file leaves nothing written, and attached
/// once it is.
struct CallPageUpload: Sendable {
    /// The form's fields.
    let fields: FormFields
    /// The files attached to the call, not yet checked.
    let files: [IncomingAttachment]

    /// Reads the call form's body, whichever of the two encodings the browser used.
    static func read(_ request: Request) async throws -> CallPageUpload {
        let contentType = request.headers[.contentType] ?? ""
        guard contentType.lowercased().hasPrefix("multipart/form-data") else {
            return CallPageUpload(fields: try await FormFields.read(request), files: [])
        }
        let buffer = try await request.body.collect(upTo: 10 * 1_048_576)
        guard let form = FormUpload(body: Array(buffer.readableBytesView), contentType: contentType) else {
            return CallPageUpload(fields: .empty, files: [])
        }
        return CallPageUpload(fields: form.form.textFields, files: form.files(named: "file"))
    }

    /// Refuses the form (as a ticket problem, shown with the others) when a file would be refused.
    func checkFiles() throws {
        guard files.count <= IntakeStore.attachmentCountLimit else {
            throw IntakeError.invalidTicket([AttachmentError.tooMany(limit: IntakeStore.attachmentCountLimit).wording])
        }
        var problems: [Wording] = []
        for file in files {
            do {
                _ = try file.checked(byteLimit: IntakeStore.attachmentByteLimit)
            } catch {
                problems.append(error.wording)
            }
        }
        if !problems.isEmpty { throw IntakeError.invalidTicket(problems) }
    }

    /// Attaches the files to the ticket just opened.
    func attach(toTicket ticketID: String, store: IntakeStore, folder: AttachmentFolder, addedBy userID: String?)
        async throws
    {
        guard !files.isEmpty else { return }
        _ = try await store.attach(files, toTicket: ticketID, addedBy: userID, folder: folder)
    }
}
