import Foundation
import Hummingbird
import HummingbirdTesting
import ServiceTestSupport
import Testing

@testable import ServiceKit
@testable import WebReportService

/// Object-level access on every web-report route that takes an id (issue 14 §3): Marco, a
/// technician holding `reports.fill`, on Giulia's appointment, report, photo, signature, PDF and
/// calendar; an API key holding `reports.fill` (never linked to an operator) likewise. Web-report
/// refuses with 403, and with the same 403 for an id that does not exist, so a technician cannot
/// learn which appointments and reports exist on other lists.
@Suite struct WebReportObjectAccessTests {
    @Test func everyIdRoute_refusesSomeoneElsesObject() async throws {
        // Giulia (op-3) has filed rep-1 on app-5 (signed), and app-6 is open with one photo.
        let service = try await CustomerReportTests.filed()
        try await service.schedule(
            .mock(id: "app-6", start: Instant.afternoonStart, end: Instant.afternoonEnd), eventID: "evt-s6")
        let customerLink = try CustomerReportTests.pathAndQuery(
            try #require(try await service.closedEvents().first?.reportURL))
        let router = ServiceRuntime.buildRouter(WebReportService.definition, context: service.context)
        let idRoutes = ObjectAccess.idRoutes(of: router)
        let key = try await ObjectAccess.apiKey(permissions: [.reportsFill], context: service.context)
        try await Application(router: router).test(.router) { client in
            let giulia = client.loggedIn(to: service.context, permissions: [.reportsFill], operatorID: "op-3")
            let photo = try await giulia.execute(
                uri: "/api/appointments/app-6/photos", method: .post, headers: [.contentType: "image/png"],
                body: ByteBuffer(bytes: PhotoTests.png)
            ) { response in
                #expect(response.status == .created)
                return try #require(
                    try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: String])[
                        "id"] ?? ""
            }
            let feed = try await giulia.execute(uri: "/api/operators/op-3/calendar-feed", method: .post) { response in
                #expect(response.status == .created)
                return String(buffer: response.body)
            }
            let feedFile = try #require(
                feed.range(of: #"[A-Za-z0-9_-]+\.ics"#, options: .regularExpression).map { String(feed[$0]) })
            let marco = SessionCredentials.mint(
                permissions: [.reportsFill], key: service.context.configuration.sessionKey, now: Instant.now,
                username: "marco", operatorID: "op-4"
            ).bearerHeaders
            let office = SessionCredentials.mint(
                permissions: [.plannerSchedule], key: service.context.configuration.sessionKey, now: Instant.now,
                username: "office"
            ).bearerHeaders
            let apiKey = HTTPFields.bearer(key)
            let giuliaHerself = SessionCredentials.mint(
                permissions: [.reportsFill], key: service.context.configuration.sessionKey, now: Instant.now,
                username: "giulia", operatorID: "op-3"
            ).bearerHeaders
            let report = ReportRoutesTests.validReport
            let refused = HTTPResponse.Status.forbidden

            var rows: [ObjectAccessRow] = []
            for caller in [marco, apiKey] {
                rows += [
                    ObjectAccessRow(
                        "POST /api/appointments/{appointmentID}/photos", "/api/appointments/app-6/photos",
                        caller: caller, bytes: PhotoTests.png,
                        .refused(refused, absentURI: "/api/appointments/app-404/photos")),
                    ObjectAccessRow(
                        "DELETE /api/appointments/{appointmentID}/photos/{photoID}",
                        "/api/appointments/app-6/photos/\(photo)",
                        caller: caller, .refused(refused, absentURI: "/api/appointments/app-404/photos/\(photo)")),
                    ObjectAccessRow(
                        "GET /appointments/{appointmentID}/photos/{photoID}", "/appointments/app-6/photos/\(photo)",
                        caller: caller, .refused(refused, absentURI: "/appointments/app-404/photos/\(photo)")),
                    ObjectAccessRow(
                        "POST /api/appointments/{appointmentID}/report", "/api/appointments/app-6/report",
                        caller: caller, body: report, .refused(refused, absentURI: "/api/appointments/app-404/report")),
                    ObjectAccessRow(
                        "GET /appointments/{appointmentID}", "/appointments/app-6",
                        caller: caller, .refused(refused, absentURI: "/appointments/app-404")),
                    ObjectAccessRow(
                        "GET /api/reports/{reportID}", "/api/reports/rep-1",
                        caller: caller, .refused(refused, absentURI: "/api/reports/rep-404")),
                    ObjectAccessRow(
                        "GET /reports/{reportID}/pdf", "/reports/rep-1/pdf",
                        caller: caller, .refused(refused, absentURI: "/reports/rep-404/pdf")),
                    ObjectAccessRow(
                        "GET /reports/{reportID}/signature.png", "/reports/rep-1/signature.png",
                        caller: caller, .refused(refused, absentURI: "/reports/rep-404/signature.png")),
                    ObjectAccessRow(
                        "GET /api/operators/{operatorID}/todo", "/api/operators/op-3/todo",
                        caller: caller, .refused(refused, absentURI: "/api/operators/op-404/todo")),
                    ObjectAccessRow(
                        "GET /api/operators/{operatorID}/deadlines", "/api/operators/op-3/deadlines",
                        caller: caller, .refused(refused, absentURI: "/api/operators/op-404/deadlines")),
                    ObjectAccessRow(
                        "POST /api/operators/{operatorID}/calendar-feed", "/api/operators/op-3/calendar-feed",
                        caller: caller, .refused(refused, absentURI: "/api/operators/op-404/calendar-feed")),
                    ObjectAccessRow(
                        "DELETE /api/operators/{operatorID}/calendar-feed", "/api/operators/op-3/calendar-feed",
                        caller: caller, .refused(refused, absentURI: "/api/operators/op-404/calendar-feed"))
                ]
            }
            rows += [
                // The feed and the customer's PDF need no session: their secret is the key, and a
                // wrong one answers exactly like an unknown report or calendar.
                ObjectAccessRow(
                    "GET /calendar/{file}", "/calendar/" + (feedFile.hasPrefix("A") ? "B" : "A") + feedFile.dropFirst(),
                    caller: marco, .refused(.notFound, absentURI: "/calendar/no-such-feed.ics")),
                ObjectAccessRow(
                    "GET /reports/{reportID}/customer.pdf", "/reports/rep-1/customer.pdf?key=guess",
                    caller: marco, .refused(.notFound, absentURI: "/reports/rep-404/customer.pdf?key=guess")),
                ObjectAccessRow(
                    "GET /reports/{reportID}/customer.pdf", customerLink,
                    caller: [:],
                    .noObjectRule(reason: "the customer's link opens its own report with its key", answer: .ok)),
                ObjectAccessRow(
                    "GET /calendar/{file}", "/calendar/\(feedFile)",
                    caller: [:],
                    .noObjectRule(reason: "the phone's calendar reads its own feed by its secret", answer: .ok)),
                ObjectAccessRow(
                    "POST /api/reports/{reportID}/customer-link", "/api/reports/rep-1/customer-link", caller: office,
                    .noObjectRule(
                        reason: "the back office (planner.schedule) answers for every operator's reports",
                        answer: .created)),
                ObjectAccessRow(
                    "GET /assets/kit/{name}", "/assets/kit/arianna.css", caller: [:],
                    .noObjectRule(reason: "the shared layout's public stylesheet", answer: .ok)),
                ObjectAccessRow(
                    "GET /assets/webreport/{name}", "/assets/webreport/webreport.css", caller: [:],
                    .noObjectRule(reason: "web-report's public assets", answer: .ok)),
                ObjectAccessRow(
                    "GET /lang/{code}", "/lang/en?back=/todo", caller: [:],
                    .noObjectRule(reason: "chooses the page language; touches no stored object", answer: .seeOther)),
                // The owner and the back office still get their own objects.
                ObjectAccessRow(
                    "GET /appointments/{appointmentID}", "/appointments/app-6", caller: office,
                    .noObjectRule(reason: "the back office reads every operator's appointments", answer: .ok)),
                ObjectAccessRow(
                    "GET /api/reports/{reportID}", "/api/reports/rep-1", caller: giuliaHerself,
                    .noObjectRule(reason: "Giulia reads her own report", answer: .ok))
            ]
            let findings = try await ObjectAccess.findings(rows, client: client)
            #expect(findings == [])
            #expect(ObjectAccess.completeness(rows, idRoutes: idRoutes) == [])
        }
        // Nothing was written by the refused requests: one report, Giulia's photo still there.
        #expect(try await service.count("interventionReport") == 1)
        #expect(try await service.count("appointmentPhoto") == 1)
    }
}
