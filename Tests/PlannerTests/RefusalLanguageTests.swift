import Foundation
import Hummingbird
import HummingbirdTesting
import PlannerDomain
import ServiceTestSupport
import Testing

@testable import PlannerService
@testable import ServiceKit

/// Every refusal a back-office user can see, in Italian and in English (issue: Italian refusal
/// messages), and the API choosing between them by the request's language.
@Suite struct RefusalLanguageTests {
    static let rome = TimeZone(identifier: "Europe/Rome") ?? .gmt
    /// Monday 2030-03-04 10:00 in Rome.
    static let ten = Date(timeIntervalSince1970: 1_898_845_200)
    static let day = LocalDate(containing: ten, in: rome)

    static func slot(_ fromMinutes: Int, _ toMinutes: Int) -> TimeSlot {
        TimeSlot(
            start: ten.addingTimeInterval(Double(fromMinutes * 60)), end: ten.addingTimeInterval(Double(toMinutes * 60))
        )
    }

    /// Each scheduling refusal with its expected Italian and English sentence.
    static let refusals: [(SchedulingRefusal, String, String)] = [
        (.endNotAfterStart, "L'appuntamento deve finire dopo l'inizio.", "The appointment must end after it starts."),
        (
            .tooLong(minutes: 14 * 60 + 5),
            "Un appuntamento può durare al massimo 12 ore; questo dura 14 h 5 min.",
            "An appointment can last at most 12 hours; this one lasts 14 h 5 min."
        ),
        (
            .unknownOperator("op-x"), "Nel planner non c'è l'operatore 'op-x'.",
            "There is no operator 'op-x' in the planner."
        ),
        (
            .inactiveOperator("Mario Rossi"),
            "Mario Rossi non è più attivo e non può ricevere appuntamenti.",
            "Mario Rossi is no longer active and cannot receive appointments."
        ),
        (
            .overlaps(operatorName: "Mario Rossi", title: "TCK/2030/000007", slot: slot(0, 90)),
            "Mario Rossi ha già TCK/2030/000007 dalle 10:00 alle 11:30 del 04/03/2030.",
            "Mario Rossi already has TCK/2030/000007 from 10:00 to 11:30 on 2030-03-04."
        ),
        (
            .notLinked(operatorName: "Mario Rossi", activityName: "Riparazione"),
            "Mario Rossi non è collegato a Riparazione.", "Mario Rossi is not linked to Riparazione."
        ),
        (
            .holiday(day: day, name: "Festa"), "Il 04/03/2030 è una festività aziendale (Festa).",
            "2030-03-04 is a company holiday (Festa)."
        ),
        (
            .absent(operatorName: "Lucia Bianchi", day: day, reason: "Corso"),
            "Lucia Bianchi è assente il 04/03/2030 (Corso).", "Lucia Bianchi is absent on 2030-03-04 (Corso)."
        ),
        (
            .notPresent(operatorName: "Mario Rossi", at: ten),
            "Mario Rossi non è presente il 04/03/2030 alle 10:00.", "Mario Rossi is not present on 2030-03-04 at 10:00."
        ),
        (
            .partlyPresent(operatorName: "Mario Rossi", presence: slot(-120, 30), slot: slot(0, 60)),
            "Mario Rossi il 04/03/2030 è presente solo dalle 08:00 alle 10:30; l'appuntamento va dalle 10:00 alle 11:00.",
            "Mario Rossi is present on 2030-03-04 only from 08:00 to 10:30; the appointment runs from 10:00 to 11:00."
        ),
        (
            .outsideWorkingHours(
                operatorName: "Mario Rossi", day: day, hours: [slot(-120, 120), slot(180, 420)], slot: slot(120, 180)),
            "Mario Rossi il 04/03/2030 lavora solo 08:00–12:00 e 13:00–17:00; 12:00–13:00 è fuori da quell'orario.",
            "Mario Rossi works on 2030-03-04 only 08:00–12:00 and 13:00–17:00; 12:00–13:00 is outside those hours."
        ),
        (
            .outsideWorkingHours(operatorName: "Mario Rossi", day: day, hours: [], slot: slot(0, 60)),
            "Mario Rossi non lavora di lunedì 04/03/2030.", "Mario Rossi does not work on Monday 2030-03-04."
        )
    ]

    @Test func schedulingRefusals_readInItalianAndEnglish() {
        for (refusal, italian, english) in Self.refusals {
            #expect(refusal.message(in: Self.rome, language: .it) == italian)
            #expect(refusal.message(in: Self.rome, language: .en) == english)
            #expect(PlannerError.refused(refusal).message(in: Self.rome, language: .it) == italian)
        }
    }

    @Test func plannerErrors_readInItalianAndEnglish() {
        let cases: [(PlannerError, String, String)] = [
            (
                .ticketNotFound("t9"), "Nella coda del planner non c'è la chiamata 't9'.",
                "There is no call 't9' in the planner's queue."
            ),
            (
                .ticketNotUnscheduled(number: "TCK/1", state: .closed), "La chiamata TCK/1 è già chiusa.",
                "Call TCK/1 is already closed."
            ),
            (
                .ticketNotUnscheduled(number: "TCK/1", state: .scheduled),
                "La chiamata TCK/1 è già pianificata; sposta il suo appuntamento.",
                "Call TCK/1 is already scheduled; move its appointment instead."
            ),
            (.appointmentNotFound("a1"), "Non esiste l'appuntamento 'a1'.", "There is no appointment 'a1'."),
            (
                .appointmentCancelled("a1"),
                "L'appuntamento 'a1' è stato annullato e non può più cambiare.",
                "Appointment 'a1' was cancelled and can no longer change."
            ),
            (
                .missingField(Wording(it: "Manca il titolo.", en: "The title is missing.")), "Manca il titolo.",
                "The title is missing."
            )
        ]
        for (error, italian, english) in cases {
            #expect(error.message(in: Self.rome, language: .it) == italian)
            #expect(error.message(in: Self.rome, language: .en) == english)
        }
    }

    @Test func availabilityErrors_readInItalianAndEnglish() {
        let cases: [(AvailabilityError, String, String)] = [
            (
                .operatorsNotFound(["op-x"]), "Nel planner non c'è l'operatore 'op-x'.",
                "There is no operator 'op-x' in the planner."
            ),
            (
                .operatorsNotFound(["op-x", "op-y"]),
                "Nel planner non ci sono gli operatori 'op-x', 'op-y'.",
                "There are no operators 'op-x', 'op-y' in the planner."
            ),
            (
                .activityTypeNotFound("at-x"), "Nel planner non c'è il tipo di attività 'at-x'.",
                "There is no activity type 'at-x' in the planner."
            ),
            (
                .presenceRuleNotFound("r1"), "Non esiste la ricorrenza di presenza 'r1'.",
                "There is no presence rule 'r1'."
            ),
            (
                .holidayNotFound(Self.day), "Il 04/03/2030 non è una festività aziendale.",
                "2030-03-04 is not a company holiday."
            ),
            (
                .holidayExists(day: Self.day, name: "Festa"),
                "Il 04/03/2030 è già una festività aziendale (Festa); modificala invece di aggiungerla di nuovo.",
                "2030-03-04 is already a company holiday (Festa); change it instead of adding it again."
            ),
            (.absenceNotFound("b1"), "Non esiste l'assenza 'b1'.", "There is no absence 'b1'."),
            (
                .absenceOverlaps(operatorName: "Lucia Bianchi", existing: Self.slot(0, 60), reason: "Corso"),
                "Lucia Bianchi è già assente dal 04/03/2030 10:00 al 04/03/2030 11:00 (Corso); modifica quell'assenza.",
                "Lucia Bianchi is already absent from 2030-03-04 10:00 to 2030-03-04 11:00 (Corso); change that absence instead."
            ),
            (.generationJobNotFound("j1"), "Non esiste la generazione 'j1'.", "There is no generation job 'j1'."),
            (
                .generationRunning(jobID: "j1"),
                "Le presenze sono già in generazione (job j1); attendi che finisca.",
                "Presences are already being generated (job j1); wait for it to finish."
            )
        ]
        for (error, italian, english) in cases {
            #expect(error.message(in: Self.rome, language: .it) == italian)
            #expect(error.message(in: Self.rome, language: .en) == english)
        }
    }

    /// Every validation refusal of the availability inputs has a real Italian sentence.
    @Test func validationRefusals_haveBothLanguages() throws {
        func refusal(_ work: () throws -> Void) -> Wording? {
            do { try work() } catch let error as AvailabilityError {
                if case .invalid(let wording) = error { return wording }
            } catch {}
            return nil
        }
        let monday = try #require(LocalDate("2030-03-04"))
        let found: [Wording?] = [
            refusal { _ = try SetWorkingHours(operatorIDs: [], week: [:]).validated() },
            refusal { _ = try SetWorkingHours(operatorIDs: ["a"], week: ["9": []]).validated() },
            refusal { _ = try SetActivityLinks(groups: [" "]).validatedGroups() },
            refusal {
                _ = try NewPresenceRule(
                    operatorID: "a", zone: " ", frequency: .daily, start: LocalTime(hour: 8),
                    end: LocalTime(hour: 9), validFrom: monday
                ).validated()
            },
            refusal {
                _ = try NewPresenceRule(
                    operatorID: "a", zone: "Como", frequency: .weekly, start: LocalTime(hour: 8),
                    end: LocalTime(hour: 9), validFrom: monday
                ).validated()
            },
            refusal {
                _ = try NewPresenceRule(
                    operatorID: "a", zone: "Como", frequency: .monthly, start: LocalTime(hour: 8),
                    end: LocalTime(hour: 9), validFrom: monday
                ).validated()
            },
            refusal { try GeneratePresences(from: monday.adding(days: 1), to: monday).validate() },
            refusal { _ = try HolidayName(name: "").validated() },
            refusal { _ = try AbsenceInput(operatorID: "a", reason: "x").validated(in: Self.rome) }
        ]
        #expect(found.count == 9)
        for wording in found {
            let wording = try #require(wording)
            #expect(!wording.it.isEmpty && !wording.en.isEmpty && wording.it != wording.en)
        }
        #expect(
            found[4]?.it
                == "Una ricorrenza settimanale ha bisogno di almeno un giorno della settimana (weekdays, 1 = lunedì).")
        #expect(found[4]?.en == "A weekly rule needs at least one weekday (weekdays, 1 = Monday).")
    }

    @Test func api_answersInTheRequestsLanguage() async throws {
        let fixture = try await PlannerFixture(generate: false)
        let app = Application(router: ServiceRuntime.buildRouter(PlannerService.definition, context: fixture.context))
        let body = ByteBuffer(string: #"{"operatorIDs":["op-ghost"],"week":{}}"#)
        try await app.test(.router) { anonymous in
            let client = anonymous.loggedIn(to: fixture.context)
            // No hint: Italian, the pages' default.
            try await client.execute(uri: "/api/working-hours", method: .put, body: body) { response in
                #expect(response.status == .notFound)
                #expect(String(buffer: response.body).contains("Nel planner non c'è l'operatore 'op-ghost'."))
            }
            try await client.execute(
                uri: "/api/working-hours", method: .put, headers: [.acceptLanguage: "en-GB,en;q=0.8"], body: body
            ) { response in
                #expect(String(buffer: response.body).contains("There is no operator 'op-ghost' in the planner."))
            }
            // The switcher's cookie wins over the browser.
            try await client.execute(
                uri: "/api/working-hours", method: .put, headers: [.acceptLanguage: "en", .cookie: "lang=it"],
                body: body
            ) { response in
                #expect(String(buffer: response.body).contains("Nel planner non c'è l'operatore 'op-ghost'."))
            }
            try await client.execute(uri: "/api/appointments/nope", method: .delete, headers: [.acceptLanguage: "it"]) {
                response in
                #expect(response.status == .notFound)
                #expect(String(buffer: response.body).contains("Non esiste l'appuntamento 'nope'."))
            }
        }
    }
}
