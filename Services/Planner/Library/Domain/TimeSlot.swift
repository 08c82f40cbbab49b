public import Foundation

/// A half-open interval of time [start, end): an appointment that ends at 10:00 and one that
/// starts at 10:00 touch but do not overlap.
public struct TimeSlot: Sendable, Equatable, Codable {
    /// When the interval begins (included).
    public var start: Date
    /// When it ends (excluded).
    public var end: Date

    /// The interval [start, end).
    public init(start: Date, end: Date) {
        self.start = start
        self.end = end
    }

    /// The interval of `minutes` from `start`.
    public init(start: Date, minutes: Int) {
        self.init(start: start, end: start.addingTimeInterval(TimeInterval(minutes * 60)))
    }

    /// Whether the two share any instant; touching intervals do not.
    public func overlaps(_ other: TimeSlot) -> Bool {
        start < other.end && other.start < end
    }

    /// How long it lasts, in whole minutes.
    public var minutes: Int { Int(end.timeIntervalSince(start) / 60) }
}
