import AriannaProtocol
import Foundation
import ServiceTestSupport
import Testing

/// The members added to `intervention.closed.v1` and `ticket.closed.v1` after v1 shipped
/// (outcome, sessions, travel, signature, report link): they round-trip, old payloads still
/// decode, and their rules send a bad payload to dead letter.
@Suite("intervention.closed.v1 outcome, sessions and travel")
struct InterventionOutcomeCodecTests {
    static func withSessions() -> InterventionClosed {
        var event = InterventionClosed.mock()
        event.sessions = [
            WorkSession(start: Instant.morningStart, end: Instant.morningEnd, travelMinutes: 20),  // 90 min
            WorkSession(
                start: Instant.morningEnd.addingTimeInterval(600), end: Instant.morningEnd.addingTimeInterval(900),
                travelMinutes: 0)  // 5 min
        ]
        event.workedMinutes = 95
        event.travelMinutes = 20
        event.outcome = .anotherVisitNeeded
        event.visitNote = "The spare part must be ordered"
        event.signedBy = "Luca Rossi"
        event.reportURL = "https://arianna.example/webreport/reports/rep-9/pdf"
        return event
    }

    @Test func decode_returnsEveryNewMember() throws {
        // Given an intervention with every member added after v1
        let event = Self.withSessions()
        let bytes = try EventCodec.encode(event, metadata: .mock(for: event))

        // When decoding it
        let received = try EventCodec.decode(bytes)

        // Then it comes back unchanged, with the outcome written as its wire name
        #expect(received.event == .interventionClosed(event))
        let data = try #require(try jsonObject(bytes)["data"] as? [String: Any])
        #expect(data["outcome"] as? String == "another-visit-needed")
        #expect((data["sessions"] as? [[String: Any]])?.count == 2)
    }

    @Test func decode_acceptsAnOldPayloadAndReadsItAsCompleted() throws {
        // Given a v1 payload from before the new members (the mock sets none of them)
        let event = InterventionClosed.mock()
        let bytes = try EventCodec.encode(event, metadata: .mock(for: event))
        #expect(try jsonObject(bytes)["data"].map { ($0 as? [String: Any])?["outcome"] == nil } == true)

        // When decoding it
        let received = try EventCodec.decode(bytes)

        // Then the outcome is absent and reads as completed
        guard case .interventionClosed(let decoded) = received.event else {
            Issue.record("expected an intervention, got \(received.event)")
            return
        }
        #expect(decoded.outcome == nil)
        #expect(decoded.effectiveOutcome == .completed)
        #expect(decoded.sessions == nil)
    }

    @Test func workSession_roundsToTheNearestMinute() {
        let session = WorkSession(
            start: Instant.morningStart, end: Instant.morningStart.addingTimeInterval(89 * 60 + 31), travelMinutes: 0)
        #expect(session.workedMinutes == 90)
    }

    /// One rule of the new members, broken on purpose.
    enum BrokenRule: String, CaseIterable, Sendable {
        case sessionEndsBeforeStart, negativeSessionTravel, workedMinutesNotTheSum, negativeTotalTravel,
            visitWithoutNote

        func apply(to event: inout InterventionClosed) {
            switch self {
            case .sessionEndsBeforeStart:
                event.sessions?[0] = WorkSession(start: Instant.morningEnd, end: Instant.morningStart, travelMinutes: 0)
            case .negativeSessionTravel: event.sessions?[1].travelMinutes = -1
            case .workedMinutesNotTheSum: event.workedMinutes = 96
            case .negativeTotalTravel: event.travelMinutes = -5
            case .visitWithoutNote: event.visitNote = "  "
            }
        }

        var reason: String {
            switch self {
            case .sessionEndsBeforeStart: "sessions[0].end must be after sessions[0].start"
            case .negativeSessionTravel: "sessions[1].travelMinutes must not be negative"
            case .workedMinutesNotTheSum: "workedMinutes must be the sum of the sessions' minutes"
            case .negativeTotalTravel: "travelMinutes must not be negative"
            case .visitWithoutNote: "visitNote must not be empty"
            }
        }
    }

    @Test(arguments: BrokenRule.allCases)
    func decode_rejectsABrokenRule(rule: BrokenRule) throws {
        // Given a valid intervention with one rule broken
        var event = Self.withSessions()
        rule.apply(to: &event)
        let bytes = try EventCodec.encode(event, metadata: .mock(for: event))

        // Then decoding rejects it naming the rule
        #expect(throws: EventDecodingError.invalidPayload(type: "intervention.closed.v1", reason: rule.reason)) {
            try EventCodec.decode(bytes)
        }
    }

    @Test func ticketClosed_carriesTravelMinutesAndRejectsNegativeOnes() throws {
        // Given a closed ticket with the travel of its intervention
        var ticket = TicketClosed.mock()
        ticket.travelMinutes = 30
        let bytes = try EventCodec.encode(ticket, metadata: .mock(for: ticket))

        // Then it round-trips
        #expect(try EventCodec.decode(bytes).event == .ticketClosed(ticket))

        // And a negative travel is refused
        ticket.travelMinutes = -1
        let bad = try EventCodec.encode(ticket, metadata: .mock(for: ticket))
        #expect(
            throws: EventDecodingError.invalidPayload(
                type: "ticket.closed.v1", reason: "travelMinutes must not be negative")
        ) {
            try EventCodec.decode(bad)
        }
    }
}
