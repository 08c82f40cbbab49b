import Foundation
import GRDB

extension NotificationStore {
    /// Whether a caller who sees only `practices` (nil: every practice) may see email `id`: an
    /// email about a ticket of another practice is hidden (R4) — its caller is answered as for an
    /// unknown id — while an email with no activity type, or of a type with no practice, is
    /// everyone's. True for an unknown id, which the route then answers 404 itself.
    func mayShow(email id: String, to practices: [String]?) async throws -> Bool {
        guard let practices else { return true }
        return try await database.read { db in
            guard
                let facts = try EmailJobRecord.filter(key: id).select(EmailJobRecord.Columns.facts, as: String.self)
                    .fetchOne(db),
                let typeID = try JSONDecoder().decode(ActivityTypeOfFacts.self, from: Data(facts.utf8)).activityTypeID,
                let practice = try ActivityTypeCopyRecord.fetchOne(db, key: typeID)?.practiceID
            else { return true }
            return practices.contains(practice)
        }
    }

    /// The one field of ``EmailFacts`` the practice depends on.
    private struct ActivityTypeOfFacts: Decodable {
        /// The ticket's activity type the email was written for, if any.
        var activityTypeID: String?
    }
}
