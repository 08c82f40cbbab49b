import Foundation
import GRDB
import ServiceKit
import Testing

/// The one gapless numbering every service shares (`NumberingSequence`), on a real SQLite file:
/// the year is the company's, the counter restarts each year and a rolled-back document gives
/// its number back.
@Suite struct NumberingSequenceTests {
    static let rome = TimeZone(identifier: "Europe/Rome")!

    /// 2026-12-31T23:30:00Z: still 31 December in UTC, already 00:30 on 1 January 2027 in Rome.
    static let newYearsEveUTC = Date(timeIntervalSince1970: 1_798_759_800)

    /// A store on disk with the `numberingSequence` table intake and billing both create.
    static func database() throws -> (ServiceDatabase, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "arianna-numbering-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let database = try ServiceDatabase(url: folder.appendingPathComponent("numbers.sqlite")) { migrator in
            migrator.registerMigration("numbering") { db in
                try db.execute(
                    sql: """
                        CREATE TABLE numberingSequence (
                            prefix TEXT NOT NULL, year INTEGER NOT NULL, lastCounter INTEGER NOT NULL, PRIMARY KEY (prefix, year))
                        """)
            }
        }
        return (database, folder)
    }

    @Test func aNumberIssuedAt2330UTCOnNewYearsEve_takesTheNextYear_inRome() async throws {
        // Given
        let (database, folder) = try Self.database()
        defer { try? FileManager.default.removeItem(at: folder) }
        let date = Self.newYearsEveUTC
        // When
        let (inRome, inUTC) = try await database.write { db in
            (
                try NumberingSequence.next(prefix: "FAT", at: date, timeZone: Self.rome, in: db),
                try NumberingSequence.next(prefix: "FAT", at: date, timeZone: .gmt, in: db)
            )
        }
        // Then: the company in Rome is in 2027; a company on UTC would still be in 2026
        #expect(inRome.description == "FAT/2027/000001")
        #expect(inUTC.description == "FAT/2026/000001")
    }

    @Test func theCounter_isGaplessPerPrefixAndYear_andARollbackGivesTheNumberBack() async throws {
        // Given
        let (database, folder) = try Self.database()
        defer { try? FileManager.default.removeItem(at: folder) }
        let date = Self.newYearsEveUTC
        struct Refused: Error {}
        // When: one number taken, one taken in a transaction that rolls back, one more taken
        let first = try await database.write { db in
            try NumberingSequence.next(prefix: "TCK", at: date, timeZone: Self.rome, padding: 4, in: db)
        }
        await #expect(throws: Refused.self) {
            try await database.write { db in
                _ = try NumberingSequence.next(prefix: "TCK", at: date, timeZone: Self.rome, in: db)
                throw Refused()
            }
        }
        let (second, otherPrefix) = try await database.write { db in
            (
                try NumberingSequence.next(prefix: "TCK", at: date, timeZone: Self.rome, padding: 4, in: db),
                try NumberingSequence.next(prefix: "MNT", at: date, timeZone: Self.rome, in: db)
            )
        }
        // Then
        #expect(first.description == "TCK/2027/0001")
        #expect(second.description == "TCK/2027/0002", "the rolled-back number was given back")
        #expect(otherPrefix.description == "MNT/2027/000001", "each prefix counts on its own")
    }
}
