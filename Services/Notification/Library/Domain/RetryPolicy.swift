package import Foundation

/// When a transiently failed email is tried again, and when we stop trying.
///
/// Exponential backoff rides out a mail server that is down for minutes or hours without
/// hammering it; jitter spreads the retries of a burst that failed together, so they do not all
/// hit the server again in the same second; after `maxAttempts` the job is marked failed so the
/// back office sees it on the outbox page instead of it retrying forever.
package struct RetryPolicy: Sendable, Equatable {
    /// Wait after the first failure; doubled after each further one.
    package var firstDelay: Duration
    /// The longest wait between two attempts.
    package var maxDelay: Duration
    /// Attempts (including the first) before the job is given up.
    package var maxAttempts: Int
    /// The wait is shortened by a random fraction up to this (0 = exact waits, for tests).
    package var jitter: Double

    /// The policy the worker uses: by default 30 s doubling up to an hour, 10 attempts, 20 % jitter.
    package init(
        firstDelay: Duration = .seconds(30), maxDelay: Duration = .seconds(3600), maxAttempts: Int = 10,
        jitter: Double = 0.2
    ) {
        self.firstDelay = firstDelay
        self.maxDelay = maxDelay
        self.maxAttempts = maxAttempts
        self.jitter = jitter
    }

    /// When to try again after the `attempts`-th failed attempt, or `nil` to give up.
    package func nextAttempt(afterFailedAttempts attempts: Int, at now: Date) -> Date? {
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
