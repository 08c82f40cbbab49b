import Foundation
import Hummingbird
import HummingbirdTesting
import PlannerDomain
import ServiceTestSupport
import Testing

@testable import PlannerService
@testable import ServiceKit

/// The availability pages (R6–R9) and the planner menu, rendered through the real router from a
/// real store, in both languages.
@Suite struct AvailabilityPagesTests {
    func withApp(_ test: @escaping @Sendable (PlannerFixture, any TestClientProtocol) async throws -> Void) async throws
    {
        let fixture = try await PlannerFixture(generate: false)
        let app = Application(router: ServiceRuntime.buildRouter(PlannerService.definition, context: fixture.context))
        try await app.test(.router) { client in
            try await test(fixture, client.loggedIn(to: fixture.context, as: .cookie))
        }
    }

    static func page(_ client: any TestClientProtocol, _ uri: String, language: String) async throws -> String {
        try await client.execute(uri: uri, method: .get, headers: [.acceptLanguage: language]) { response in
            #expect(response.status == .ok, "\(uri)")
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            return String(buffer: response.body)
        }
    }

    @Test func hoursPage_listsOperatorsWithTheirWeek_inBothLanguages() async throws {
        try await withApp { _, client in
            let italian = try await Self.page(client, "/availability/hours", language: "it")
            #expect(italian.contains("<h1>Orari di lavoro</h1>"))
            #expect(italian.contains(#"name="operatorIDs" value="op-mario""#))
            #expect(italian.contains("Lun 08:00–12:00, 13:00–17:00"))
            #expect(italian.contains(#"name="d1-1-start" value="08:00""#))
            #expect(italian.contains("Imposta orari"))
            #expect(italian.contains("/assets/planner/planner-fetch.js?v="))
            #expect(italian.contains("/assets/planner/planner-pages.js?v="))
            let english = try await Self.page(client, "/availability/hours", language: "en")
            #expect(english.contains("Set hours"))
            #expect(english.contains("Mon 08:00–12:00, 13:00–17:00"))
            #expect(english.contains(#"<a href="/availability/hours" aria-current="page">Working hours</a>"#))
        }
    }

    @Test func linksPage_checksTheLinkedOperatorsAndGroups() async throws {
        try await withApp { fixture, client in
            try await fixture.addActivityType("at-repair", code: "REPAIR", name: "Repair")
            try await fixture.addActivityType("at-visit", code: "VISIT", name: "Visit")
            try await fixture.availability.setLinks(
                activityTypeID: "at-repair", SetActivityLinks(operatorIDs: ["op-lucia"], groups: ["Technicians"]))
            let html = try await Self.page(client, "/availability/links", language: "en")
            let repair = try #require(html.range(of: #"data-activity-type="at-repair""#))
            let visit = try #require(html.range(of: #"data-activity-type="at-visit""#))
            let repairForm = String(html[repair.lowerBound..<visit.lowerBound])
            #expect(repairForm.contains(#"value="op-lucia" checked"#))
            #expect(repairForm.contains(#"value="op-mario">"#))
            #expect(repairForm.contains(#"value="Technicians" checked"#))
            #expect(!repairForm.contains("Open to everybody"))
            #expect(String(html[visit.lowerBound...]).contains("Open to everybody"))
        }
    }

    @Test func presencesPage_describesRulesAndOffersGeneration() async throws {
        try await withApp { fixture, client in
            _ = try await fixture.availability.addPresenceRule(
                NewPresenceRule(
                    operatorID: "op-lucia", zone: "Bergamo", frequency: .weekly, interval: 2, weekdays: [1, 3],
                    start: LocalTime(hour: 9), end: LocalTime(hour: 13),
                    validFrom: try #require(LocalDate("2030-03-04")),
                    validTo: LocalDate("2030-06-30")))
            let italian = try await Self.page(client, "/availability/presences", language: "it")
            #expect(italian.contains("Ogni 2 settimane: Lun, Mer"))
            #expect(italian.contains("dal 04/03/2030 al 30/06/2030"))
            #expect(italian.contains("09:00–13:00"))
            #expect(italian.contains("Genera ricorrenze"))
            #expect(italian.contains(#"id="generate-progress""#))
            let english = try await Self.page(client, "/availability/presences", language: "en")
            #expect(english.contains("Every 2 weeks: Mon, Wed"))
            #expect(english.contains("from 2030-03-04 to 2030-06-30"))
            // The defaults of a new operator are valid always.
            #expect(english.contains("Every day: Mon, Tue, Wed, Thu, Fri"))
        }
    }

    @Test func absencesPage_listsHolidaysAndAbsencesAhead() async throws {
        try await withApp { fixture, client in
            _ = try await fixture.availability.addHoliday(
                NewHoliday(day: try #require(LocalDate("2030-04-25")), name: "Liberazione"))
            _ = try await fixture.availability.addAbsence(
                AbsenceInput(
                    operatorID: "op-lucia", firstDay: LocalDate("2030-03-19"),
                    lastDay: LocalDate("2030-03-20"), reason: "Corso <sicurezza>"))
            let italian = try await Self.page(client, "/availability/absences", language: "it")
            #expect(italian.contains("25/04/2030"))
            #expect(italian.contains("Liberazione"))
            #expect(italian.contains("Lucia Bianchi"))
            #expect(italian.contains("19/03/2030 – 20/03/2030"))
            #expect(italian.contains("Corso &lt;sicurezza&gt;"))
            #expect(!italian.contains("<sicurezza>"))
            #expect(italian.contains(#"data-delete="/api/holidays/2030-04-25""#))
            let english = try await Self.page(client, "/availability/absences", language: "en")
            #expect(english.contains("2030-03-19 – 2030-03-20"))
            #expect(english.contains("Add absence"))
        }
    }

    @Test func board_linksThePagesAndOffersSuggestions() async throws {
        try await withApp { fixture, client in
            try await fixture.openTicket("t1", number: "TCK/2030/000001")
            let html = try await Self.page(client, "/board?date=2030-03-18", language: "en")
            for path in [
                "/availability/hours", "/availability/links", "/availability/presences", "/availability/absences"
            ] {
                #expect(html.contains(#"href="\#(path)""#), "\(path)")
            }
            #expect(html.contains(#"<a href="/board" aria-current="page">Planner</a>"#))
            // Each row is named after its operator (a row's `name` once printed the word "name").
            #expect(html.contains(#"<span class="planner__person">Mario Rossi</span>"#))
            #expect(html.contains(#"data-name="Lucia Bianchi""#))
            #expect(html.contains(#"data-suggest="t1""#))
            #expect(html.contains("Suggest slots for TCK/2030/000001"))
            #expect(html.contains(#"id="suggestions""#))
            // planner-fetch.js comes first: board.js calls it.
            let fetchScript = try #require(html.range(of: "planner-fetch.js"))
            let boardScript = try #require(html.range(of: "board.js"))
            #expect(fetchScript.lowerBound < boardScript.lowerBound)
        }
    }

    @Test func everyWord_existsInBothLanguages() {
        #expect(PlannerStrings.all.missingKeys(in: .it).isEmpty)
        #expect(PlannerStrings.all.missingKeys(in: .en).isEmpty)
    }

    @Test func fetchHelper_sendsTheCSRFTokenOnUnsafeRequestsOnly() async throws {
        try await withApp { _, client in
            try await client.execute(uri: "/assets/planner/planner-fetch.js", method: .get) { response in
                #expect(response.status == .ok)
                let script = String(buffer: response.body)
                #expect(script.contains(#"meta[name="arianna-csrf"]"#))
                #expect(script.contains("X-CSRF-Token"))
                #expect(script.contains("GET|HEAD|OPTIONS|TRACE"))
            }
        }
    }

    @Test func suggestions_reasonsFollowTheRequestsLanguage() async throws {
        try await withApp { fixture, client in
            try await fixture.generatePresences(from: "2030-03-01", to: "2030-03-31")
            try await fixture.openTicket("t1", number: "TCK/2030/000001")
            try await client.execute(
                uri: "/api/queue/t1/suggestions?limit=1", method: .get, headers: [.acceptLanguage: "it"]
            ) { response in
                #expect(String(buffer: response.body).contains("libero il 18/03/2030 dalle 08:00"))
            }
            try await client.execute(
                uri: "/api/queue/t1/suggestions?limit=1", method: .get, headers: [.acceptLanguage: "en"]
            ) { response in
                #expect(String(buffer: response.body).contains("free on 2030-03-18 from 08:00"))
            }
        }
    }
}
