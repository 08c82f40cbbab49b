import AriannaProtocol
import Foundation
import Hummingbird
import HummingbirdTesting
import ServiceTestSupport
import Testing

@testable import NotificationService
@testable import ServiceKit

/// Object-level access on every notification route that takes an id (issue 14 §3). An email
/// about a ticket is seen only by users of the ticket's practice (R4, as intake shows the
/// ticket): another practice's user, holding `tickets.read` and `tickets.open`, gets 404 on the
/// email, its page and its resend, exactly as for an unknown id. Templates and recipient rules
/// are the administrator's (`setup.edit`) per activity type, with no per-object rule.
@Suite struct NotificationObjectAccessTests {
    @Test func everyIdRoute_refusesEmailsOfOtherPractices() async throws {
        let service = try TestService()
        try await service.deliver(
            .mock(
                ActivityTypeSnapshot(
                    activityTypeID: "at-7", code: "REPAIR", name: "Riparazione", macroType: .call,
                    expectedDurationMinutes: 60, billable: true, colour: "#336699", active: true, practiceID: "pr-tech"),
                id: "setup-at", as: AriannaEvent.activityTypeSnapshot))
        try await service.deliver(.mock(TicketOpened.mock(), id: "evt-t", as: AriannaEvent.ticketOpened))
        let email = try #require(try await service.jobs().first).id
        let key = service.context.configuration.sessionKey
        func session(_ permissions: Set<Permission>, practices: [String]) -> HTTPFields {
            let id = UUID().uuidString.prefix(8).lowercased()
            return SessionCredentials(
                claims: SessionClaims(
                    sessionID: "s-\(id)", userID: "u-\(id)", username: "user-\(id)", displayName: "User \(id)",
                    permissions: permissions, practiceIDs: practices, expiresAt: Instant.now.addingTimeInterval(3600)),
                key: key
            ).bearerHeaders
        }
        let outsider = session([.ticketsRead, .ticketsOpen], practices: ["pr-commercial"])
        let insider = session([.ticketsRead, .ticketsOpen], practices: ["pr-tech"])
        let admin = session(Set(Permission.allCases), practices: [])
        let setup =
            "templates and recipients are the administrator's (setup.edit) per activity type; no per-object rule"
        let rows: [ObjectAccessRow] = [
            ObjectAccessRow(
                "GET /api/emails/{id}", "/api/emails/\(email)", caller: outsider,
                .refused(.notFound, absentURI: "/api/emails/email-none")),
            ObjectAccessRow(
                "GET /outbox/{id}", "/outbox/\(email)", caller: outsider,
                .refused(.notFound, absentURI: "/outbox/email-none")),
            ObjectAccessRow(
                "POST /outbox/{id}/resend", "/outbox/\(email)/resend", caller: outsider,
                .refused(.notFound, absentURI: "/outbox/email-none/resend")),
            ObjectAccessRow(
                "GET /api/emails/{id}", "/api/emails/\(email)", caller: insider,
                .noObjectRule(reason: "a user of the ticket's practice reads its email", answer: .ok)),
            ObjectAccessRow(
                "GET /outbox/{id}", "/outbox/\(email)", caller: insider,
                .noObjectRule(reason: "a user of the ticket's practice opens its email", answer: .ok)),
            ObjectAccessRow(
                "POST /outbox/{id}/resend", "/outbox/\(email)/resend", caller: insider,
                .noObjectRule(
                    reason: "the practice's user may ask; a queued email is not resent (409)", answer: .conflict)),
            ObjectAccessRow(
                "PUT /api/templates/{kind}", "/api/templates/no-such-kind", caller: admin, body: "{}",
                .noObjectRule(reason: setup, answer: .notFound)),
            ObjectAccessRow(
                "DELETE /api/templates/{kind}", "/api/templates/ticket-opened?activityTypeID=at-7", caller: admin,
                .noObjectRule(reason: setup, answer: .noContent)),
            ObjectAccessRow(
                "PUT /api/recipient-rules/{trigger}", "/api/recipient-rules/no-such-event", caller: admin, body: "{}",
                .noObjectRule(reason: setup, answer: .notFound)),
            ObjectAccessRow(
                "DELETE /api/recipient-rules/{trigger}", "/api/recipient-rules/ticket-opened?activityTypeID=at-7",
                caller: admin, .noObjectRule(reason: setup, answer: .noContent)),
            ObjectAccessRow(
                "GET /assets/kit/{name}", "/assets/kit/arianna.css", caller: [:],
                .noObjectRule(reason: "the shared layout's public stylesheet", answer: .ok)),
            ObjectAccessRow(
                "GET /assets/notification/{name}", "/assets/notification/template-editor.js", caller: [:],
                .noObjectRule(reason: "notification's public assets", answer: .ok)),
            ObjectAccessRow(
                "GET /lang/{code}", "/lang/en?back=/outbox", caller: [:],
                .noObjectRule(reason: "chooses the page language; touches no stored object", answer: .seeOther))
        ]
        let router = ServiceRuntime.buildRouter(NotificationService.definition, context: service.context)
        let idRoutes = ObjectAccess.idRoutes(of: router)
        try await Application(router: router).test(.router) { client in
            let findings = try await ObjectAccess.findings(rows, client: client)
            #expect(findings == [])
        }
        #expect(ObjectAccess.completeness(rows, idRoutes: idRoutes) == [])
        // The outsider's resend changed nothing.
        #expect(try await service.jobs().map(\.attempts) == [0])
    }

    /// Issue 14's leftover: the lists (`GET /api/emails`, the `/outbox` page) show a user only the
    /// emails of their practices' tickets, as the by-id routes do; an administrator sees all.
    @Test func emailLists_showOnlyTheCallersPractices() async throws {
        let service = try TestService()
        for (id, practice) in [("at-7", "pr-tech"), ("at-9", "pr-commercial")] {
            try await service.deliver(
                .mock(
                    ActivityTypeSnapshot(
                        activityTypeID: id, code: id.uppercased(), name: id, macroType: .call,
                        expectedDurationMinutes: 60, billable: true, colour: "#336699", active: true,
                        practiceID: practice),
                    id: "setup-\(id)", as: AriannaEvent.activityTypeSnapshot))
        }
        let tech = TicketOpened.mock()
        var commercial = TicketOpened.mock(customer: CustomerRef.mock(email: "ufficio@verdi.example"))
        commercial.ticketID = "tck-456"
        commercial.number = "TCK/2026/000456"
        commercial.activityType = ActivityTypeRef(
            id: "at-9", code: "SALE", name: "Sale", expectedDurationMinutes: 30, billable: true)
        try await service.deliver(.mock(tech, id: "evt-tech", as: AriannaEvent.ticketOpened))
        try await service.deliver(.mock(commercial, id: "evt-commercial", as: AriannaEvent.ticketOpened))
        let key = service.context.configuration.sessionKey
        @Sendable func session(practices: [String]) -> HTTPFields {
            let id = UUID().uuidString.prefix(8).lowercased()
            return SessionCredentials(
                claims: SessionClaims(
                    sessionID: "s-\(id)", userID: "u-\(id)", username: "user-\(id)", displayName: "User \(id)",
                    permissions: [.ticketsRead], practiceIDs: practices, expiresAt: Instant.now.addingTimeInterval(3600)
                ),
                key: key
            ).bearerHeaders
        }
        struct Listed: Decodable {
            struct Item: Decodable { var eventID: String }
            var items: [Item]
        }
        let router = ServiceRuntime.buildRouter(NotificationService.definition, context: service.context)
        try await Application(router: router).test(.router) { client in
            for (practices, expected) in [
                (["pr-tech"], ["evt-tech"]), (["pr-commercial"], ["evt-commercial"]),
                ([], ["evt-commercial", "evt-tech"])
            ] {
                try await client.execute(uri: "/api/emails", method: .get, headers: session(practices: practices)) {
                    response in
                    #expect(response.status == .ok)
                    let listed = try JSONDecoder().decode(Listed.self, from: Data(response.body.readableBytesView))
                    #expect(listed.items.map(\.eventID).sorted() == expected, "GET /api/emails for \(practices)")
                }
                var headers = session(practices: practices)
                headers[.accept] = "text/html"
                try await client.execute(uri: "/outbox", method: .get, headers: headers) { response in
                    #expect(response.status == .ok)
                    let page = String(buffer: response.body)
                    #expect(
                        page.contains("ufficio@verdi.example") == expected.contains("evt-commercial"),
                        "/outbox for \(practices)")
                    #expect(
                        page.contains("facilities@rossi.example") == expected.contains("evt-tech"),
                        "/outbox for \(practices)")
                }
            }
        }
    }
}
