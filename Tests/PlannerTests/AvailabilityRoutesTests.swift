import Foundation
import Hummingbird
import HummingbirdTesting
import ServiceTestSupport
import Testing

@testable import PlannerService
@testable import ServiceKit

/// The availability, suggestion and to-do endpoints over HTTP, including their refusals.
@Suite struct AvailabilityRoutesTests {
    func withApp(
        generate: Bool = true,
        _ test: @escaping @Sendable (PlannerFixture, any TestClientProtocol) async throws -> Void
    ) async throws {
        let fixture = try await PlannerFixture(generate: generate)
        let app = Application(router: ServiceRuntime.buildRouter(PlannerService.definition, context: fixture.context))
        try await app.test(.router) { client in try await test(fixture, client.loggedIn(to: fixture.context)) }
    }

    static func body(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }

    @Test func workingHours_putForManyOperators_thenGet() async throws {
        try await withApp(generate: false) { _, client in
            let week =
                #"{"operatorIDs":["op-mario","op-lucia"],"week":{"1":[{"start":"08:00","end":"12:00"},{"start":"13:00","end":"17:00"}],"6":[{"start":"09:00","end":"12:00"}]}}"#
            try await client.execute(
                uri: "/api/working-hours", method: .put, headers: [.acceptLanguage: "en"], body: Self.body(week)
            ) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(
                uri: "/api/working-hours?operatorID=op-lucia", method: .get, headers: [.acceptLanguage: "en"]
            ) { response in
                #expect(response.status == .ok)
                let text = String(buffer: response.body)
                #expect(text.contains(#""end":"12:00","operatorID":"op-lucia","start":"08:00","weekday":1"#))
                #expect(text.contains(#""weekday":6"#))
            }
        }
    }

    @Test func workingHours_refusals_400_404_422() async throws {
        try await withApp(generate: false) { _, client in
            try await client.execute(
                uri: "/api/working-hours", method: .put, headers: [.acceptLanguage: "en"],
                body: Self.body(#"{"operatorIDs":["op-mario"],"week":{"1":[{"start":"8:00","end":"12:00"}]}}"#)
            ) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("'8:00' is not a time such as 08:30"))
            }
            try await client.execute(
                uri: "/api/working-hours", method: .put, headers: [.acceptLanguage: "en"],
                body: Self.body(#"{"operatorIDs":["op-ghost"],"week":{}}"#)
            ) { response in
                #expect(response.status == .notFound)
                #expect(String(buffer: response.body).contains("There is no operator 'op-ghost' in the planner."))
            }
            try await client.execute(
                uri: "/api/working-hours", method: .put, headers: [.acceptLanguage: "en"],
                body: Self.body(#"{"operatorIDs":["op-mario"],"week":{"mon":[]}}"#)
            ) { response in
                #expect(response.status == .unprocessableContent)
                #expect(String(buffer: response.body).contains("1 (Monday) to 7 (Sunday); 'mon' is not one of them"))
            }
            try await client.execute(uri: "/api/working-hours", method: .get, headers: [.acceptLanguage: "en"]) {
                response in
                #expect(response.status == .badRequest)
            }
        }
    }

    @Test func links_putAndGet_andUnknownType404() async throws {
        try await withApp(generate: false) { fixture, client in
            try await fixture.addActivityType("at-repair", code: "REPAIR", name: "Repair")
            try await client.execute(
                uri: "/api/activity-types/at-repair/links", method: .put, headers: [.acceptLanguage: "en"],
                body: Self.body(#"{"operatorIDs":["op-lucia"],"groups":["Technicians"]}"#)
            ) { response in
                #expect(response.status == .ok)
                #expect(
                    String(buffer: response.body)
                        == #"{"activityTypeID":"at-repair","groups":["Technicians"],"open":false,"operatorIDs":["op-lucia"]}"#
                )
            }
            try await client.execute(
                uri: "/api/activity-types/at-repair/links", method: .get, headers: [.acceptLanguage: "en"]
            ) { response in
                #expect(String(buffer: response.body).contains(#""open":false"#))
            }
            try await client.execute(
                uri: "/api/activity-types/at-nope/links", method: .get, headers: [.acceptLanguage: "en"]
            ) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(
                uri: "/api/activity-types/at-repair/links", method: .put, headers: [.acceptLanguage: "en"],
                body: Self.body(#"{"operatorIDs":["op-ghost"],"groups":[]}"#)
            ) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test func presenceRules_generate_202_thenProgress() async throws {
        try await withApp(generate: false) { fixture, client in
            let rule =
                #"{"operatorID":"op-lucia","zone":"Como","frequency":"weekly","interval":2,"weekdays":[3],"start":"22:00","end":"06:00","validFrom":"2030-03-04"}"#
            try await client.execute(
                uri: "/api/presence-rules", method: .post, headers: [.acceptLanguage: "en"], body: Self.body(rule)
            ) { response in
                #expect(response.status == .created)
                #expect(String(buffer: response.body).contains(#""endTime":"06:00""#))
            }
            var location = ""
            try await client.execute(
                uri: "/api/presence-rules/generate", method: .post, headers: [.acceptLanguage: "en"],
                body: Self.body(#"{"from":"2030-03-01","to":"2030-03-31"}"#)
            ) { response in
                #expect(response.status == .accepted)
                location = response.headers[.location] ?? ""
                #expect(String(buffer: response.body).contains(#""state":"pending""#))
            }
            try await client.execute(
                uri: "/api/presence-rules/generate", method: .post, headers: [.acceptLanguage: "en"],
                body: Self.body(#"{"from":"2030-04-01","to":"2030-04-30"}"#)
            ) { response in
                #expect(response.status == .conflict)
                #expect(String(buffer: response.body).contains("already being generated"))
            }
            try await fixture.availability.runPendingGenerations()
            try await client.execute(uri: location, method: .get, headers: [.acceptLanguage: "en"]) { response in
                #expect(response.status == .ok)
                let text = String(buffer: response.body)
                #expect(text.contains(#""state":"done""#))
                #expect(text.contains(#""percent":100"#))
                // Mario: 21 weekdays; Lucia: 21 weekdays + 2 fortnightly Wednesday nights (03-06, 03-20).
                #expect(text.contains(#""created":44"#), "\(text)")
            }
            try await client.execute(
                uri: "/api/presences?from=2030-03-06&to=2030-03-07&operatorID=op-lucia", method: .get,
                headers: [.acceptLanguage: "en"]
            ) { response in
                let text = String(buffer: response.body)
                #expect(text.contains(#""start":"2030-03-06T21:00:00.000Z""#), "\(text)")
                #expect(text.contains(#""zone":"Como""#))
            }
            try await client.execute(uri: "/api/generation-jobs/nope", method: .get, headers: [.acceptLanguage: "en"]) {
                response in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test func presenceRules_andGenerate_refuseBadInput_422() async throws {
        try await withApp(generate: false) { _, client in
            try await client.execute(
                uri: "/api/presence-rules", method: .post, headers: [.acceptLanguage: "en"],
                body: Self.body(
                    #"{"operatorID":"op-lucia","zone":"Como","frequency":"weekly","start":"08:00","end":"17:00","validFrom":"2030-03-01"}"#
                )
            ) { response in
                #expect(response.status == .unprocessableContent)
                #expect(String(buffer: response.body).contains("A weekly rule needs at least one weekday"))
            }
            try await client.execute(
                uri: "/api/presence-rules", method: .post, headers: [.acceptLanguage: "en"],
                body: Self.body(
                    #"{"operatorID":"op-lucia","zone":"Como","frequency":"hourly","start":"08:00","end":"17:00","validFrom":"2030-03-01"}"#
                )
            ) { response in
                #expect(response.status == .badRequest)
            }
            try await client.execute(
                uri: "/api/presence-rules/generate", method: .post, headers: [.acceptLanguage: "en"],
                body: Self.body(#"{"from":"2026-12-01","to":"2030-11-30"}"#)
            ) { response in
                #expect(response.status == .unprocessableContent)
                #expect(String(buffer: response.body).contains("at most 2 years"))
            }
            try await client.execute(
                uri: "/api/presence-rules/generate", method: .post, headers: [.acceptLanguage: "en"],
                body: Self.body(#"{"from":"2030-03-31","to":"2030-03-01"}"#)
            ) { response in
                #expect(response.status == .unprocessableContent)
            }
            try await client.execute(uri: "/api/presence-rules/nope", method: .delete, headers: [.acceptLanguage: "en"])
            { response in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test func holidays_crud_andDuplicate409() async throws {
        try await withApp(generate: false) { _, client in
            try await client.execute(
                uri: "/api/holidays", method: .post, headers: [.acceptLanguage: "en"],
                body: Self.body(#"{"day":"2030-04-25","name":"Liberazione"}"#)
            ) { response in
                #expect(response.status == .created)
            }
            try await client.execute(
                uri: "/api/holidays", method: .post, headers: [.acceptLanguage: "en"],
                body: Self.body(#"{"day":"2030-04-25","name":"Liberazione"}"#)
            ) { response in
                #expect(response.status == .conflict)
                #expect(String(buffer: response.body).contains("2030-04-25 is already a company holiday (Liberazione)"))
            }
            try await client.execute(
                uri: "/api/holidays?from=2030-04-01&to=2030-04-30", method: .get, headers: [.acceptLanguage: "en"]
            ) { response in
                #expect(String(buffer: response.body) == #"{"items":[{"day":"2030-04-25","name":"Liberazione"}]}"#)
            }
            try await client.execute(uri: "/api/holidays/2030-04-25", method: .delete, headers: [.acceptLanguage: "en"])
            { response in
                #expect(response.status == .noContent)
            }
            try await client.execute(uri: "/api/holidays/2030-04-25", method: .delete, headers: [.acceptLanguage: "en"])
            { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(
                uri: "/api/holidays/25-04-2030", method: .put, headers: [.acceptLanguage: "en"],
                body: Self.body(#"{"name":"x"}"#)
            ) { response in
                #expect(response.status == .badRequest)
            }
        }
    }

    @Test func absences_create_overlap409_andScheduleOnThemIsRefused409() async throws {
        try await withApp { fixture, client in
            try await client.execute(
                uri: "/api/absences", method: .post, headers: [.acceptLanguage: "en"],
                body: Self.body(#"{"operatorID":"op-mario","firstDay":"2030-03-18","reason":"Training"}"#)
            ) { response in
                #expect(response.status == .created)
            }
            try await client.execute(
                uri: "/api/absences", method: .post, headers: [.acceptLanguage: "en"],
                body: Self.body(
                    #"{"operatorID":"op-mario","start":"2030-03-18T10:00:00Z","end":"2030-03-18T11:00:00Z","reason":"Dentist"}"#
                )
            ) { response in
                #expect(response.status == .conflict)
                #expect(
                    String(buffer: response.body).contains(
                        "Mario Rossi is already absent from 2030-03-18 00:00 to 2030-03-19 00:00 (Training)"))
            }
            try await client.execute(
                uri: "/api/absences", method: .post, headers: [.acceptLanguage: "en"],
                body: Self.body(#"{"operatorID":"op-mario","reason":"Dentist"}"#)
            ) { response in
                #expect(response.status == .unprocessableContent)
            }
            try await fixture.openTicket("t1", number: "TCK/2030/000001")
            try await client.execute(
                uri: "/api/appointments", method: .post, headers: [.acceptLanguage: "en"],
                body: Self.body(#"{"ticketID":"t1","operatorID":"op-mario","start":"2030-03-18T08:00:00Z"}"#)
            ) { response in
                #expect(response.status == .conflict)
                #expect(String(buffer: response.body).contains("Mario Rossi is absent on 2030-03-18 (Training)."))
            }
            try await client.execute(
                uri: "/api/absences?operatorID=op-mario&from=2030-03-18&to=2030-03-18", method: .get,
                headers: [.acceptLanguage: "en"]
            ) { response in
                #expect(String(buffer: response.body).contains(#""reason":"Training""#))
            }
        }
    }

    @Test func suggestions_andTodo() async throws {
        try await withApp { fixture, client in
            try await fixture.openTicket("t1", number: "TCK/2030/000001")
            try await client.execute(
                uri: "/api/queue/t1/suggestions?limit=2", method: .get, headers: [.acceptLanguage: "en"]
            ) { response in
                #expect(response.status == .ok)
                let text = String(buffer: response.body)
                // Sunday evening "now": the first slots are Monday 08:00 in Rome (07:00Z).
                #expect(text.contains(#""start":"2030-03-18T07:00:00.000Z""#), "\(text)")
                #expect(text.contains("free on 2030-03-18 from 08:00"))
            }
            try await client.execute(uri: "/api/queue/nope/suggestions", method: .get, headers: [.acceptLanguage: "en"])
            { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(
                uri: "/api/queue/t1/suggestions?days=100", method: .get, headers: [.acceptLanguage: "en"]
            ) { response in
                #expect(response.status == .badRequest)
            }
            _ = try await fixture.store.schedule(
                ScheduleRequest(ticketID: "t1", operatorID: "op-mario", start: PlannerFixture.monday))
            try await client.execute(
                uri: "/api/operators/op-mario/todo?from=2030-03-18&to=2030-03-18", method: .get,
                headers: [.acceptLanguage: "en"]
            ) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains(#""ticketID":"t1""#))
            }
            try await client.execute(
                uri: "/api/operators/op-ghost/todo", method: .get, headers: [.acceptLanguage: "en"]
            ) { response in
                #expect(response.status == .notFound)
            }
        }
    }
}
