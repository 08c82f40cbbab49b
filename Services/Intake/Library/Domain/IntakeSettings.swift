public import Foundation

/// How this company runs intake: which group new tickets go to and the company's time zone
/// (deadlines and follow-ups are computed in it).
public struct IntakeSettings: Sendable, Equatable {
    /// The back-office group of the activity types without their own (R11).
    public var backOfficeGroup: String
    /// The company's time zone: ticket numbers' years, deadlines and follow-ups are reckoned in it.
    public var timeZone: TimeZone

    /// The settings of a company; the defaults are the demo company's.
    public init(
        backOfficeGroup: String = "Back office", timeZone: TimeZone = TimeZone(identifier: "Europe/Rome") ?? .gmt
    ) {
        self.backOfficeGroup = backOfficeGroup
        self.timeZone = timeZone
    }

    /// The demo company's settings: the default wherever a caller gives none.
    public static let standard = IntakeSettings()
}
