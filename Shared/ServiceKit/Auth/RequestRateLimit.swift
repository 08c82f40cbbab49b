public import Foundation
import Synchronization

/// Per-key request budgets of one service process (`APIKeyGrant.requestsPerMinute`): a token
/// bucket per key holding at most a minute's requests and refilled evenly, so a key may burst up
/// to its limit and then goes at its steady rate. Kept in memory: a restart forgets the spent
/// budget, and each service counts its own requests (the limit is per service).
public final class RequestRateLimit: Sendable {
    /// One key's budget: the requests it may still make and when that was last worked out.
    struct Bucket {
        /// Requests still allowed right now (fractions refill over time).
        var tokens: Double
        /// When `tokens` was last worked out.
        var updatedAt: Date
    }

    private let buckets = Mutex<[String: Bucket]>([:])

    /// Empty buckets: every key starts with its full minute's budget.
    public init() {}

    /// Spends one request of `keyID` at `now` under a limit of `perMinute`; returns nil when it
    /// may go ahead, else how many whole seconds to wait (`Retry-After`, at least 1).
    public func spend(keyID: String, perMinute: Int, now: Date) -> Int? {
        let capacity = Double(max(perMinute, 1))
        let perSecond = capacity / 60
        return buckets.withLock { buckets in
            var bucket = buckets[keyID] ?? Bucket(tokens: capacity, updatedAt: now)
            let elapsed = max(0, now.timeIntervalSince(bucket.updatedAt))
            bucket.tokens = min(capacity, bucket.tokens + elapsed * perSecond)
            bucket.updatedAt = now
            defer { buckets[keyID] = bucket }
            if bucket.tokens >= 1 {
                bucket.tokens -= 1
                return nil
            }
            return max(1, Int(((1 - bucket.tokens) / perSecond).rounded(.up)))
        }
    }
}
