import Foundation
import Hummingbird
import IntakeDomain
import ServiceKit

/// A ticket's attachments over HTTP. Reading needs `tickets.read`, adding `tickets.open`; both
/// need the ticket to be one the caller sees (a user with practices sees only their practices'
/// tickets — another's answers 404, as a ticket that does not exist):
/// - `GET /api/tickets/{id}/attachments`: the list (JSON);
/// - `GET /api/tickets/{id}/attachments/{attachmentID}`: the file, as a download;
/// - `POST /api/tickets/{id}/attachments`: files as `multipart/form-data` parts named `file`,
///   or one file as the body with `?name=`; 201 with the new records;
/// - `POST /tickets/{id}/attachments`: the ticket page's form; back to the page, or a page
///   saying why nothing was attached.
struct AttachmentController: Sendable {
    /// Where attachments are recorded and read.
    let store: IntakeStore
    /// Where their files are kept.
    let folder: AttachmentFolder
    /// Renders the refusal page in the shared layout.
    let renderer: PageRenderer

    /// The controller of a running service, with its attachments' folder.
    static func make(context: ServiceContext) throws -> AttachmentController {
        AttachmentController(
            store: IntakeStore(context: context), folder: AttachmentFolder(context: context),
            renderer: try IntakePages.renderer(
                context: context, strings: TicketPageStrings.all.merging(AttachmentStrings.all)))
    }

    /// A ticket's attachments: listed and downloaded by those who may read tickets, added by those
    /// who may open them.
    func addRoutes(to router: ServiceRouter) {
        let read = router.group("api/tickets").add(middleware: RequirePermission(.ticketsRead))
        read.get(":id/attachments", use: list)
        read.get(":id/attachments/:attachmentID", use: download)
        router.group("api/tickets").add(middleware: RequirePermission(.ticketsOpen)).post(
            ":id/attachments", use: uploadFromAPI)
        router.group("tickets").add(middleware: RequirePermission(.ticketsOpen)).post(
            ":id/attachments", use: uploadFromPage)
    }

    /// The ticket's id when the caller may see that ticket; 404 otherwise.
    func visibleTicket(_ context: ServiceRequestContext, _ request: Request) async throws -> String {
        let id = try context.parameters.require("id")
        let ticket: TicketView
        do {
            ticket = try await store.ticket(id: id, visibleTo: context.identity.visiblePracticeIDs)
        } catch let error as IntakeError {
            throw error.httpError(PageLanguage.of(request))
        }
        return ticket.id
    }

    /// `GET /api/tickets/{id}/attachments?limit=&cursor=`: the ticket's files, oldest first, one
    /// page `{"items": […], "nextCursor": "…"}` (limit 50 by default, at most 200).
    @Sendable func list(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let page = try PageRequest(request, defaultLimit: 50, maximum: 200)
        return try JSONResponse.make(
            .ok, try await store.attachmentPage(ofTicket: try await visibleTicket(context, request), page: page))
    }

    /// `GET /api/tickets/{id}/attachments/{attachmentID}`: the file, as an attachment download with
    /// its checked content type.
    @Sendable func download(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let ticketID = try await visibleTicket(context, request)
        let attachmentID = try context.parameters.require("attachmentID")
        guard let record = try await store.attachment(attachmentID, ofTicket: ticketID) else {
            throw HTTPError(.notFound, message: AttachmentStrings.notFound.text(PageLanguage.of(request)))
        }
        let data = try folder.read(record.id)
        return Response(
            status: .ok,
            headers: [
                .contentType: record.contentType,
                .contentDisposition: Self.contentDisposition(record.fileName),
                .init("X-Content-Type-Options")!: "nosniff",
                .contentSecurityPolicy: "sandbox; default-src 'none'; frame-ancestors 'none'",
                .cacheControl: "private, no-store"
            ],
            body: .init(byteBuffer: ByteBuffer(data: data)))
    }

    /// `attachment`, an ASCII fallback name and the UTF-8 name (RFC 6266 / 8187).
    static func contentDisposition(_ name: String) -> String {
        let ascii = String(name.unicodeScalars.map { $0.isASCII && $0 != "\"" && $0 != "\\" ? Character($0) : "_" })
        let encoded =
            name.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: ".-_")))
            ?? ascii
        return "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
    }

    /// `POST /api/tickets/{id}/attachments`: attaches the files of a multipart body, all or none.
    @Sendable func uploadFromAPI(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let ticketID = try await visibleTicket(context, request)
        let language = PageLanguage.of(request)
        do {
            let files = try await Self.files(of: request)
            let records = try await store.attach(
                files, toTicket: ticketID, addedBy: context.identity?.user?.userID, folder: folder)
            return try JSONResponse.make(.created, records)
        } catch let error as AttachmentError {
            throw HTTPError(error == .noFile ? .badRequest : .unprocessableContent, message: error.message(language))
        }
    }

    /// `POST /tickets/{id}/attachments`: the ticket page's upload form, back to the page or to the
    /// refusal.
    @Sendable func uploadFromPage(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let ticketID = try await visibleTicket(context, request)
        do {
            let files = try await Self.files(of: request)
            _ = try await store.attach(
                files, toTicket: ticketID, addedBy: context.identity?.user?.userID, folder: folder)
            return Response(status: .seeOther, headers: [.location: "/tickets/\(ticketID)#attachments"])
        } catch let error as AttachmentError {
            let model = ProblemModel(ticketID: ticketID, problem: error.message(PageLanguage.of(request)))
            return try renderer.render(
                "attachment-problem", page: .init(titleKey: "attachmentsTitle"), model: model,
                request: request, status: .unprocessableContent)
        }
    }

    /// What the page shown for a refused upload says, with the way back to the ticket.
    struct ProblemModel {
        /// The ticket to go back to.
        let ticketID: String
        /// Why no file was attached.
        let problem: String
    }

    /// The files of a request: the `file` parts of a multipart form, else the whole body named
    /// by `?name=`. Refuses a body over the limit of the files it may carry.
    static func files(of request: Request) async throws -> [IncomingAttachment] {
        let limit = IntakeStore.attachmentByteLimit
        let contentType = request.headers[.contentType] ?? ""
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: 2 * limit + 64 * 1024)
        } catch {
            throw AttachmentError.tooLarge(fileName: request.uri.queryParameters.get("name") ?? "?", limitBytes: limit)
        }
        let body = Array(buffer.readableBytesView)
        if let form = FormUpload(body: body, contentType: contentType) {
            return form.files(named: "file")
        }
        guard !body.isEmpty else { return [] }
        return [IncomingAttachment(declaredName: request.uri.queryParameters.get("name") ?? "", bytes: body)]
    }
}
