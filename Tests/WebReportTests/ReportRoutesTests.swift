import AriannaProtocol
import Foundation
import Hummingbird
import HummingbirdTesting
import ServiceKit
import ServiceTestSupport
import Testing

@testable import WebReportService

@Suite("Web report API")
struct ReportRoutesTests {
    /// The JSON Hummingbird sends with an `HTTPError`.
    struct ErrorBody: Decodable {
        struct Inner: Decodable { var message: String }
        var error: Inner
    }

    /// The JSON of a report.
    struct Report: Decodable {
        struct Material: Decodable {
            var articleCode: String
            var description: String
            var quantity: Double
        }
        struct Session: Decodable {
            var start: Date
            var end: Date
            var travelMinutes: Int
        }
        var id: String
        var appointmentID: String
        var ticketID: String?
        var operatorID: String
        var workDone: String
        var workedMinutes: Int
        var travelMinutes: Int
        var outcome: String
        var visitNote: String?
        var sessions: [Session]
        var materials: [Material]
        var closedAt: Date
    }

    /// The JSON of a to-do line.
    struct TodoItem: Decodable {
        var appointmentID: String
        var start: Date
    }

    /// One page of the to-do list.
    struct TodoPage: Decodable {
        var items: [TodoItem]
        var nextCursor: String?
    }

    static let sessions = """
        [{"start": "2026-11-30T09:00:00Z", "end": "2026-11-30T10:00:00Z", "travelMinutes": 20},
         {"start": "2026-11-30T10:15:00Z", "end": "2026-11-30T10:50:00Z"}]
        """

    static let validReport = """
        {"sessions": \(sessions), "workDone": " Replaced the filter and bled the radiators. ",
         "materials": [{"articleCode": "FILTER-01", "description": "Boiler filter", "quantity": 1},
                       {"articleCode": "PIPE-22", "description": "Copper pipe (m)", "quantity": 2.5}],
         "signedBy": "Luca Rossi"}
        """

    static let english: HTTPFields = [.acceptLanguage: "en", .contentType: "application/json"]

    static func app(_ service: TestService) -> some ApplicationProtocol {
        Application(router: ServiceRuntime.buildRouter(WebReportService.definition, context: service.context))
    }

    static func decode<T: Decodable>(_ type: T.Type, _ response: TestResponse) throws -> T {
        try APIJSON.decoder.decode(type, from: Data(response.body.readableBytesView))
    }

    @Test func filesTheReport_closesTheItem_andPublishesInterventionClosed() async throws {
        // Given
        let service = try TestService()
        try await service.schedule()

        try await Self.app(service).test(.router) { anonymous in
            let client = anonymous.loggedIn(to: service.context, permissions: [.reportsFill], operatorID: "op-3")
            // When
            let report = try await client.execute(
                uri: "/api/appointments/app-5/report", method: .post, headers: Self.english,
                body: ByteBuffer(string: Self.validReport)
            ) { response in
                #expect(response.status == .created)
                #expect(response.headers[.location] == "/api/reports/rep-1")
                return try Self.decode(Report.self, response)
            }

            // Then: the report as stored, with its totals computed
            #expect(report.id == "rep-1")
            #expect(report.ticketID == "tck-123")
            #expect(report.operatorID == "op-3")
            #expect(report.workDone == "Replaced the filter and bled the radiators.")
            #expect(report.workedMinutes == 95)
            #expect(report.travelMinutes == 20)
            #expect(report.outcome == "completed")
            #expect(report.sessions.count == 2)
            #expect(report.materials.map(\.articleCode) == ["FILTER-01", "PIPE-22"])
            #expect(report.closedAt == Instant.now)

            // And: it can be read back
            let again = try await client.execute(uri: "/api/reports/rep-1", method: .get) { response in
                #expect(response.status == .ok)
                return try Self.decode(Report.self, response)
            }
            #expect(again.materials.map(\.quantity) == [1, 2.5])

            // And: the item left the to-do list
            try await client.execute(uri: "/api/operators/op-3/todo", method: .get) { response in
                #expect(response.status == .ok)
                let decoded = try Self.decode(TodoPage.self, response)
                #expect(decoded.items.isEmpty)
                #expect(decoded.nextCursor == nil)
            }
        }

        // And: one intervention.closed.v1 for the ticket, with sessions and travel
        let events = try await service.closedEvents()
        #expect(events.count == 1)
        let closed = try #require(events.first)
        #expect(closed.reportID == "rep-1")
        #expect(closed.appointmentID == "app-5")
        #expect(closed.ticketID == "tck-123")
        #expect(closed.workedMinutes == 95)
        #expect(closed.travelMinutes == 20)
        #expect(closed.outcome == .completed)
        #expect(closed.sessions?.count == 2)
        #expect(closed.signedBy == "Luca Rossi")
        #expect(
            closed.materials == [
                MaterialLine(articleCode: "FILTER-01", description: "Boiler filter", quantity: 1),
                MaterialLine(articleCode: "PIPE-22", description: "Copper pipe (m)", quantity: 2.5)
            ])
    }

    @Test func anotherVisitNeeded_publishesTheOutcomeAndTheNote() async throws {
        let service = try TestService()
        try await service.schedule()
        let body = """
            {"sessions": \(Self.sessions), "workDone": "Diagnosed a broken pump", "outcome": "another-visit-needed",
             "visitNote": "Pump to be ordered"}
            """
        try await Self.app(service).test(.router) { anonymous in
            let client = anonymous.loggedIn(to: service.context, permissions: [.reportsFill], operatorID: "op-3")
            try await client.execute(
                uri: "/api/appointments/app-5/report", method: .post, body: ByteBuffer(string: body)
            ) {
                #expect($0.status == .created)
            }
        }
        let closed = try #require(try await service.closedEvents().first)
        #expect(closed.outcome == .anotherVisitNeeded)
        #expect(closed.visitNote == "Pump to be ordered")
    }

    @Test func theSameIdempotencyKey_filesExactlyOneReport() async throws {
        let service = try TestService()
        try await service.schedule()
        let body = """
            {"sessions": \(Self.sessions), "workDone": "Fixed", "idempotencyKey": "phone-key-1"}
            """
        try await Self.app(service).test(.router) { anonymous in
            let client = anonymous.loggedIn(to: service.context, permissions: [.reportsFill], operatorID: "op-3")
            try await client.execute(
                uri: "/api/appointments/app-5/report", method: .post, body: ByteBuffer(string: body)
            ) {
                #expect($0.status == .created)
            }
            // When the phone sends it again
            try await client.execute(
                uri: "/api/appointments/app-5/report", method: .post, body: ByteBuffer(string: body)
            ) { response in
                // Then it gets the same report back
                #expect(response.status == .ok)
                let again = try Self.decode(Report.self, response)
                #expect(again.id == "rep-1")
            }
        }
        #expect(try await service.count("interventionReport") == 1)
        #expect(try await service.closedEvents().count == 1)
    }

    @Test func aTechnician_cannotReadOrCloseSomeoneElsesAppointment() async throws {
        // Given an appointment on op-3's list, reported by the back office
        let service = try TestService()
        try await service.schedule()
        try await service.schedule(.mock(id: "app-6"), eventID: "evt-s2")
        try await Self.app(service).test(.router) { anonymous in
            let marco = anonymous.loggedIn(to: service.context, permissions: [.reportsFill], operatorID: "op-4")
            // When another technician tries to close it
            try await marco.execute(
                uri: "/api/appointments/app-5/report", method: .post, headers: Self.english,
                body: ByteBuffer(string: Self.validReport)
            ) { response in
                // Then 403, in the caller's language
                #expect(response.status == .forbidden)
                let message = try Self.decode(ErrorBody.self, response).error.message
                #expect(message.contains("not on your to-do list"))
            }
            // Or to open its page
            try await marco.execute(uri: "/appointments/app-5", method: .get, headers: [.accept: "text/html"]) {
                #expect($0.status == .forbidden)
            }
            // The back office may record it
            let office = anonymous.loggedIn(to: service.context, permissions: [.plannerSchedule])
            let filed = try await office.execute(
                uri: "/api/appointments/app-6/report", method: .post, body: ByteBuffer(string: Self.validReport)
            ) { response in
                #expect(response.status == .created)
                return try Self.decode(Report.self, response)
            }
            // And another technician may not read the report
            try await marco.execute(uri: "/api/reports/\(filed.id)", method: .get) { #expect($0.status == .forbidden) }
            let giulia = anonymous.loggedIn(to: service.context, permissions: [.reportsFill], operatorID: "op-3")
            try await giulia.execute(uri: "/api/reports/\(filed.id)", method: .get) { #expect($0.status == .ok) }
        }
        #expect(try await service.count("interventionReport") == 1)
        #expect(try await service.closedEvents().count == 1)
    }

    @Test func refusesWith409_whenTheInterventionWasAlreadyClosed() async throws {
        let service = try TestService()
        try await service.schedule()
        try await Self.app(service).test(.router) { anonymous in
            let client = anonymous.loggedIn(to: service.context)
            try await client.execute(
                uri: "/api/appointments/app-5/report", method: .post, body: ByteBuffer(string: Self.validReport)
            ) { #expect($0.status == .created) }
            try await client.execute(
                uri: "/api/appointments/app-5/report", method: .post, headers: Self.english,
                body: ByteBuffer(string: Self.validReport)
            ) { response in
                #expect(response.status == .conflict)
                let message = try Self.decode(ErrorBody.self, response).error.message
                #expect(
                    message
                        == "This intervention was already closed on 30/11/2026 at 12:45.")
            }
            try await client.execute(
                uri: "/api/appointments/app-5/report", method: .post, headers: [.acceptLanguage: "it"],
                body: ByteBuffer(string: Self.validReport)
            ) { response in
                let message = try Self.decode(ErrorBody.self, response).error.message
                #expect(
                    message
                        == "Questo intervento è già stato chiuso il 30/11/2026 alle 12:45.")
            }
        }
        #expect(try await service.count("interventionReport") == 1)
        #expect(try await service.closedEvents().count == 1)
    }

    @Test func refusesWith404_forAnUnknownAppointment() async throws {
        let service = try TestService()
        try await Self.app(service).test(.router) { anonymous in
            let client = anonymous.loggedIn(to: service.context)
            try await client.execute(
                uri: "/api/appointments/app-404/report", method: .post, headers: Self.english,
                body: ByteBuffer(string: Self.validReport)
            ) { response in
                #expect(response.status == .notFound)
                let message = try Self.decode(ErrorBody.self, response).error.message
                #expect(message == "There is no appointment 'app-404' on any to-do list.")
            }
        }
        #expect(try await service.count("interventionReport") == 0)
        #expect(try await service.outbox().isEmpty)
    }

    @Test func refusesWith409_whenTheAppointmentWasCancelled() async throws {
        let service = try TestService()
        try await service.schedule()
        try await service.deliver(
            .mock(AppointmentCancelled.mock(), id: "evt-c", as: AriannaEvent.appointmentCancelled))
        try await Self.app(service).test(.router) { anonymous in
            let client = anonymous.loggedIn(to: service.context)
            try await client.execute(
                uri: "/api/appointments/app-5/report", method: .post, headers: Self.english,
                body: ByteBuffer(string: Self.validReport)
            ) { response in
                #expect(response.status == .conflict)
                let message = try Self.decode(ErrorBody.self, response).error.message
                #expect(message.contains("was cancelled"))
            }
        }
        #expect(try await service.outbox().isEmpty)
    }

    @Test(arguments: [
        (#"{"sessions": \#(sessions), "workDone": "  "}"#, "Describe the work done."),
        (#"{"sessions": [], "workDone": "Fixed"}"#, "Add at least one work session."),
        (
            #"{"sessions": [{"start": "2026-11-30T10:00:00Z", "end": "2026-11-30T09:00:00Z"}], "workDone": "Fixed"}"#,
            "Session 1: the end (10:00) must be after the start (11:00)."
        ),
        (
            #"{"sessions": \#(sessions), "workDone": "Fixed", "materials": [{"articleCode": "FILTER-01", "quantity": 0}]}"#,
            "Material line 1 (FILTER-01): the quantity must be greater than zero."
        ),
        (
            #"{"sessions": \#(sessions), "workDone": "Fixed", "materials": [{"articleCode": " ", "quantity": 1}]}"#,
            "Material line 1 needs an article code."
        )
    ])
    func refusesWith422_andWritesNothing_forAnInvalidReport(body: String, problem: String) async throws {
        let service = try TestService()
        try await service.schedule()
        try await Self.app(service).test(.router) { anonymous in
            let client = anonymous.loggedIn(to: service.context)
            try await client.execute(
                uri: "/api/appointments/app-5/report", method: .post, headers: Self.english,
                body: ByteBuffer(string: body)
            ) { response in
                #expect(response.status == .unprocessableContent)
                let message = try Self.decode(ErrorBody.self, response).error.message
                #expect(message.hasPrefix("The report cannot be filed: "))
                #expect(message.contains(problem))
            }
        }
        #expect(try await service.count("interventionReport") == 0)
        #expect(try await service.count("reportMaterial") == 0)
        #expect(try await service.count("reportSession") == 0)
        #expect(try await service.outbox().isEmpty)
        #expect(try await service.store.todo(operatorID: "op-3", access: .backOffice).count == 1, "the item stays open")
    }

    @Test func anUnknownArticle_isRefused_onceBillingPublishedItsCatalogue() async throws {
        let service = try TestService()
        try await service.schedule()
        try await service.deliver(
            .mock(
                ArticleSnapshot.mock(code: "FILTER-01", description: "Filtro"), id: "evt-a1",
                as: AriannaEvent.articleSnapshot))
        try await Self.app(service).test(.router) { anonymous in
            let client = anonymous.loggedIn(to: service.context)
            try await client.execute(
                uri: "/api/appointments/app-5/report", method: .post, headers: Self.english,
                body: ByteBuffer(string: Self.validReport)
            ) { response in
                #expect(response.status == .unprocessableContent)
                let message = try Self.decode(ErrorBody.self, response).error.message
                #expect(message.contains("article PIPE-22 is not in the catalogue"))
            }
            // And the catalogue answers the search by code or description
            try await client.execute(uri: "/api/articles?q=filt", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("FILTER-01"))
            }
        }
        #expect(try await service.outbox().isEmpty)
    }

    @Test(arguments: [
        ("not json", "The body must be a JSON intervention report: it is not valid JSON."),
        (#"{"sessions": []}"#, "The body must be a JSON intervention report: workDone is required."),
        (
            #"{"sessions": "today", "workDone": "Fixed"}"#,
            "The body must be a JSON intervention report: sessions must be of the right type."
        )
    ])
    func refusesWith400_forABodyThatIsNotAReport(body: String, message: String) async throws {
        let service = try TestService()
        try await service.schedule()
        try await Self.app(service).test(.router) { anonymous in
            let client = anonymous.loggedIn(to: service.context)
            try await client.execute(
                uri: "/api/appointments/app-5/report", method: .post, body: ByteBuffer(string: body)
            ) { response in
                #expect(response.status == .badRequest)
                let message = try Self.decode(ErrorBody.self, response).error.message
                #expect(message == message)
            }
        }
        #expect(try await service.outbox().isEmpty)
    }

    @Test func answers404_forAnUnknownReport() async throws {
        let service = try TestService()
        try await Self.app(service).test(.router) { anonymous in
            let client = anonymous.loggedIn(to: service.context)
            try await client.execute(uri: "/api/reports/rep-404", method: .get, headers: Self.english) { response in
                #expect(response.status == .notFound)
                let message = try Self.decode(ErrorBody.self, response).error.message
                #expect(message == "There is no intervention report 'rep-404'.")
            }
        }
    }
}
