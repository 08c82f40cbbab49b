import Foundation
import Hummingbird
import HummingbirdTesting
import ServiceTestSupport
import Testing

@testable import IntakeService
@testable import ServiceKit

/// Object-level access on every intake route that takes an id (issue 14 §3). A ticket is seen
/// only by users of its practice (R4; users with no practice set, administrators and API keys
/// see all): a user of another practice holding every ticket permission gets 404 on each ticket
/// route, exactly as for an unknown id, and nothing is written. An API key limited to another
/// service is refused (403) before any object is looked at. Setup data, users and API keys are
/// the administrator's (`setup.edit`) as a whole, with no per-object rule: their rows say so.
@Suite struct IntakeObjectAccessTests {
    static let setupKinds = [
        "activity-states", "activity-types", "customers", "groups", "mailing-lists", "operators", "practices",
        "sequences"
    ]

    @Test func everyIdRoute_refusesTicketsOfOtherPractices() async throws {
        let fixture = try await IntakeFixture(onDisk: true)
        let (opened, _) = try await fixture.store.openTicket(.mock(), channel: .api)
        let ticket = opened.id
        let practice = try #require(opened.practiceID)
        let file = try #require(
            try await fixture.store.attach(
                [IncomingAttachment(declaredName: "a.pdf", bytes: AttachmentTests.pdf)], toTicket: ticket, addedBy: nil,
                folder: AttachmentFolder(context: fixture.context)
            ).first)
        let everyTicketPermission: Set<Permission> = [.ticketsOpen, .ticketsRead, .plannerSchedule]
        let outsider = try await fixture.session(everyTicketPermission, practiceIDs: ["pr-elsewhere"]).bearerHeaders
        let insider = try await fixture.session([.ticketsRead], practiceIDs: [practice]).bearerHeaders
        let admin = try await fixture.session(Set(Permission.allCases), practiceIDs: []).bearerHeaders
        let user = try await fixture.session([.ticketsRead], practiceIDs: [])
        let elsewhereKey = HTTPFields.bearer(
            try await ObjectAccess.apiKey(
                permissions: everyTicketPermission, services: ["billing"], context: fixture.context))
        let router = fixture.router
        let idRoutes = ObjectAccess.idRoutes(of: router)
        let form = outsider.setting(.contentType, "application/x-www-form-urlencoded")
        let formAdmin = admin.setting(.contentType, "application/x-www-form-urlencoded")
        let upload = outsider.setting(.contentType, "application/pdf")

        try await Application(router: router).test(.router) { client in
            let version = "\"version\":\(opened.version)"
            func outsiderRow(
                _ route: String, _ path: String, caller: HTTPFields? = nil, body: String? = nil
            ) -> ObjectAccessRow {
                ObjectAccessRow(
                    route, path.replacingOccurrences(of: "{id}", with: ticket), caller: caller ?? outsider, body: body,
                    .refused(.notFound, absentURI: path.replacingOccurrences(of: "{id}", with: "tck-none")))
            }
            var rows: [ObjectAccessRow] = [
                outsiderRow("GET /api/tickets/{id}", "/api/tickets/{id}"),
                outsiderRow("GET /api/tickets/{id}/history", "/api/tickets/{id}/history"),
                outsiderRow("GET /api/tickets/{id}/attachments", "/api/tickets/{id}/attachments"),
                outsiderRow(
                    "GET /api/tickets/{id}/attachments/{attachmentID}", "/api/tickets/{id}/attachments/\(file.id)"),
                outsiderRow(
                    "PUT /api/tickets/{id}/details", "/api/tickets/{id}/details",
                    body: #"{\#(version),"description":"Mine now"}"#),
                outsiderRow(
                    "POST /api/tickets/{id}/reassign", "/api/tickets/{id}/reassign",
                    body: #"{\#(version),"group":"Back office"}"#),
                outsiderRow(
                    "POST /api/tickets/{id}/state", "/api/tickets/{id}/state",
                    body: #"{\#(version),"stateID":"st-working"}"#),
                outsiderRow(
                    "POST /api/tickets/{id}/cancel", "/api/tickets/{id}/cancel",
                    body: #"{\#(version),"reason":"not mine"}"#),
                outsiderRow("GET /tickets/{id}", "/tickets/{id}"),
                outsiderRow(
                    "POST /tickets/{id}/edit", "/tickets/{id}/edit", caller: form,
                    body: "version=\(opened.version)&description=Mine"),
                outsiderRow(
                    "POST /tickets/{id}/reassign", "/tickets/{id}/reassign", caller: form,
                    body: "version=\(opened.version)&group=Back+office"),
                outsiderRow(
                    "POST /tickets/{id}/state", "/tickets/{id}/state", caller: form,
                    body: "version=\(opened.version)&stateID=st-working"),
                outsiderRow(
                    "POST /tickets/{id}/cancel", "/tickets/{id}/cancel", caller: form,
                    body: "version=\(opened.version)&reason=x"),
                ObjectAccessRow(
                    "POST /api/tickets/{id}/attachments", "/api/tickets/\(ticket)/attachments?name=x.pdf",
                    caller: upload,
                    bytes: AttachmentTests.pdf,
                    .refused(.notFound, absentURI: "/api/tickets/tck-none/attachments?name=x.pdf")),
                ObjectAccessRow(
                    "POST /tickets/{id}/attachments", "/tickets/\(ticket)/attachments?name=x.pdf", caller: upload,
                    bytes: AttachmentTests.pdf,
                    .refused(.notFound, absentURI: "/tickets/tck-none/attachments?name=x.pdf")),
                // An API key limited to billing holds every ticket permission, but not here.
                ObjectAccessRow(
                    "GET /api/tickets/{id}", "/api/tickets/\(ticket)", caller: elsewhereKey,
                    .refused(.forbidden, absentURI: "/api/tickets/tck-none")),
                ObjectAccessRow(
                    "POST /api/tickets/{id}/cancel", "/api/tickets/\(ticket)/cancel", caller: elsewhereKey,
                    body: #"{\#(version),"reason":"not mine"}"#,
                    .refused(.forbidden, absentURI: "/api/tickets/tck-none/cancel")),
                // A user of the ticket's practice still reads it and its history.
                ObjectAccessRow(
                    "GET /api/tickets/{id}", "/api/tickets/\(ticket)", caller: insider,
                    .noObjectRule(reason: "a user of the ticket's practice reads it", answer: .ok)),
                ObjectAccessRow(
                    "GET /api/tickets/{id}/history", "/api/tickets/\(ticket)/history", caller: insider,
                    .noObjectRule(reason: "a user of the ticket's practice reads its history", answer: .ok)),
                ObjectAccessRow(
                    "GET /tickets/{id}", "/tickets/\(ticket)", caller: insider,
                    .noObjectRule(reason: "a user of the ticket's practice opens its page", answer: .ok)),
                // Public: the shared layout's and intake's assets, the language switch.
                ObjectAccessRow(
                    "GET /assets/kit/{name}", "/assets/kit/arianna.css", caller: [:],
                    .noObjectRule(reason: "the shared layout's public stylesheet", answer: .ok)),
                ObjectAccessRow(
                    "GET /assets/intake/{name}", "/assets/intake/setup.css", caller: [:],
                    .noObjectRule(reason: "intake's public assets", answer: .ok)),
                ObjectAccessRow(
                    "GET /lang/{code}", "/lang/en?back=/tickets", caller: [:],
                    .noObjectRule(reason: "chooses the page language; touches no stored object", answer: .seeOther))
            ]
            // Setup data: the administrator (`setup.edit`) keeps every row of every table; a
            // practice scopes tickets, not the setup that defines it. Read a real row; writes
            // on an unknown id answer 404 (documented), so nothing is changed here.
            let setupReason = "setup data is the administrator's (setup.edit) as a whole, no per-object rule"
            for kind in Self.setupKinds {
                let id = try await Self.firstID(of: kind, client: client, admin: admin)
                rows += [
                    ObjectAccessRow(
                        "GET /api/setup/\(kind)/{id}", "/api/setup/\(kind)/\(id ?? "none")", caller: admin,
                        .noObjectRule(reason: setupReason, answer: id == nil ? .notFound : .ok)),
                    ObjectAccessRow(
                        "GET /setup/\(kind)/{id}", "/setup/\(kind)/\(id ?? "none")", caller: admin,
                        .noObjectRule(reason: setupReason, answer: id == nil ? .notFound : .ok)),
                    ObjectAccessRow(
                        "PUT /api/setup/\(kind)/{id}", "/api/setup/\(kind)/none", caller: admin, body: "{}",
                        .noObjectRule(reason: setupReason, answer: .notFound)),
                    ObjectAccessRow(
                        "PATCH /api/setup/\(kind)/{id}", "/api/setup/\(kind)/none", caller: admin, body: "{}",
                        .noObjectRule(reason: setupReason, answer: .notFound)),
                    ObjectAccessRow(
                        "POST /api/setup/\(kind)/{id}/deactivate", "/api/setup/\(kind)/none/deactivate", caller: admin,
                        .noObjectRule(reason: setupReason, answer: .notFound)),
                    ObjectAccessRow(
                        "POST /setup/\(kind)/{id}", "/setup/\(kind)/none", caller: formAdmin, body: "",
                        .noObjectRule(reason: setupReason, answer: .notFound)),
                    ObjectAccessRow(
                        "POST /setup/\(kind)/{id}/deactivate", "/setup/\(kind)/none/deactivate", caller: admin,
                        .noObjectRule(reason: setupReason, answer: .notFound))
                ]
            }
            let userID = user.claims.userID
            let accountsReason = "users and API keys are the administrator's (setup.edit), no per-object rule"
            rows += [
                ObjectAccessRow(
                    "GET /api/users/{id}", "/api/users/\(userID)", caller: admin,
                    .noObjectRule(reason: accountsReason, answer: .ok)),
                ObjectAccessRow(
                    "GET /users/{id}", "/users/\(userID)", caller: admin,
                    .noObjectRule(reason: accountsReason, answer: .ok)),
                ObjectAccessRow(
                    "PATCH /api/users/{id}", "/api/users/none", caller: admin, body: #"{"language":"en"}"#,
                    .noObjectRule(reason: accountsReason, answer: .notFound)),
                ObjectAccessRow(
                    "DELETE /api/users/{id}", "/api/users/\(userID)", caller: admin,
                    .noObjectRule(reason: "users are never deleted, only deactivated (405)", answer: .methodNotAllowed)),
                ObjectAccessRow(
                    "POST /api/users/{id}/deactivate", "/api/users/none/deactivate", caller: admin,
                    .noObjectRule(reason: accountsReason, answer: .notFound)),
                ObjectAccessRow(
                    "POST /users/{id}", "/users/none", caller: formAdmin, body: "",
                    .noObjectRule(reason: accountsReason, answer: .notFound)),
                ObjectAccessRow(
                    "POST /users/{id}/deactivate", "/users/none/deactivate", caller: admin,
                    .noObjectRule(reason: accountsReason, answer: .notFound)),
                ObjectAccessRow(
                    "POST /api/api-keys/{id}/revoke", "/api/api-keys/none/revoke", caller: admin,
                    .noObjectRule(reason: accountsReason, answer: .notFound)),
                ObjectAccessRow(
                    "POST /api-keys/{id}/revoke", "/api-keys/none/revoke", caller: admin,
                    .noObjectRule(reason: accountsReason, answer: .notFound))
            ]
            let findings = try await ObjectAccess.findings(rows, client: client)
            #expect(findings == [])
            #expect(ObjectAccess.completeness(rows, idRoutes: idRoutes) == [])
        }
        // The refused changes wrote nothing: the ticket is as opened, with its one file.
        let after = try await fixture.store.ticket(id: ticket)
        #expect(after.version == opened.version)
        #expect(after.description == opened.description)
        #expect(try await fixture.store.attachmentPage(ofTicket: ticket, page: PageRequest(limit: 50)).items.count == 1)
    }

    /// The id of the first row of a setup table, through its API; nil when it is empty.
    static func firstID(of kind: String, client: any TestClientProtocol, admin: HTTPFields) async throws -> String? {
        let response = try await client.executeRequest(
            uri: "/api/setup/\(kind)?limit=1", method: .get, headers: admin, body: nil)
        #expect(response.status == .ok, "\(kind)")
        let page = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]
        return ((page?["items"] as? [[String: Any]])?.first?["id"]) as? String
    }
}
