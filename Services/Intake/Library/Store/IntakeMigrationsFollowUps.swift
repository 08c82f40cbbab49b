import GRDB

extension IntakeMigrations {
    /// A follow-up remembers the day of the month its series started on, so month steps do not
    /// drift (31 Jan → 28 Feb → 31 Mar).
    static func registerFollowUpAnchor(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("intake.followup-anchor") { db in
            try db.execute(sql: "ALTER TABLE ticket ADD COLUMN seriesAnchorDay INTEGER")
        }
    }
}
