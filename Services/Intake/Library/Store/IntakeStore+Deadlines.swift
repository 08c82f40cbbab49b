import Foundation
import GRDB

extension IntakeStore {
    /// Active task types (deadlines, R5), only of `practiceIDs` when given (R4).
    public func deadlineTypes(visibleTo practiceIDs: [String]?) async throws -> [ActivityTypeRecord] {
        try await database.read { db in
            try ActivityTypeRecord
                .filter(ActivityTypeRecord.Columns.active == true)
                .filter(Column("macroType") == ActivityMacroTypeName.task)
                .order(Column("name"))
                .fetchAll(db)
                .filter { type in
                    guard let practiceIDs, let practice = type.practiceID else { return true }
                    return practiceIDs.contains(practice)
                }
        }
    }

    /// The names of the active groups (R2), for the work list's choice.
    public func groupNames() async throws -> [String] {
        try await database.read { db in
            try OperatorGroupRecord.filter(OperatorGroupRecord.Columns.active)
                .order(OperatorGroupRecord.Columns.name)
                .select(OperatorGroupRecord.Columns.name, as: String.self).fetchAll(db)
        }
    }

    /// Active customers by name, for the deadline form's choice.
    public func activeCustomers(limit: Int = 1000) async throws -> [CustomerRecord] {
        try await database.read { db in
            try CustomerRecord.filter(Column("active") == true).order(Column("name")).limit(limit).fetchAll(db)
        }
    }
}

/// The stored name of the task macro type.
private enum ActivityMacroTypeName {
    /// A deadline's macro type: never queued for a visit.
    static let task = "task"
}
