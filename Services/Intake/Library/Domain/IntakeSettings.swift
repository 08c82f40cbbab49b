public import Foundation

/// How this company runs intake: which group new tickets go to and the company's time zone
/// (deadlines and follow-ups are computed in it).
public struct IntakeSettings: Sendable, Equatable {
    /// The back-office group of the activity types without their own (R11).
    public var backOfficeGroup: String
    public var timeZone: TimeZone

    public init(backOfficeGroup: String = "Back office", timeZone: TimeZone = TimeZone(identifier: "Europe/Rome") ?? .gmt) {
        self.backOfficeGroup = backOfficeGroup
        self.timeZone = timeZone
    }

    public static let standard = IntakeSettings()
}
