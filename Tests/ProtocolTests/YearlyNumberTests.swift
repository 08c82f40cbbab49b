import AriannaProtocol
import Foundation
import Testing

/// The shared numbering helper: the year is the company's, across the year's last minute.
@Suite struct YearlyNumberTests {
    static let rome = TimeZone(identifier: "Europe/Rome")!

    /// 2026-12-31T22:59:00Z is 23:59 on 31 December in Rome.
    static let lastMinuteInRome = Date(timeIntervalSince1970: 1_798_757_940)

    @Test func year_isTheCompanysAcrossTheYearEnd() {
        // 23:59 on 31 December in Rome: still 2026 there and in UTC
        #expect(YearlyNumber.year(of: Self.lastMinuteInRome, in: Self.rome) == 2026)
        // one minute later it is 00:00 on 1 January 2027 in Rome, while UTC still says 2026
        let midnight = Self.lastMinuteInRome.addingTimeInterval(60)
        #expect(YearlyNumber.year(of: midnight, in: Self.rome) == 2027)
        #expect(YearlyNumber.year(of: midnight, in: .gmt) == 2026)
    }

    @Test func description_padsTheCounter() {
        #expect(YearlyNumber(prefix: "TCK", year: 2027, counter: 1).description == "TCK/2027/000001")
        #expect(YearlyNumber(prefix: "SCA", year: 2027, counter: 42, padding: 4).description == "SCA/2027/0042")
        #expect(YearlyNumber(prefix: "FAT", year: 2027, counter: 1_234_567).description == "FAT/2027/1234567")
    }
}
