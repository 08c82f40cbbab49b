import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import IntakeDomain
import ServiceTestSupport
import Testing

@testable import IntakeService
@testable import ServiceKit

/// The ticket list and detail pages and the call-centre form, through the real router.
@Suite struct TicketPagesTests {
    func withApp(
        _ test: @escaping @Sendable (any TestClientProtocol, IntakeFixture) async throws -> Void
    ) async throws {
        let fixture = try await IntakeFixture()
        let app = Application(router: ServiceRuntime.buildRouter(IntakeService.definition, context: fixture.context))
        let user = try await fixture.session([.ticketsOpen, .ticketsRead])
        try await app.test(.router) { client in try await test(client.authenticated(as: user), fixture) }
    }

    static func form(_ fields: [(String, String)]) -> ByteBuffer {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return ByteBuffer(
            string: fields.map { key, value in
                "\(key.addingPercentEncoding(withAllowedCharacters: allowed)!)=\(value.addingPercentEncoding(withAllowedCharacters: allowed)!)"
            }.joined(separator: "&"))
    }

    static let formHeaders: HTTPFields = [.contentType: "application/x-www-form-urlencoded", .acceptLanguage: "en"]

    @Test func list_searchesByText_andState() async throws {
        try await withApp { client, fixture in
            _ = try await fixture.store.openTicket(.mock(), channel: .api)
            var other = NewTicket.mock(email: "info@hotel-lago.example")
            other.customer.name = "Hotel Lago"
            other.description = "Boiler leaking"
            _ = try await fixture.store.openTicket(other, channel: .api)
            try await client.execute(uri: "/tickets?q=lago", method: .get, headers: [.acceptLanguage: "en"]) {
                response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains("1 tickets found"))
                #expect(html.contains("Hotel Lago"))
                #expect(!html.contains("Panificio Moretti"))
            }
            try await client.execute(uri: "/tickets?state=closed", method: .get, headers: [.acceptLanguage: "it"]) {
                response in
                let html = String(buffer: response.body)
                #expect(html.contains("0 ticket trovati"))
                #expect(html.contains("Nessun ticket corrisponde"))
            }
        }
    }

    @Test func detail_showsFieldsAndHistory() async throws {
        try await withApp { client, fixture in
            let (ticket, _) = try await fixture.store.openTicket(.mock(), channel: .api)
            try await client.execute(uri: "/tickets/\(ticket.id)", method: .get, headers: [.acceptLanguage: "en"]) {
                response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains(ticket.number))
                #expect(html.contains("Oven broken"))
                #expect(html.contains("ticket.opened.v1"))
                #expect(html.contains("Opened through the api channel"))
            }
            try await client.execute(uri: "/tickets/nope", method: .get) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test func callPage_newCustomerAndSite_opensTheTicketInOneGo() async throws {
        try await withApp { client, fixture in
            var location = ""
            try await client.execute(
                uri: "/tickets/new", method: .post, headers: Self.formHeaders,
                body: Self.form([
                    ("pick", "new"), ("customerName", "Trattoria Da Gino"), ("customerEmail", "gino@trattoria.example"),
                    ("customerPhone", "+39 02 555 0101"), ("siteName", "Cucina"), ("siteAddress", "Via Roma 1"),
                    ("siteZone", "Milano"), ("activityType", "REPAIR"), ("description", "Fridge not cooling"),
                    ("field.REPAIR.appliance", "Frigorifero"), ("formID", "f-1")
                ])
            ) { response in
                #expect(response.status == .seeOther)
                location = response.headers[.location] ?? ""
            }
            #expect(location.hasPrefix("/tickets/"))
            let ticket = try await fixture.store.ticket(id: String(location.dropFirst("/tickets/".count)))
            #expect(ticket.customer.name == "Trattoria Da Gino")
            #expect(ticket.siteZone == "Milano")
            #expect(ticket.siteName == "Cucina")
            #expect(ticket.channel == .callCentre)
            #expect(ticket.assignedGroup == "Back office")
            // The same form sent twice (a double click) opens one ticket.
            try await client.execute(
                uri: "/tickets/new", method: .post, headers: Self.formHeaders,
                body: Self.form([
                    ("pick", "new"), ("customerName", "Trattoria Da Gino"), ("customerEmail", "gino@trattoria.example"),
                    ("activityType", "REPAIR"), ("description", "Fridge not cooling"),
                    ("field.REPAIR.appliance", "Frigorifero"), ("formID", "f-1")
                ])
            ) { response in
                #expect(response.headers[.location] == location)
            }
        }
    }

    @Test func callPage_badInput_showsEveryProblem_andWritesNothing() async throws {
        try await withApp { client, fixture in
            try await client.execute(
                uri: "/tickets/new", method: .post, headers: Self.formHeaders,
                body: Self.form([
                    ("pick", "new"), ("customerName", "Nuovo Cliente"), ("siteName", "Deposito Zeta"),
                    ("activityType", "REPAIR"), ("description", "")
                ])
            ) { response in
                #expect(response.status == .unprocessableContent)
                let html = String(buffer: response.body)
                #expect(html.contains("site.zone is required"))
                #expect(html.contains("description is required"))
                #expect(html.contains("value=\"Nuovo Cliente\""))
            }
            // The same form on an Italian page: the problems in Italian.
            try await client.execute(
                uri: "/tickets/new", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .acceptLanguage: "it"],
                body: Self.form([
                    ("pick", "new"), ("customerName", "Nuovo Cliente"), ("siteName", "Deposito Zeta"),
                    ("activityType", "REPAIR"), ("description", "")
                ])
            ) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("la zona è obbligatoria per una sede nuova"))
                #expect(html.contains("la descrizione è obbligatoria"))
                #expect(html.contains("Il ticket non è stato aperto:"))
            }
            let counts = try await fixture.context.database.read { db in
                (
                    try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM customer WHERE name = 'Nuovo Cliente'") ?? -1,
                    try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM site WHERE name = 'Deposito Zeta'") ?? -1,
                    try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM ticket") ?? -1
                )
            }
            #expect(counts.0 == 0)
            #expect(counts.1 == 0)
            #expect(counts.2 == 0)
        }
    }

    @Test func callPage_findsACustomer_andOpensForItsSite() async throws {
        try await withApp { client, fixture in
            try await fixture.context.database.write { db in
                try CustomerRecord(id: "c-1", name: "Farmacia Centrale", email: "info@farmacia.example").insert(db)
                try SiteRecord(
                    id: "s-1", customerID: "c-1", name: "Negozio", address: "Piazza Duomo 2", zone: "Como", active: true
                ).insert(db)
            }
            try await client.execute(uri: "/tickets/new?find=farmacia", method: .get, headers: [.acceptLanguage: "en"])
            { response in
                let html = String(buffer: response.body)
                #expect(html.contains("Farmacia Centrale"))
                #expect(html.contains("value=\"c-1|s-1\""))
            }
            try await client.execute(
                uri: "/tickets/new", method: .post, headers: Self.formHeaders,
                body: Self.form([
                    ("pick", "c-1|s-1"), ("activityType", "REPAIR"), ("description", "Fridge alarm"),
                    ("field.REPAIR.appliance", "Frigorifero")
                ])
            ) { response in
                #expect(response.status == .seeOther)
            }
            let tickets = try await fixture.store.tickets(matching: TicketSearch(customerID: "c-1"))
            #expect(tickets.count == 1)
            #expect(tickets.first?.siteZone == "Como")
        }
    }
}
