public import GRDB
public import PlannerDomain

// Local days and times are stored as the same text they have in JSON ("2030-03-04", "08:00"),
// which sorts correctly in SQL.

extension LocalDate: DatabaseValueConvertible {
    /// "yyyy-MM-dd" text.
    public var databaseValue: DatabaseValue { description.databaseValue }

    /// Reads "yyyy-MM-dd" text.
    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> LocalDate? {
        String.fromDatabaseValue(dbValue).flatMap(LocalDate.init)
    }
}

extension LocalTime: DatabaseValueConvertible {
    /// "HH:mm" text.
    public var databaseValue: DatabaseValue { description.databaseValue }

    /// Reads "HH:mm" text.
    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> LocalTime? {
        String.fromDatabaseValue(dbValue).flatMap(LocalTime.init)
    }
}
