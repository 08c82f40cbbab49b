public import AriannaProtocol
public import Foundation
public import ServiceKit
import Synchronization

/// The fixed moments the test scenarios happen at, whole milliseconds (or, for `ticketOpened`,
/// a fraction that the millisecond wire format keeps), so they survive an event's round trip.
/// A test target that runs "now" at its own moment adds `static let now` in an extension.
public enum Instant {
    /// 2026-11-29T10:15:00.123Z: the call comes in and the ticket is opened.
    public static let ticketOpened = Date(timeIntervalSinceReferenceDate: 817_640_100.123)
    /// 2026-11-30T09:00:00Z (10:00 in Rome): the first appointment starts.
    public static let morningStart = Date(timeIntervalSinceReferenceDate: 817_722_000)
    /// 2026-11-30T10:30:00Z (11:30 in Rome): the first appointment ends.
    public static let morningEnd = Date(timeIntervalSinceReferenceDate: 817_727_400)
    /// 2026-11-30T11:45:00Z (12:45 in Rome): the technician closes the intervention.
    public static let interventionClosed = Date(timeIntervalSinceReferenceDate: 817_731_900)
    /// 2026-12-01T14:00:00Z (15:00 in Rome): the moved appointment starts.
    public static let afternoonStart = Date(timeIntervalSinceReferenceDate: 817_826_400)
    /// 2026-12-01T15:30:00Z (16:30 in Rome): the moved appointment ends.
    public static let afternoonEnd = Date(timeIntervalSinceReferenceDate: 817_831_800)
    /// 2026-12-31T23:30:00Z: still 2026 in UTC, already 2027 in Rome (yearly numbering).
    public static let newYearsEveUTC = Date(timeIntervalSinceReferenceDate: 820_452_600)
}

/// The company's time zone in every scenario.
public let rome = TimeZone(identifier: "Europe/Rome")!

/// Predictable ids for a service under test: `prefix-1`, `prefix-2`…
public final class SequentialIDs: Sendable {
    private let counter = Mutex(0)
    /// What every id starts with (`evt`, `doc`…), so a test tells the sequences apart.
    public let prefix: String

    /// A sequence whose first id is `prefix-1`.
    public init(_ prefix: String) { self.prefix = prefix }

    /// The sequence as the `IDGenerator` a `ServiceContext` or a handler takes.
    public var generator: IDGenerator {
        IDGenerator { [self] in
            let next = counter.withLock { value in
                value += 1
                return value
            }
            return "\(prefix)-\(next)"
        }
    }
}

extension CustomerRef {
    /// The customer of every scenario, Rossi Impianti, with an address for its emails.
    public static func mock(id: String = "cus-42", email: String? = "facilities@rossi.example") -> CustomerRef {
        CustomerRef(id: id, name: "Rossi Impianti S.r.l.", email: email)
    }
}
