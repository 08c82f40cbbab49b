import Foundation
import GRDB

extension IntakeStore {
    /// Activity types a user may see and search (R4): those of `practiceIDs` plus those without a
    /// practice; every type when `practiceIDs` is nil (an administrator, an API client, or a
    /// user with no practice assigned).
    public func activityTypes(visibleTo practiceIDs: [String]?) async throws -> [ActivityTypeRecord] {
        try await database.read { db in
            try ActivityTypeRecord.order(ActivityTypeRecord.Columns.code).fetchAll(db).filter { type in
                guard let practiceIDs, let practice = type.practiceID else { return true }
                return practiceIDs.contains(practice)
            }
        }
    }
}
