import Foundation
import Hummingbird
import IntakeDomain
import Logging
import ServiceKit

/// The CSV intake channel (R10), guarded by the permission `tickets.open`:
/// - `POST /api/imports/tickets`: the CSV as the body (`text/csv`) or as the `file` part of a
///   `multipart/form-data` upload; answers 200 with the per-row `CSVImportReport`, 413 when the
///   file is over 5 MB or 10,000 rows, 422 when it is not text, cannot be read or lacks a
///   column; the report names the encoding and separator the file was read with;
/// - `GET /import`: the upload page; `POST /import`: the same import, answered with the page
///   and its per-row report.
struct CSVImportController: Sendable {
    /// Where the rows are imported.
    let store: IntakeStore
    /// Renders the page in the shared layout.
    let renderer: PageRenderer

    /// The controller of a running service.
    static func make(context: ServiceContext) throws -> CSVImportController {
        CSVImportController(
            store: IntakeStore(context: context),
            renderer: try IntakePages.renderer(
                context: context, strings: TicketPageStrings.all.merging(CSVImportStrings.all)))
    }

    /// `POST /api/imports/tickets` and the `/import` page, for users who may open tickets.
    func addRoutes(to router: ServiceRouter) {
        let api = router.group("api/imports").add(middleware: RequirePermission(.ticketsOpen))
        api.post("tickets", use: importFromAPI)
        let page = router.group("import").add(middleware: RequirePermission(.ticketsOpen))
        page.get(use: form)
        page.post(use: submit)
    }

    /// The import page's title.
    var page: PageRenderer.Page { .init(titleKey: "importTitle") }

    /// `POST /api/imports/tickets`: imports a CSV body (or a multipart upload) and answers the
    /// report.
    @Sendable func importFromAPI(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        do {
            let bytes = try await Self.csvBytes(of: request)
            let report = try await store.importTickets(
                csv: bytes, importedBy: context.identity?.user?.userID, language: PageLanguage.of(request))
            context.logger.info("CSV import", metadata: Self.metadata(report))
            return try JSONResponse.make(.ok, report)
        } catch let error as CSVImportError {
            throw HTTPError(
                error.isTooLarge ? .contentTooLarge : .unprocessableContent,
                message: error.message(PageLanguage.of(request)))
        }
    }

    /// `GET /import`: the upload form.
    @Sendable func form(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        try renderer.render(
            "import", page: page, model: Model(csrf: context.identity?.csrfToken ?? ""), request: request)
    }

    /// `POST /import`: imports the uploaded file and shows the report, or why the file was refused.
    @Sendable func submit(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        var model = Model(csrf: context.identity?.csrfToken ?? "")
        do {
            let bytes = try await Self.csvBytes(of: request)
            let report = try await store.importTickets(
                csv: bytes, importedBy: context.identity?.user?.userID, language: PageLanguage.of(request))
            context.logger.info("CSV import", metadata: Self.metadata(report))
            model.report = ReportModel(report)
            return try renderer.render("import", page: page, model: model, request: request)
        } catch let error as CSVImportError {
            model.failure = error.message(PageLanguage.of(request))
            return try renderer.render(
                "import", page: page, model: model, request: request,
                status: error.isTooLarge ? .contentTooLarge : .unprocessableContent)
        }
    }

    /// The CSV in the request: the `file` part of a multipart upload, else the whole body.
    static func csvBytes(of request: Request) async throws -> [UInt8] {
        let limit = IntakeStore.csvImportByteLimit
        let contentType = request.headers[.contentType] ?? ""
        let isMultipart = contentType.lowercased().hasPrefix("multipart/form-data")
        let buffer: ByteBuffer
        do {
            // A multipart body carries a little more than the file: its part headers and boundaries.
            buffer = try await request.body.collect(upTo: isMultipart ? limit + 64 * 1024 : limit)
        } catch {
            throw CSVImportError.tooLarge(limitBytes: limit)
        }
        let body = Array(buffer.readableBytesView)
        guard isMultipart else {
            guard !body.isEmpty else { throw CSVImportError.noFile }
            return body
        }
        // Byte for byte: a UTF-16 file must not lose the bytes a CRLF rewrite would take.
        guard
            let file = FormUpload(body: body, contentType: contentType)?.parts.first(where: { $0.name == "file" })?
                .bytes,
            !file.isEmpty
        else {
            throw CSVImportError.noFile
        }
        guard file.count <= limit else { throw CSVImportError.tooLarge(limitBytes: limit) }
        return file
    }

    /// The import's counts, for the log line.
    static func metadata(_ report: CSVImportReport) -> Logger.Metadata {
        [
            "processed": "\(report.processed)", "created": "\(report.created)",
            "alreadyImported": "\(report.alreadyImported)", "rejected": "\(report.rejected)"
        ]
    }

    /// What the import page's template shows: the upload form and, after an import, its report or
    /// why it failed.
    struct Model {
        /// The CSRF token of the upload form.
        let csrf: String
        /// The last import's report, once there is one.
        var report: ReportModel?
        /// Why the file was refused whole, if it was.
        var failure: String?
    }

    /// The import's report as the page's table shows it.
    struct ReportModel {
        /// One row of the report's table.
        struct Row {
            /// The row's number in the file.
            let row: Int
            /// What became of it, in the user's language.
            let status: String
            /// The ticket it opened, for the link.
            let ticketID: String
            /// That ticket's number.
            let ticketNumber: String
            /// Why it was refused.
            let reasons: [String]
            // Stored, not computed: Mustache reads the model by reflection.
            /// The row opened a ticket now.
            let isCreated: Bool
            /// An earlier import had already opened its ticket.
            let isAlready: Bool
            /// The row was refused.
            let isRejected: Bool
        }

        /// Rows read.
        let processed: Int
        /// Rows that opened a ticket.
        let created: Int
        /// Rows an earlier import had already opened.
        let alreadyImported: Int
        /// Rows refused.
        let rejected: Int
        /// Every row.
        let rows: [Row]
        /// The encoding the file was read in.
        let encoding: String
        /// The separator found.
        let separator: String

        /// The report as the page's table shows it.
        init(_ report: CSVImportReport) {
            encoding = report.encoding
            separator = report.separator
            processed = report.processed
            created = report.created
            alreadyImported = report.alreadyImported
            rejected = report.rejected
            rows = report.rows.map {
                Row(
                    row: $0.row, status: $0.status.rawValue, ticketID: $0.ticketID ?? "",
                    ticketNumber: $0.ticketNumber ?? "",
                    reasons: $0.reasons, isCreated: $0.status == .created, isAlready: $0.status == .alreadyImported,
                    isRejected: $0.status == .rejected)
            }
        }
    }
}
