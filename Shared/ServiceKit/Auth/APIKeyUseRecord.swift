import Foundation
import GRDB

/// One row of the kit table `apiKeyUse`: the last known use of one API key on one service.
struct APIKeyUseRecord: Codable, FetchableRecord, PersistableRecord {
    /// The kit table this record reads and writes.
    static let databaseTableName = "apiKeyUse"

    /// Intake's key id.
    var keyID: String
    /// The service the key was used on (`ServiceDefinition.name`).
    var service: String
    /// The latest use reported for the key on that service.
    var lastUsedAt: Date

    /// The uses' columns, for type-checked queries.
    enum Columns {
        /// `lastUsedAt`: only ever moved later, whatever order the uses arrive in.
        static let lastUsedAt = Column(CodingKeys.lastUsedAt)
    }
}
