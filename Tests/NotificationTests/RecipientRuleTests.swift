import AriannaProtocol
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NotificationDomain
import ServiceKit
import ServiceTestSupport
import Testing

@testable import NotificationService

/// Who receives what, per activity type and trigger (R14): sensible defaults, a JSON API and a
/// page to change them (refusing a recipient the trigger cannot reach, in the caller's
/// language), and the change is what a real aiosmtpd then receives.
@Suite("Recipient setting per activity type and event", .serialized)
struct RecipientRuleTests {
    struct RulePage: Decodable {
        struct Item: Decodable {
            var trigger: String
            var roles: [String]
            var allowedRoles: [String]
            var isDefault: Bool
        }
        var items: [Item]
        var nextCursor: String?
    }

    static let json: HTTPFields = [.contentType: "application/json", .acceptLanguage: "en"]

    /// A service that knows activity type at-7 (notify flag off), technician op-3 and ticket tck-123.
    static func service() async throws -> TestService {
        let service = try TestService()
        try await service.deliver(
            .mock(
                ActivityTypeSnapshot(
                    activityTypeID: "at-7", code: "REPAIR", name: "Riparazione", macroType: .call,
                    expectedDurationMinutes: 60, billable: true, colour: "#336699", active: true),
                id: "setup-at", as: AriannaEvent.activityTypeSnapshot))
        try await service.deliver(
            .mock(
                OperatorSnapshot(
                    operatorID: "op-3", name: "Giulia Bianchi", email: "giulia@arianna.example", groups: [],
                    active: true),
                id: "setup-op", as: AriannaEvent.operatorSnapshot))
        return service
    }

    @Test func defaults_everyoneTheTriggerReaches_theOperatorInChargeOnlyWithTheNotifyFlag() async throws {
        let service = try await Self.service()
        let app = Application(
            router: ServiceRuntime.buildRouter(NotificationService.definition, context: service.context))
        try await app.test(.router) { anonymous in
            let client = anonymous.loggedIn(to: service.context)
            let page = try await client.execute(uri: "/api/recipient-rules?activityTypeID=at-7", method: .get) {
                response in
                #expect(response.status == .ok)
                return try JSONDecoder().decode(RulePage.self, from: Data(response.body.readableBytesView))
            }
            let byTrigger = Dictionary(uniqueKeysWithValues: page.items.map { ($0.trigger, $0) })
            #expect(page.items.map(\.trigger) == NotificationTrigger.allCases.map(\.rawValue))
            #expect(byTrigger["ticket-opened"]?.roles == ["customer", "site-contact", "mailing-list"])
            #expect(
                byTrigger["ticket-opened"]?.allowedRoles == [
                    "customer", "site-contact", "mailing-list", "operator-in-charge"
                ])
            #expect(
                byTrigger["appointment-scheduled"]?.roles == ["customer", "site-contact", "mailing-list", "technician"])
            #expect(byTrigger["intervention-completed"]?.roles == ["customer", "site-contact", "mailing-list"])
            #expect(page.items.filter { !$0.isDefault }.isEmpty)

            // paged like every list: four at a time, to the end
            let first = try await client.execute(uri: "/api/recipient-rules?activityTypeID=at-7&limit=4", method: .get)
            { response in
                try JSONDecoder().decode(RulePage.self, from: Data(response.body.readableBytesView))
            }
            let rest = try await client.execute(
                uri: "/api/recipient-rules?activityTypeID=at-7&limit=4&cursor=\(try #require(first.nextCursor))",
                method: .get
            ) { response in try JSONDecoder().decode(RulePage.self, from: Data(response.body.readableBytesView)) }
            #expect((first.items + rest.items).map(\.trigger) == NotificationTrigger.allCases.map(\.rawValue))
            #expect(rest.nextCursor == nil)
            try await client.execute(uri: "/api/recipient-rules?activityTypeID=at-7&limit=11", method: .get) {
                response in
                #expect(response.status == .badRequest)
            }
            try await client.execute(uri: "/api/recipient-rules", method: .get, headers: [.acceptLanguage: "it"]) {
                response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("Manca il tipo di attività"))
            }
        }
    }

    @Test func api_refusesARecipientTheTriggerCannotReach_savesAndResets() async throws {
        let service = try await Self.service()
        let app = Application(
            router: ServiceRuntime.buildRouter(NotificationService.definition, context: service.context))
        try await app.test(.router) { anonymous in
            let client = anonymous.loggedIn(to: service.context)
            try await client.execute(
                uri: "/api/recipient-rules/ticket-cancelled", method: .put,
                headers: [.contentType: "application/json", .acceptLanguage: "it"],
                body: ByteBuffer(string: #"{"activityTypeID":"at-7","roles":["customer","technician"]}"#)
            ) { response in
                #expect(response.status == .unprocessableContent)
                #expect(
                    String(buffer: response.body).contains("'technician' non può ricevere le email di ticket-cancelled")
                )
            }
            try await client.execute(
                uri: "/api/recipient-rules/no-such-event", method: .put, headers: Self.json,
                body: ByteBuffer(string: #"{"activityTypeID":"at-7","roles":[]}"#)
            ) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(
                uri: "/api/recipient-rules/ticket-opened", method: .put, headers: Self.json,
                body: ByteBuffer(string: #"{"activityTypeID":"at-7","roles":["operator-in-charge"]}"#)
            ) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains(#""roles":["operator-in-charge"]"#))
            }
            let saved = try await service.database.read { db in
                try NotificationStore.recipients(of: .ticketOpened, activityTypeID: "at-7", in: db)
            }
            #expect(saved == [.operatorInCharge])
            try await client.execute(uri: "/api/recipient-rules/ticket-opened?activityTypeID=at-7", method: .delete) {
                response in
                #expect(response.status == .noContent)
            }
            let reset = try await service.database.read { db in
                try NotificationStore.recipients(of: .ticketOpened, activityTypeID: "at-7", in: db)
            }
            #expect(reset == [.customer, .siteContact, .mailingList])
        }
    }

    @Test func thePageSavesEveryTriggerAtOnce_andTheSettingChangesWhoGetsTheEmail() async throws {
        let sink = try MailSink()
        defer { sink.remove() }
        let service = try await Self.service()
        let app = Application(
            router: ServiceRuntime.buildRouter(NotificationService.definition, context: service.context))
        try await app.test(.router) { anonymous in
            let client = anonymous.loggedIn(to: service.context)
            try await client.execute(
                uri: "/recipients?activityTypeID=at-7", method: .get,
                headers: [.accept: "text/html", .acceptLanguage: "it"]
            ) { response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains("Chi riceve le email"))
                #expect(
                    html.contains(
                        #"name="appointment-scheduled.customer" id="r-appointment-scheduled.customer" aria-label="Appuntamento fissato: cliente" checked"#
                    ))
                #expect(html.contains(#"<option value="at-7" selected>REPAIR — Riparazione</option>"#))
            }
            // For at-7, appointments reach only the technician; a new ticket reaches the operator in charge too
            let form =
                "activityTypeID=at-7&appointment-scheduled.technician=on&ticket-opened.customer=on&ticket-opened.operator-in-charge=on"
            try await client.execute(
                uri: "/recipients", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .acceptLanguage: "en"],
                body: ByteBuffer(string: form)
            ) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/recipients?activityTypeID=at-7&saved=1")
            }
            try await client.execute(
                uri: "/recipients", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .acceptLanguage: "en"],
                body: ByteBuffer(string: "activityTypeID=at-7&ticket-cancelled.technician=on")
            ) { response in
                #expect(response.status == .unprocessableContent)
                #expect(
                    String(buffer: response.body).contains("'technician' cannot receive the ticket-cancelled emails"))
            }
        }

        var ticket = TicketOpened.mock()
        ticket.operatorInChargeID = "op-3"
        try await service.deliver(.mock(ticket, id: "evt-open", as: AriannaEvent.ticketOpened))
        try await service.deliver(
            .mock(AppointmentScheduled.mock(), id: "evt-app", as: AriannaEvent.appointmentScheduled))
        try await SMTPDeliveryTests.worker(service, sink: sink).deliverDueEmails(renderer: try EmailRenderer.bundled())

        let received = try sink.parsedMessages().map { "\($0.envelopeTo) \($0.subject)" }.sorted()
        #expect(
            received == [
                "facilities@rossi.example Richiesta TCK/2026/000123 ricevuta",
                "giulia@arianna.example Nuova scadenza TCK/2026/000123",
                "giulia@arianna.example Nuovo appuntamento: 30/11/2026 10:00 (TCK/2026/000123)"
            ])
    }
}
