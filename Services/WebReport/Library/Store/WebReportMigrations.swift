import GRDB

/// Web-report's schema. Append-only: a change is a new migration, never an edit of a shipped one.
enum WebReportMigrations {
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("webreport.v1") { db in
            try db.execute(sql: """
                CREATE TABLE todoItem (
                    appointmentID TEXT PRIMARY KEY,
                    ticketID TEXT,
                    ticketNumber TEXT,
                    operatorID TEXT NOT NULL,
                    operatorName TEXT NOT NULL,
                    title TEXT NOT NULL,
                    customerID TEXT,
                    customerName TEXT,
                    start DATETIME NOT NULL,
                    "end" DATETIME NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('open', 'done', 'cancelled')),
                    updatedAt DATETIME NOT NULL
                );
                CREATE INDEX todoItem_operator ON todoItem(operatorID, status, start);
                CREATE TABLE interventionReport (
                    id TEXT PRIMARY KEY,
                    appointmentID TEXT NOT NULL UNIQUE REFERENCES todoItem(appointmentID),
                    ticketID TEXT,
                    operatorID TEXT NOT NULL,
                    workDone TEXT NOT NULL,
                    workedMinutes INTEGER NOT NULL CHECK (workedMinutes BETWEEN 1 AND 1440),
                    closedAt DATETIME NOT NULL
                );
                CREATE TABLE reportMaterial (
                    reportID TEXT NOT NULL REFERENCES interventionReport(id),
                    position INTEGER NOT NULL,
                    articleCode TEXT NOT NULL,
                    description TEXT NOT NULL,
                    quantity REAL NOT NULL CHECK (quantity > 0),
                    PRIMARY KEY (reportID, position)
                );
                """)
        }
    }
}
