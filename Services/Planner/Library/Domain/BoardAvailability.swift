import Foundation

/// What the board needs to know about availability to shade its cells: white where the operator
/// is present (R8) within their working hours (R6), grey for company holidays and the operator's
/// absences (R9), a lighter "off duty" shade elsewhere.
///
/// It is built from the availability tables by `BoardReader`; it only colours cells and never
/// decides whether an appointment fits — the scheduling rules do that inside the write
/// transaction, so a stale page can only ever be refused, not overbooked.
package struct BoardAvailability: Sendable {
    /// A stretch of time someone is away, with the words the board shows for it.
    package struct Block: Sendable, Equatable {
        /// When the operator is away.
        package var slot: TimeSlot
        /// The holiday's name or the absence's reason: the grey cells' tooltip.
        package var reason: String

        /// A grey stretch of the board: `slot` away, for `reason`.
        package init(slot: TimeSlot, reason: String) {
            self.slot = slot
            self.reason = reason
        }
    }

    /// Whether presences decide white at all. The scheduling rules require a presence, so the
    /// store always says yes; `unknown` (every cell white) serves tests of the layout alone.
    package var tracksPresence: Bool
    /// Per operator: when they are present and working, merged and sorted.
    package var present: [String: [TimeSlot]]
    /// Per operator: their absences.
    package var absences: [String: [Block]]
    /// Company holidays: grey for everyone.
    package var holidays: [Block]
    /// The earliest start and latest end of the shown operators' working hours, in minutes after
    /// midnight, so the grid covers the whole working day.
    package var workingWindow: ClosedRange<Int>?

    /// The availability `BoardReader` read for the shown operators and days.
    package init(
        tracksPresence: Bool, present: [String: [TimeSlot]], absences: [String: [Block]], holidays: [Block],
        workingWindow: ClosedRange<Int>?
    ) {
        self.tracksPresence = tracksPresence
        self.present = present
        self.absences = absences
        self.holidays = holidays
        self.workingWindow = workingWindow
    }

    /// Nothing known: every cell white.
    package static let unknown = BoardAvailability(
        tracksPresence: false, present: [:], absences: [:], holidays: [], workingWindow: nil)

    /// How a cell looks.
    package enum Shade: String, Sendable, Codable {
        /// Present: white, appointments welcome.
        case present
        /// Holiday or absence: grey, the rules refuse it.
        case absent
        /// Neither present nor absent (outside presences or working hours): the rules refuse it too.
        case away
    }

    /// The shade of `slot` for `operatorID`, and the reason when it is grey.
    package func shade(of slot: TimeSlot, for operatorID: String) -> (Shade, String?) {
        if let holiday = holidays.first(where: { $0.slot.overlaps(slot) }) { return (.absent, holiday.reason) }
        if let absence = absences[operatorID]?.first(where: { $0.slot.overlaps(slot) }) {
            return (.absent, absence.reason)
        }
        guard tracksPresence else { return (.present, nil) }
        let covered = IntervalMath.contains(present[operatorID] ?? [], slot)
        return (covered ? .present : .away, nil)
    }
}
