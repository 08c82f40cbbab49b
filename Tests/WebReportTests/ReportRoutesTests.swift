import AriannaProtocol
import Foundation
import Hummingbird
import HummingbirdTesting
import ServiceKit
import Testing
import ServiceTestSupport

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
        var id: String
        var appointmentID: String
        var ticketID: String?
        var operatorID: String
        var workDone: String
        var workedMinutes: Int
        var materials: [Material]
        var closedAt: Date
    }

    /// The JSON of a to-do line.
    struct TodoItem: Decodable {
        var appointmentID: String
        var start: Date
    }

    static let validReport = """
        {"workDone": " Replaced the filter and bled the radiators. ", "workedMinutes": 95,
         "materials": [{"articleCode": "FILTER-01", "description": "Boiler filter", "quantity": 1},
                       {"articleCode": "PIPE-22", "description": "Copper pipe (m)", "quantity": 2.5}]}
        """

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
            let client = anonymous.loggedIn(to: service.context)
            // When
            let report = try await client.execute(
                uri: "/api/appointments/app-5/report", method: .post, body: ByteBuffer(string: Self.validReport)
            ) { response in
                #expect(response.status == .created)
                #expect(response.headers[.location] == "/api/reports/rep-1")
                return try Self.decode(Report.self, response)
            }

            // Then: the report as stored
            #expect(report.id == "rep-1")
            #expect(report.ticketID == "tck-123")
            #expect(report.operatorID == "op-3")
            #expect(report.workDone == "Replaced the filter and bled the radiators.")
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
                let decoded = try Self.decode([TodoItem].self, response)
                #expect(decoded.isEmpty)
            }
        }

        // And: one intervention.closed.v1 for the ticket
        let events = try await service.outbox()
        #expect(events.count == 1)
        guard case .interventionClosed(let closed) = try #require(events.first).event else {
            Issue.record("expected intervention.closed.v1, got \(events)")
            return
        }
        #expect(closed.reportID == "rep-1")
        #expect(closed.appointmentID == "app-5")
        #expect(closed.ticketID == "tck-123")
        #expect(closed.workedMinutes == 95)
        #expect(closed.materials == [
            MaterialLine(articleCode: "FILTER-01", description: "Boiler filter", quantity: 1),
            MaterialLine(articleCode: "PIPE-22", description: "Copper pipe (m)", quantity: 2.5),
        ])
    }

    @Test func listsTheTodo_earliestFirst() async throws {
        let service = try TestService()
        try await service.schedule(.mock(id: "app-late", start: Instant.afternoonStart, end: Instant.afternoonEnd), eventID: "e1")
        try await service.schedule(.mock(id: "app-early"), eventID: "e2")
        try await Self.app(service).test(.router) { anonymous in
            let client = anonymous.loggedIn(to: service.context)
            try await client.execute(uri: "/api/operators/op-3/todo", method: .get) { response in
                #expect(response.status == .ok)
                let decoded = try Self.decode([TodoItem].self, response)
                #expect(decoded.map(\.appointmentID) == ["app-early", "app-late"])
            }
        }
    }

    @Test func refusesWith409_whenTheInterventionWasAlreadyClosed() async throws {
        // Given
        let service = try TestService()
        try await service.schedule()
        try await Self.app(service).test(.router) { anonymous in
            let client = anonymous.loggedIn(to: service.context)
            try await client.execute(
                uri: "/api/appointments/app-5/report", method: .post, body: ByteBuffer(string: Self.validReport)
            ) { #expect($0.status == .created) }
            // When
            try await client.execute(
                uri: "/api/appointments/app-5/report", method: .post, body: ByteBuffer(string: Self.validReport)
            ) { response in
                // Then
                #expect(response.status == .conflict)
                let decoded = try Self.decode(ErrorBody.self, response)
                #expect(decoded.error.message
                    == "This intervention was already closed on 30/11/2026 at 12:45.")
            }
        }
        #expect(try await service.count("interventionReport") == 1)
        #expect(try await service.outbox().count == 1)
    }

    @Test func refusesWith404_forAnUnknownAppointment() async throws {
        let service = try TestService()
        try await Self.app(service).test(.router) { anonymous in
            let client = anonymous.loggedIn(to: service.context)
            try await client.execute(
                uri: "/api/appointments/app-404/report", method: .post, body: ByteBuffer(string: Self.validReport)
            ) { response in
                #expect(response.status == .notFound)
                let decoded = try Self.decode(ErrorBody.self, response)
                #expect(decoded.error.message
                    == "There is no appointment 'app-404' on any to-do list.")
            }
        }
        #expect(try await service.count("interventionReport") == 0)
        #expect(try await service.outbox().isEmpty)
    }

    @Test func refusesWith409_whenTheAppointmentWasCancelled() async throws {
        let service = try TestService()
        try await service.schedule()
        try await service.deliver(.mock(AppointmentCancelled.mock(), id: "evt-c", as: AriannaEvent.appointmentCancelled))
        try await Self.app(service).test(.router) { anonymous in
            let client = anonymous.loggedIn(to: service.context)
            try await client.execute(
                uri: "/api/appointments/app-5/report", method: .post, body: ByteBuffer(string: Self.validReport)
            ) { response in
                #expect(response.status == .conflict)
                let decoded = try Self.decode(ErrorBody.self, response)
                #expect(decoded.error.message.contains("was cancelled"))
            }
        }
        #expect(try await service.outbox().isEmpty)
    }

    @Test(arguments: [
        (#"{"workDone": "  ", "workedMinutes": 30}"#, "Describe the work done."),
        (#"{"workDone": "Fixed", "workedMinutes": 0}"#, "Worked minutes must be between 1 and 1440, not 0."),
        (#"{"workDone": "Fixed", "workedMinutes": 1441}"#, "Worked minutes must be between 1 and 1440, not 1441."),
        (#"{"workDone": "Fixed", "workedMinutes": 30, "materials": [{"articleCode": "FILTER-01", "description": "", "quantity": 0}]}"#,
         "Material line 1 (FILTER-01): the quantity must be greater than zero."),
        (#"{"workDone": "Fixed", "workedMinutes": 30, "materials": [{"articleCode": " ", "quantity": 1}]}"#,
         "Material line 1 needs an article code."),
    ])
    func refusesWith422_andWritesNothing_forAnInvalidReport(body: String, problem: String) async throws {
        // Given
        let service = try TestService()
        try await service.schedule()
        try await Self.app(service).test(.router) { anonymous in
            let client = anonymous.loggedIn(to: service.context)
            // When
            try await client.execute(uri: "/api/appointments/app-5/report", method: .post, body: ByteBuffer(string: body)) { response in
                // Then
                #expect(response.status == .unprocessableContent)
                let message = try Self.decode(ErrorBody.self, response).error.message
                #expect(message.hasPrefix("The report cannot be filed: "))
                #expect(message.contains(problem))
            }
        }
        #expect(try await service.count("interventionReport") == 0)
        #expect(try await service.count("reportMaterial") == 0)
        #expect(try await service.outbox().isEmpty)
        #expect(try await service.store.todo(operatorID: "op-3").count == 1, "the item stays open")
    }

    @Test(arguments: [
        ("not json", "The body must be a JSON intervention report: it is not valid JSON."),
        (#"{"workedMinutes": 30}"#, "The body must be a JSON intervention report: workDone is required."),
        (#"{"workDone": "Fixed", "workedMinutes": "half an hour"}"#,
         "The body must be a JSON intervention report: workedMinutes must be a number."),
    ])
    func refusesWith400_forABodyThatIsNotAReport(body: String, message: String) async throws {
        let service = try TestService()
        try await service.schedule()
        try await Self.app(service).test(.router) { anonymous in
            let client = anonymous.loggedIn(to: service.context)
            try await client.execute(uri: "/api/appointments/app-5/report", method: .post, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .badRequest)
                let decoded = try Self.decode(ErrorBody.self, response)
                #expect(decoded.error.message == message)
            }
        }
        #expect(try await service.outbox().isEmpty)
    }

    @Test func answers404_forAnUnknownReport() async throws {
        let service = try TestService()
        try await Self.app(service).test(.router) { anonymous in
            let client = anonymous.loggedIn(to: service.context)
            try await client.execute(uri: "/api/reports/rep-404", method: .get) { response in
                #expect(response.status == .notFound)
                let decoded = try Self.decode(ErrorBody.self, response)
                #expect(decoded.error.message == "There is no intervention report 'rep-404'.")
            }
        }
    }
}
