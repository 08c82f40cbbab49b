package import Foundation

/// When to refuse a login before even checking the password: after 5 failed attempts for one
/// user name within 15 minutes (since its last success), or 20 from one remote address.
/// Pure, so the rule is tested with plain dates.
package struct LoginThrottle: Sendable {
    /// How far back failures count.
    package var window: TimeInterval = 15 * 60
    /// Failures for one user name (since its last success) that stop further attempts.
    var perUsername = 5
    /// Failures from one remote address that stop further attempts.
    var perAddress = 20

    /// The rule as stated above: 5 per user name, 20 per address, in 15 minutes.
    package init() {}

    /// Minutes to wait (at least 1), or nil when the attempt may go ahead. `usernameFailures`
    /// and `addressFailures` are the failure times inside the window, in any order.
    package func wait(usernameFailures: [Date], addressFailures: [Date], now: Date) -> Int? {
        let until = [
            blockedUntil(usernameFailures, limit: perUsername), blockedUntil(addressFailures, limit: perAddress)
        ]
        .compactMap { $0 }.max()
        guard let until, until > now else { return nil }
        return max(1, Int((until.timeIntervalSince(now) / 60).rounded(.up)))
    }

    /// With `limit` or more failures, blocked until the `limit`-th most recent one leaves the window.
    private func blockedUntil(_ failures: [Date], limit: Int) -> Date? {
        guard failures.count >= limit else { return nil }
        let recent = failures.sorted(by: >)
        return recent[limit - 1].addingTimeInterval(window)
    }
}
