import Foundation
import Hummingbird
import ServiceKit
import WebReportDomain

/// An intervention's photos: uploaded one by one from the phone while the report is open (the
/// body is the image itself), shown on the appointment page and in the PDF.
struct PhotoController: Sendable {
    /// Where the photos are kept.
    let store: WebReportStore

    /// A stored photo's id and address.
    struct Stored: Encodable {
        /// The photo's id, to remove it.
        var id: String
        /// The photo's address on the appointment's page.
        var url: String
    }

    /// Upload, removal and display, each needing `reports.fill` or `planner.schedule` and the appointment's owner.
    func addRoutes(to router: ServiceRouter) {
        let guarded = router.group().add(middleware: RequirePermission(anyOf: [.reportsFill, .plannerSchedule]))
        guarded.post("api/appointments/:appointmentID/photos", use: upload)
        guarded.delete("api/appointments/:appointmentID/photos/:photoID", use: remove)
        guarded.get("appointments/:appointmentID/photos/:photoID", use: show)
    }

    /// `POST /api/appointments/{id}/photos` with a JPEG or PNG body: 201; 413 when too large,
    /// 422 when it is not an image, 409 when the report is closed.
    @Sendable func upload(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let appointmentID = try context.parameters.require("appointmentID")
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: PhotoRules.maxBytes)
        } catch {
            // 413, not the refusal's 422: the body itself was cut off.
            throw HTTPError(.contentTooLarge, message: PhotoRules.tooLarge.message(language: PageLanguage.of(request)))
        }
        let access = AppointmentAccess(context.identity)
        let id = try await WebReportErrorMapping.mapped(request, access: access) {
            try await store.addPhoto(Array(buffer.readableBytesView), toAppointment: appointmentID, access: access)
        }
        return try JSONResponse.make(.created, Stored(id: id, url: "/appointments/\(appointmentID)/photos/\(id)"))
    }

    /// `DELETE /api/appointments/{id}/photos/{photoID}`: 204 while the report is open.
    @Sendable func remove(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let appointmentID = try context.parameters.require("appointmentID")
        let photoID = try context.parameters.require("photoID")
        let access = AppointmentAccess(context.identity)
        try await WebReportErrorMapping.mapped(request, access: access) {
            try await store.removePhoto(photoID, ofAppointment: appointmentID, access: access)
        }
        return Response(status: .noContent)
    }

    /// `GET /appointments/{id}/photos/{photoID}`: the image.
    @Sendable func show(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let appointmentID = try context.parameters.require("appointmentID")
        let photoID = try context.parameters.require("photoID")
        let access = AppointmentAccess(context.identity)
        let photo = try await WebReportErrorMapping.mapped(request, access: access) {
            try await store.photo(photoID, ofAppointment: appointmentID, access: access)
        }
        return Response(
            status: .ok,
            headers: [
                .contentType: photo.contentType, .cacheControl: "private, max-age=3600",
                .init("X-Content-Type-Options")!: "nosniff"
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: photo.bytes)))
    }
}
