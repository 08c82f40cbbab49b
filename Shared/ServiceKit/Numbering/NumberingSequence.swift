public import AriannaProtocol
public import Foundation
public import GRDB

/// The gapless yearly counters behind every ``YearlyNumber`` a service issues: intake's ticket
/// numbers, billing's invoices, credit notes and production orders. One copy, so every document
/// takes its year the same way — in the company's time zone, never the process's.
///
/// The counters live in the service's `numberingSequence` table (`prefix`, `year`,
/// `lastCounter`, primary key `(prefix, year)`), which intake's and billing's first migrations
/// create alike.
public enum NumberingSequence {
    /// The next number of sequence `prefix` for the year `date` falls in for a company in
    /// `timeZone`, its counter shown with at least `padding` digits.
    ///
    /// Gapless: the counter moves inside the caller's write transaction, so a rolled-back
    /// document gives its number back, and SQLite's single writer hands concurrent documents
    /// distinct, consecutive numbers. The first number of a year is 1.
    public static func next(
        prefix: String, at date: Date, timeZone: TimeZone, padding: Int = YearlyNumber.defaultPadding,
        in db: Database
    ) throws -> YearlyNumber {
        let year = YearlyNumber.year(of: date, in: timeZone)
        // Raw SQL stays: measured hot (a number for every ticket opened), so the statement is
        // compiled once per connection; the upsert moves and reads the counter in one step.
        let advance = try db.cachedStatement(
            sql: """
                INSERT INTO numberingSequence (prefix, year, lastCounter) VALUES (?, ?, 1)
                ON CONFLICT (prefix, year) DO UPDATE SET lastCounter = lastCounter + 1
                RETURNING lastCounter
                """)
        let counter = try Int.fetchOne(advance, arguments: [prefix, year]) ?? 1
        return YearlyNumber(prefix: prefix, year: year, counter: counter, padding: padding)
    }
}
