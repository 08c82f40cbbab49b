import Foundation
import GRDB
import PlannerDomain
import ServiceKit

/// Reads what the availability pages show (R6–R9) in one snapshot: operators with their working
/// hours, activity types with their links, presence rules, holidays and absences from a day on.
struct AvailabilityPageReader: Sendable {
    /// The planner's store (read-only use).
    let database: ServiceDatabase

    /// Everything the four pages need; `from` bounds holidays and absences (older ones are
    /// history nobody edits).
    struct Snapshot: Sendable {
        /// Every operator, by name: the hours and links pages list them.
        var operators: [OperatorRecord]
        /// Each operator's working week, by operator id.
        var hours: [String: [WorkingHoursRecord]]
        /// The active activity types, by name: the links page lists them.
        var activityTypes: [ActivityTypeRecord]
        /// Each activity type's links, by type id.
        var links: [String: [OperatorLinkRecord]]
        /// Every presence rule, by operator and first day.
        var rules: [PresenceRuleRecord]
        /// The company holidays from the first shown day on.
        var holidays: [HolidayRecord]
        /// The absences that end after the first shown instant.
        var absences: [AbsenceRecord]
        /// The newest generation job, so a reloaded page can show a run still going.
        var lastJob: GenerationJobRecord?
    }

    /// Reads the pages' data in one read transaction, so they agree with each other.
    func snapshot(from: Date, fromDay: LocalDate) async throws -> Snapshot {
        try await database.read { db in
            let operators = try OperatorRecord.order(OperatorRecord.Columns.name).fetchAll(db)
            let hours =
                try WorkingHoursRecord
                .order(WorkingHoursRecord.Columns.weekday, WorkingHoursRecord.Columns.start).fetchAll(db)
            let links = try OperatorLinkRecord.fetchAll(db)
            return Snapshot(
                operators: operators,
                hours: Dictionary(grouping: hours, by: \.operatorID),
                activityTypes: try ActivityTypeRecord.filter(ActivityTypeRecord.Columns.active == true).order(
                    ActivityTypeRecord.Columns.name
                ).fetchAll(db),
                links: Dictionary(grouping: links, by: \.activityTypeID),
                rules: try PresenceRuleRecord.order(
                    PresenceRuleRecord.Columns.operatorID, PresenceRuleRecord.Columns.validFrom
                ).fetchAll(db),
                holidays: try HolidayRecord.filter(HolidayRecord.Columns.day >= fromDay).order(
                    HolidayRecord.Columns.day
                ).fetchAll(db),
                absences: try AbsenceRecord.filter(AbsenceRecord.Columns.end > from).order(AbsenceRecord.Columns.start)
                    .fetchAll(db),
                lastJob: try GenerationJobRecord.order(GenerationJobRecord.Columns.createdAt.desc).fetchOne(db))
        }
    }
}
