import AriannaProtocol
import Foundation
import ServiceKit
import ServiceTestSupport
import Testing
import WebReportDomain

@testable import WebReportService

/// The pure rules of a report (R18): sessions, totals, outcome and materials, each refusal in
/// Italian and English.
@Suite("Report rules")
struct ReportRulesTests {
    static func check(_ draft: ReportDraft, catalogue: ArticleCatalogue = .unknown) -> Result<
        CheckedReport, WebReportError
    > {
        ReportRules.check(draft, now: Instant.now, timeZone: rome, catalogue: catalogue)
    }

    static func problems(_ draft: ReportDraft, catalogue: ArticleCatalogue = .unknown) -> [Wording] {
        guard case .failure(.invalidReport(let problems)) = check(draft, catalogue: catalogue) else { return [] }
        return problems
    }

    @Test func totals_areComputedFromTheSessions_inStartOrder() throws {
        // Given two sessions typed in reverse order
        let draft = ReportDraft(sessions: ReportDraft.Session.morning.reversed(), workDone: " Replaced the pump ")

        // When checking
        let report = try Self.check(draft).get()

        // Then the sessions are ordered, and the totals are their sums
        #expect(report.sessions.map(\.start) == ReportDraft.Session.morning.map(\.start))
        #expect(report.workedMinutes == 95)
        #expect(report.travelMinutes == 20)
        #expect(report.workDone == "Replaced the pump")
        #expect(report.outcome == .completed)
        #expect(report.visitNote == nil)
    }

    @Test func aSessionEndingBeforeItStarts_isRefused_inBothLanguages() {
        let draft = ReportDraft(
            sessions: [.init(start: Instant.morningEnd, end: Instant.morningStart)], workDone: "Fixed")
        let problems = Self.problems(draft)
        #expect(
            problems == [
                Wording(
                    it: "Sessione 1: la fine (10:00) deve essere dopo l'inizio (11:30).",
                    en: "Session 1: the end (10:00) must be after the start (11:30).")
            ])
    }

    @Test func overlappingSessions_areRefused() {
        let draft = ReportDraft(
            sessions: [
                .init(start: Instant.morningStart, end: Instant.morningEnd),
                .init(
                    start: Instant.morningStart.addingTimeInterval(1800),
                    end: Instant.morningEnd.addingTimeInterval(600))
            ], workDone: "Fixed")
        #expect(Self.problems(draft).map(\.en) == ["Sessions 1 and 2 overlap."])
        #expect(Self.problems(draft).map(\.it) == ["Le sessioni 1 e 2 si sovrappongono."])
    }

    @Test func aSessionInTheFuture_isRefused() {
        let draft = ReportDraft(
            sessions: [.init(start: Instant.now.addingTimeInterval(-600), end: Instant.now.addingTimeInterval(3600))],
            workDone: "Fixed")
        #expect(Self.problems(draft).map(\.en) == ["Session 1 ends in the future (30/11/2026 13:45)."])
    }

    @Test func negativeTravel_isRefused() {
        let draft = ReportDraft(
            sessions: [.init(start: Instant.morningStart, end: Instant.morningEnd, travelMinutes: -5)],
            workDone: "Fixed")
        #expect(Self.problems(draft).map(\.en) == ["Session 1: travel must be between 0 and 1440 minutes."])
    }

    @Test func noSession_isRefused() {
        #expect(
            Self.problems(ReportDraft(sessions: [], workDone: "Fixed")).map(\.en) == ["Add at least one work session."])
    }

    @Test func anotherVisit_needsANote_andKeepsIt() throws {
        let without = ReportDraft(
            sessions: ReportDraft.Session.morning, workDone: "Diagnosed", outcome: .anotherVisitNeeded, visitNote: " ")
        #expect(
            Self.problems(without) == [
                Wording(it: "Spiega perché serve un'altra visita.", en: "Say why another visit is needed.")
            ])

        let with = ReportDraft(
            sessions: ReportDraft.Session.morning, workDone: "Diagnosed", outcome: .anotherVisitNeeded,
            visitNote: " The pump must be ordered ")
        let report = try Self.check(with).get()
        #expect(report.outcome == .anotherVisitNeeded)
        #expect(report.visitNote == "The pump must be ordered")
    }

    @Test func aCompletedReport_dropsAStrayNote() throws {
        let draft = ReportDraft(
            sessions: ReportDraft.Session.morning, workDone: "Done", outcome: .completed, visitNote: "left over")
        #expect(try Self.check(draft).get().visitNote == nil)
    }

    @Test(arguments: [0.0, -1.0, Double.nan])
    func aQuantityThatIsNotPositive_isRefused(quantity: Double) {
        let draft = ReportDraft(
            sessions: ReportDraft.Session.morning, workDone: "Fixed",
            materials: [.init(articleCode: "FILTER-01", quantity: quantity)])
        #expect(
            Self.problems(draft).map(\.en) == ["Material line 1 (FILTER-01): the quantity must be greater than zero."])
    }

    @Test func anUnknownCode_isRefused_onceACatalogueIsKnown() throws {
        let catalogue = ArticleCatalogue([
            .init(
                code: "FILTER-01", description: "Filtro caldaia", descriptionEN: "Boiler filter", unit: "pz",
                active: true),
            .init(code: "OLD-9", description: "Vecchio", descriptionEN: nil, unit: "pz", active: false)
        ])
        let draft = ReportDraft(
            sessions: ReportDraft.Session.morning, workDone: "Fixed",
            materials: [.init(articleCode: "NOPE", quantity: 1), .init(articleCode: "OLD-9", quantity: 1)])
        #expect(
            Self.problems(draft, catalogue: catalogue) == [
                Wording(
                    it: "Materiale 1: l'articolo NOPE non è nel catalogo.",
                    en: "Material line 1: article NOPE is not in the catalogue."),
                Wording(
                    it: "Materiale 2: l'articolo OLD-9 è fuori catalogo.",
                    en: "Material line 2: article OLD-9 has been retired from the catalogue.")
            ])

        // And a known code without a description takes the catalogue's
        let known = ReportDraft(
            sessions: ReportDraft.Session.morning, workDone: "Fixed",
            materials: [.init(articleCode: " FILTER-01 ", quantity: 2)])
        let report = try Self.check(known, catalogue: catalogue).get()
        #expect(
            report.materials == [MaterialLine(articleCode: "FILTER-01", description: "Filtro caldaia", quantity: 2)])
    }

    @Test func anyCode_isAccepted_whileNoCatalogueIsKnown() throws {
        let draft = ReportDraft(
            sessions: ReportDraft.Session.morning, workDone: "Fixed",
            materials: [.init(articleCode: "ANY-1", quantity: 1)])
        #expect(try Self.check(draft).get().materials.map(\.articleCode) == ["ANY-1"])
    }

    @Test func everyBrokenRule_isReported_atOnce() {
        let draft = ReportDraft(
            sessions: [.init(start: Instant.morningEnd, end: Instant.morningStart)], workDone: " ",
            materials: [.init(articleCode: "", quantity: 1)])
        #expect(Self.problems(draft).count == 3)
    }
}

@Suite("Who may touch an appointment")
struct AppointmentAccessTests {
    @Test func aTechnician_touchesOnlyTheirOwn() {
        #expect(AppointmentAccess.giulia.mayTouch(operator: "op-3"))
        #expect(!AppointmentAccess.giulia.mayTouch(operator: "op-4"))
        #expect(throws: WebReportError.notYourAppointment(user: "Giulia Bianchi")) {
            try AppointmentAccess.giulia.checkAppointment(of: "op-4")
        }
    }

    @Test func theBackOffice_touchesAnyone() {
        #expect(AppointmentAccess.backOffice.mayTouch(operator: "op-4"))
    }

    @Test func aUserWithoutOperator_touchesNobodys() {
        let nobody = AppointmentAccess(operatorID: nil, isBackOffice: false, name: "Anna")
        #expect(!nobody.mayTouch(operator: "op-3"))
    }
}

@Suite("To-do list days")
struct AgendaTests {
    @Test func aWeek_hasSevenDays_andOverdueWorkShowsUnderToday() {
        // Given an open item from yesterday, one today and one in three days
        let entries = [
            Agenda.Entry(at: Instant.morningStart.addingTimeInterval(-86_400), payload: "yesterday"),
            Agenda.Entry(at: Instant.morningStart, payload: "today"),
            Agenda.Entry(at: Instant.morningStart.addingTimeInterval(3 * 86_400), payload: "later")
        ]

        // When building the week from today
        let days = Agenda.days(entries, range: .week, from: Instant.now, now: Instant.now, timeZone: rome)

        // Then today comes first, with yesterday's item as overdue; the later one is on day 4
        #expect(days.count == 7)
        #expect(days[0].isToday)
        #expect(days[0].overdue.map(\.payload) == ["yesterday"])
        #expect(days[0].entries.map(\.payload) == ["today"])
        #expect(days[3].entries.map(\.payload) == ["later"])
        #expect(days.dropFirst().allSatisfy { !$0.isToday && $0.overdue.isEmpty })
    }

    @Test func aDay_isOneLocalDay() {
        let days = Agenda.days(
            [Agenda.Entry(at: Instant.afternoonStart, payload: 1)], range: .day, from: Instant.now, now: Instant.now,
            timeZone: rome)
        #expect(days.count == 1)
        #expect(days[0].entries.isEmpty)
    }
}
