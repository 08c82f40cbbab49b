import Foundation

/// When a transiently failed email is tried again, and when we stop trying.
///
/// Exponential backoff rides out a mail server that is down for minutes or hours without
/// hammering it; jitter spreads the retries of a burst that failed together, so they do not all
/// hit the server again in the same second; after `maxAttempts` the job is marked failed so the
/// back office sees it on the outbox page instead of it retrying forever.
struct RetryPolicy: Sendable, Equatable {
    /// Wait after the first failure; doubled after each further one.
    var firstDelay: Duration = .seconds(30)
    /// The longest wait between two attempts.
    var maxDelay: Duration = .seconds(3600)
    /// Attempts (including the first) before the job is given up.
    var maxAttempts: Int = 10
    /// The wait is shortened by a random fraction up to this (0 = exact waits, for tests).
    var jitter: Double = 0.2

    /// When to try again after the `attempts`-th failed attempt, or `nil` to give up.
    func nextAttempt(afterFailedAttempts attempts: Int, at now: Date) -> Date? {
        guard attempts < maxAttempts else { return nil }
        let first = Self.seconds(firstDelay)
        let cap = Self.seconds(maxDelay)
        let exponent = Double(max(0, attempts - 1))
        let delay = min(first * pow(2, min(exponent, 40)), cap)
        let spread = jitter > 0 ? Double.random(in: 0...min(jitter, 1)) : 0
        return now.addingTimeInterval(delay * (1 - spread))
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
