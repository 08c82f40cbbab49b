public import Foundation

/// One stretch of work on site, with the travel that led to it (R18). The report's worked
/// minutes are the sum of its sessions, computed and never typed.
public struct WorkSession: Codable, Sendable, Equatable {
    /// When work started.
    public var start: Date
    /// When work ended; strictly after `start`.
    public var end: Date
    /// Travel time for this session, in minutes (zero or more).
    public var travelMinutes: Int

    /// Memberwise; rules are checked when the event is decoded, not here.
    public init(start: Date, end: Date, travelMinutes: Int) {
        self.start = start
        self.end = end
        self.travelMinutes = travelMinutes
    }

    /// Whole minutes between start and end, rounded to the nearest minute.
    public var workedMinutes: Int {
        Int((end.timeIntervalSince(start) / 60).rounded())
    }
}

extension WorkSession: PayloadValidating {
    /// A work session ends after it starts, and its travel time is not negative.
    func validate(_ check: inout PayloadCheck) {
        check.ordered(start, end, "start", "end")
        check.nonNegative(travelMinutes, "travelMinutes")
    }
}
