public import Foundation

/// A half-open interval of time [start, end): an appointment that ends at 10:00 and one that
/// starts at 10:00 touch but do not overlap.
public struct TimeSlot: Sendable, Equatable, Codable {
    public var start: Date
    public var end: Date

    public init(start: Date, end: Date) {
        self.start = start
        self.end = end
    }

    public init(start: Date, minutes: Int) {
        self.init(start: start, end: start.addingTimeInterval(TimeInterval(minutes * 60)))
    }

    public func overlaps(_ other: TimeSlot) -> Bool {
        start < other.end && other.start < end
    }

    public var minutes: Int { Int(end.timeIntervalSince(start) / 60) }
}
