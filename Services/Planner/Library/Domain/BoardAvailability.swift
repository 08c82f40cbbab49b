import Foundation

/// What the board needs to know about availability to shade its cells: white where the operator
/// is present (R8) within their working hours (R6), grey for company holidays and the operator's
/// absences (R9), a lighter "off duty" shade elsewhere.
///
/// It is built from the availability tables by `BoardReader`; it only colours cells and never
/// decides whether an appointment fits — the scheduling rules do that inside the write
/// transaction, so a stale page can only ever be refused, not overbooked.
struct BoardAvailability: Sendable {
    /// A stretch of time someone is away, with the words the board shows for it.
    struct Block: Sendable, Equatable {
        /// When the operator is away.
        var slot: TimeSlot
        /// The holiday's name or the absence's reason: the grey cells' tooltip.
        var reason: String
    }

    /// Whether presences decide white at all. The scheduling rules require a presence, so the
    /// store always says yes; `unknown` (every cell white) serves tests of the layout alone.
    var tracksPresence: Bool
    /// Per operator: when they are present and working, merged and sorted.
    var present: [String: [TimeSlot]]
    /// Per operator: their absences.
    var absences: [String: [Block]]
    /// Company holidays: grey for everyone.
    var holidays: [Block]
    /// The earliest start and latest end of the shown operators' working hours, in minutes after
    /// midnight, so the grid covers the whole working day.
    var workingWindow: ClosedRange<Int>?

    /// Nothing known: every cell white.
    static let unknown = BoardAvailability(
        tracksPresence: false, present: [:], absences: [:], holidays: [], workingWindow: nil)

    /// How a cell looks.
    enum Shade: String, Sendable, Codable {
        /// Present: white, appointments welcome.
        case present
        /// Holiday or absence: grey, the rules refuse it.
        case absent
        /// Neither present nor absent (outside presences or working hours): the rules refuse it too.
        case away
    }

    /// The shade of `slot` for `operatorID`, and the reason when it is grey.
    func shade(of slot: TimeSlot, for operatorID: String) -> (Shade, String?) {
        if let holiday = holidays.first(where: { $0.slot.overlaps(slot) }) { return (.absent, holiday.reason) }
        if let absence = absences[operatorID]?.first(where: { $0.slot.overlaps(slot) }) {
            return (.absent, absence.reason)
        }
        guard tracksPresence else { return (.present, nil) }
        let covered = IntervalMath.contains(present[operatorID] ?? [], slot)
        return (covered ? .present : .away, nil)
    }
}
