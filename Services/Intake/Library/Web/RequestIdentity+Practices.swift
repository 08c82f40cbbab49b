import ServiceKit

extension Optional where Wrapped == RequestIdentity {
    /// The practices whose activity types the caller sees (R4): a user's own practices; nil —
    /// every practice — for a user with none set (an administrator) and for API clients.
    var visiblePracticeIDs: [String]? {
        guard let practices = self?.user?.practiceIDs, !practices.isEmpty else { return nil }
        return practices
    }
}
