import Foundation
import GRDB

extension TicketRecord {
    /// Writes what closing the ticket by an intervention changes (operator in charge, state,
    /// closing time, report, worked minutes, activity state) through one statement compiled once
    /// per connection. A backlog of closed interventions is applied by the hundred in one
    /// transaction, and GRDB's `update(db)` encoded every property and built a new statement each
    /// time — a third of the handler in the profile (issue 15). The other columns are not changed
    /// by closing, so the row ends as `update(db)` left it (dates as GRDB's text).
    func saveClosing(in db: Database) throws {
        // Raw SQL stays: one statement compiled per connection, hot (issue 15, above).
        let statement = try db.cachedStatement(
            sql: """
                UPDATE ticket SET assignedOperatorID = ?, state = ?, closedAt = ?, reportID = ?, workedMinutes = ?, stateID = ?
                WHERE id = ?
                """)
        let values: [(any DatabaseValueConvertible)?] = [
            assignedOperatorID, state.rawValue, closedAt, reportID, workedMinutes, stateID, id
        ]
        try statement.execute(arguments: StatementArguments(values))
    }

    /// Writes only the operator in charge, for an intervention that does not close the ticket.
    func saveAssignedOperator(in db: Database) throws {
        // Raw SQL stays: one statement compiled per connection, hot (issue 15, above).
        let statement = try db.cachedStatement(sql: "UPDATE ticket SET assignedOperatorID = ? WHERE id = ?")
        try statement.execute(arguments: [assignedOperatorID, id])
    }
}
