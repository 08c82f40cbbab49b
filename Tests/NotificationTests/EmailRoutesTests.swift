import AriannaProtocol
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import ServiceKit
import ServiceTestSupport
import Testing

@testable import NotificationService

@Suite("Email API")
struct EmailRoutesTests {
    /// The JSON of `GET /api/emails`.
    struct Summary: Decodable {
        var id: String
        var eventID: String
        var recipient: String
        var subject: String?
        var status: String
        var attempts: Int
        var createdAt: Date
        var sentAt: Date?
    }

    /// One page of `GET /api/emails`.
    struct SummaryPage: Decodable {
        var items: [Summary]
        var nextCursor: String?
    }

    /// The JSON of `GET /api/emails/{id}`.
    struct Detail: Decodable {
        var id: String
        var subject: String?
        var body: String?
        var status: String
    }

    /// The JSON Hummingbird sends with an `HTTPError`.
    struct ErrorBody: Decodable {
        struct Inner: Decodable { var message: String }
        var error: Inner
    }

    @Test func listsEmailsNewestFirst_andShowsOneWithItsBody() async throws {
        // Given: an older sent email and a newer queued one
        let older = try TestService(now: Instant.now)
        try await older.deliver(.mock(TicketOpened.mock(), id: "evt-old", as: AriannaEvent.ticketOpened))
        let worker = EmailWorker(
            store: older.store, transport: RecordingTransport(),
            settings: MailSettings(outboxFolder: URL(fileURLWithPath: "/unused")), timeZone: rome,
            clock: older.context.clock, logger: Logger(label: "test"))
        try await worker.deliverDueEmails(renderer: try EmailRenderer.bundled())
        let later = NotificationEventHandler(
            clock: .fixed(Instant.now.addingTimeInterval(60)), ids: IDGenerator { "email-new" },
            logger: Logger(label: "test"))
        let event = ReceivedEvent.mock(TicketOpened.mock(), id: "evt-new", as: AriannaEvent.ticketOpened)
        try await older.database.write { db in try later.handle(event, in: db) }
        let app = Application(
            router: ServiceRuntime.buildRouter(NotificationService.definition, context: older.context))

        try await app.test(.router) { anonymous in
            let client = anonymous.loggedIn(to: older.context)
            // When
            let list = try await client.execute(uri: "/api/emails", method: .get) { response in
                #expect(response.status == .ok)
                return try APIJSON.decoder.decode(SummaryPage.self, from: Data(response.body.readableBytesView)).items
            }
            // Then
            #expect(list.map(\.id) == ["email-new", "email-1"])
            #expect(list.map(\.status) == ["queued", "sent"])
            #expect(list[1].eventID == "evt-old")
            #expect(list[1].attempts == 1)
            #expect(list[1].sentAt == Instant.now)
            #expect(list[1].subject?.contains("TCK/2026/000123") == true)

            let detail = try await client.execute(uri: "/api/emails/email-1", method: .get) { response in
                #expect(response.status == .ok)
                return try APIJSON.decoder.decode(Detail.self, from: Data(response.body.readableBytesView))
            }
            #expect(detail.body?.contains("abbiamo ricevuto la sua richiesta TCK/2026/000123") == true)
        }
    }

    @Test func answers404_forAnUnknownEmail() async throws {
        let service = try TestService()
        let app = Application(
            router: ServiceRuntime.buildRouter(NotificationService.definition, context: service.context))
        try await app.test(.router) { anonymous in
            let client = anonymous.loggedIn(to: service.context)
            try await client.execute(uri: "/api/emails/nope", method: .get) { response in
                #expect(response.status == .notFound)
                let body = try JSONDecoder().decode(ErrorBody.self, from: Data(response.body.readableBytesView))
                #expect(body.error.message == "There is no email 'nope'.")
            }
        }
    }

    @Test func refusal_answersInItalianWhenAsked_andInEnglishByDefault() async throws {
        let service = try TestService()
        let app = Application(
            router: ServiceRuntime.buildRouter(NotificationService.definition, context: service.context))
        try await app.test(.router) { anonymous in
            let client = anonymous.loggedIn(to: service.context)
            try await client.execute(
                uri: "/api/emails/nope", method: .get, headers: [.acceptLanguage: "it-IT,it;q=0.9"]
            ) { response in
                #expect(response.status == .notFound)
                let body = try JSONDecoder().decode(ErrorBody.self, from: Data(response.body.readableBytesView))
                #expect(body.error.message == "Non c'è nessuna email 'nope'.")
            }
            try await client.execute(uri: "/api/emails/nope", method: .get) { response in
                #expect(response.status == .notFound)
                let body = try JSONDecoder().decode(ErrorBody.self, from: Data(response.body.readableBytesView))
                #expect(body.error.message == "There is no email 'nope'.")
            }
        }
    }
}
