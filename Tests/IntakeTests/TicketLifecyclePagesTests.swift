import AriannaProtocol
import Foundation
import Hummingbird
import HummingbirdTesting
import IntakeDomain
import ServiceTestSupport
import Testing

@testable import IntakeService
@testable import ServiceKit

/// The ticket page's back-office forms (issue 12) through the real router.
@Suite struct TicketLifecyclePagesTests {
    func withTicket(
        permissions: Set<Permission> = [.plannerSchedule, .ticketsRead],
        _ test: @escaping @Sendable (any TestClientProtocol, TicketView, IntakeFixture) async throws -> Void
    ) async throws {
        let fixture = try await IntakeFixture()
        let ticket = try await fixture.store.openTicket(.mock(), channel: .api).ticket
        let user = try await fixture.session(permissions)
        try await Application(router: fixture.router).test(.router) { client in
            try await test(client.authenticated(as: user), ticket, fixture)
        }
    }

    @Test func detail_showsTheFormsToTheBackOffice_only() async throws {
        try await withTicket { client, ticket, _ in
            try await client.execute(uri: "/tickets/\(ticket.id)", method: .get, headers: [.acceptLanguage: "en"]) {
                response in
                let html = String(buffer: response.body)
                #expect(html.contains(#"action="/tickets/\#(ticket.id)/edit""#))
                #expect(html.contains(#"action="/tickets/\#(ticket.id)/cancel""#))
                #expect(html.contains(#"name="version" value="1""#))
                #expect(html.contains(#"name="_csrf""#))
                #expect(html.contains("Cancel the ticket"))
                #expect(!html.contains(#"<option value="st-cancelled""#))
            }
        }
        try await withTicket(permissions: [.ticketsRead]) { client, ticket, _ in
            try await client.execute(uri: "/tickets/\(ticket.id)", method: .get, headers: [.acceptLanguage: "en"]) {
                response in
                #expect(response.status == .ok)
                #expect(!String(buffer: response.body).contains("ticket-manage"))
            }
        }
    }

    @Test func editThenReassignThenCancel_fromThePage() async throws {
        try await withTicket { client, ticket, fixture in
            let headers = TicketPagesTests.formHeaders
            try await client.execute(
                uri: "/tickets/\(ticket.id)/edit", method: .post, headers: headers,
                body: TicketPagesTests.form([
                    ("version", "1"), ("description", "Oven broken, door too"), ("field.appliance", "Forno"),
                    ("contact", "Sig. Moretti"), ("dueDate", "2030-03-20"), ("siteZone", "Milano")
                ])
            ) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/tickets/\(ticket.id)")
            }
            try await client.execute(
                uri: "/tickets/\(ticket.id)/reassign", method: .post, headers: headers,
                body: TicketPagesTests.form([
                    ("version", "2"), ("group", "Technicians North"), ("operatorID", "op-lucia")
                ])
            ) { response in
                #expect(response.status == .seeOther)
            }
            try await client.execute(
                uri: "/tickets/\(ticket.id)/cancel", method: .post, headers: headers,
                body: TicketPagesTests.form([
                    ("version", "3"), ("reason", "Customer fixed it")
                ])
            ) { response in
                #expect(response.status == .seeOther)
            }
            let stored = try await fixture.store.ticket(id: ticket.id)
            #expect(stored.description == "Oven broken, door too")
            #expect(stored.contact == "Sig. Moretti")
            #expect(stored.assignedOperatorName == "Lucia Bianchi")
            #expect(stored.state == .cancelled)
            try await client.execute(uri: "/tickets/\(ticket.id)", method: .get, headers: [.acceptLanguage: "en"]) {
                response in
                let html = String(buffer: response.body)
                #expect(html.contains("Customer fixed it"))
                #expect(!html.contains("ticket-manage"))
            }
        }
    }

    @Test func aStaleForm_showsThePageAgainWith409_andTheReason() async throws {
        try await withTicket { client, ticket, fixture in
            _ = try await fixture.store.reassign(
                ticket: ticket.id, TicketReassignment(version: 1, group: "Back office", operatorID: "op-giulia"),
                by: TicketActor(name: "Someone else"))
            try await client.execute(
                uri: "/tickets/\(ticket.id)/cancel", method: .post, headers: TicketPagesTests.formHeaders,
                body: TicketPagesTests.form([("version", "1"), ("reason", "Duplicate")])
            ) { response in
                #expect(response.status == .conflict)
                let html = String(buffer: response.body)
                #expect(html.contains("Someone else changed ticket \(ticket.number) meanwhile"))
                #expect(html.contains(#"name="version" value="2""#))
            }
            #expect(try await fixture.store.ticket(id: ticket.id).state == .open)
        }
    }
}
