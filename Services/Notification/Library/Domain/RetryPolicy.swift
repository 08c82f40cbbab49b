import Foundation

/// When a failed email is tried again, and when we stop trying.
///
/// Exponential backoff rides out a mail server that is down for minutes or hours without
/// hammering it; after `maxAttempts` the job is marked failed so the back office sees it in
/// `/api/emails` instead of it retrying forever.
struct RetryPolicy: Sendable, Equatable {
    /// Wait after the first failure; doubled after each further one.
    var firstDelay: Duration = .seconds(30)
    /// The longest wait between two attempts.
    var maxDelay: Duration = .seconds(3600)
    /// Attempts (including the first) before the job is given up.
    var maxAttempts: Int = 10

    /// When to try again after the `attempts`-th failed attempt, or `nil` to give up.
    func nextAttempt(afterFailedAttempts attempts: Int, at now: Date) -> Date? {
        guard attempts < maxAttempts else { return nil }
        let first = Double(firstDelay.components.seconds)
        let cap = Double(maxDelay.components.seconds)
        let exponent = Double(max(0, attempts - 1))
        let delay = min(first * pow(2, exponent), cap)
        return now.addingTimeInterval(delay)
    }
}
