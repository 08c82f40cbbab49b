import Foundation
import Hummingbird
import ServiceKit
import WebReportDomain

/// The iCal feed per technician (RFC 5545): the owner (or the back office) makes a secret URL,
/// which a phone's calendar subscribes to without a session, and can replace or revoke it.
struct CalendarFeedController: Sendable {
    /// Where the feeds' secrets and the appointments they list are kept.
    let store: WebReportStore

    /// The feed's URL as the API answers it.
    struct Feed: Encodable {
        /// The secret address a phone's calendar subscribes to.
        var url: String
    }

    /// The API routes (permission and owner checked) and the public feed route.
    func addRoutes(to router: ServiceRouter) {
        let api = router.group("api/operators/:operatorID/calendar-feed")
            .add(middleware: RequirePermission(anyOf: [.reportsFill, .plannerSchedule]))
        api.post(use: renew)
        api.delete(use: revoke)
        // No session: the phone's calendar has none. The secret in the URL is the key.
        router.get("calendar/:file", use: feed)
    }

    /// `POST /api/operators/{id}/calendar-feed`: 201 with a new secret URL; the old one stops working.
    @Sendable func renew(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let operatorID = try context.parameters.require("operatorID")
        let token = try await WebReportErrorMapping.mapped(request) {
            try await store.renewCalendarFeed(of: operatorID, access: AppointmentAccess(context.identity))
        }
        return try JSONResponse.make(.created, Feed(url: (store.publicBaseURL ?? "") + "/calendar/\(token).ics"))
    }

    /// `DELETE /api/operators/{id}/calendar-feed`: 204; the URL answers 404 from now on.
    @Sendable func revoke(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let operatorID = try context.parameters.require("operatorID")
        try await WebReportErrorMapping.mapped(request) {
            try await store.revokeCalendarFeed(of: operatorID, access: AppointmentAccess(context.identity))
        }
        return Response(status: .noContent)
    }

    /// `GET /calendar/{secret}.ics`: the calendar, or 404 for an unknown or revoked secret.
    @Sendable func feed(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let file = try context.parameters.require("file")
        let found = try await WebReportErrorMapping.mapped(request) {
            guard file.hasSuffix(".ics"), let found = try await store.calendarFeed(token: String(file.dropLast(4)))
            else {
                throw WebReportError.calendarNotFound
            }
            return found
        }
        let base = store.publicBaseURL ?? ""
        let events = found.lines.map { line in
            CalendarFeedWriter.Event(
                uid: "\(line.item.appointmentID)@arianna-webreport", start: line.item.start, end: line.item.end,
                summary: line.item.title,
                location: line.customer?.address(inZone: line.ticket?.siteZone),
                description: [line.item.customerName, line.ticket?.description, line.customer?.phone]
                    .compactMap { $0 }.joined(separator: "\n"),
                url: base + "/appointments/\(line.item.appointmentID)",
                cancelled: line.item.status == .cancelled)
        }
        let name = found.lines.first?.item.operatorName ?? found.operatorID
        let text = CalendarFeedWriter.calendar(named: "Arianna · \(name)", events: events, stamp: store.clock.now())
        return Response(
            status: .ok,
            headers: [.contentType: "text/calendar; charset=utf-8", .cacheControl: "private, max-age=300"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
