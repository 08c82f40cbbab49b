import Foundation
import GRDB
import Testing

@testable import ServiceKit

/// The cached reads the consumers use per event: a changed row is never served stale.
@Suite struct StoreLookupTests {
    struct Setting: Codable, Sendable, Equatable, FetchableRecord, TableRecord {
        static let databaseTableName = "setting"
        var code: String
        var rules: [String]
    }

    private func database() throws -> DatabaseQueue {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE setting (code TEXT PRIMARY KEY, rules TEXT NOT NULL);
                    INSERT INTO setting VALUES ('A', '["one"]');
                    """)
        }
        return queue
    }

    @Test func cachedFetch_readsTheRowByKey_andNilForAnUnknownKey() throws {
        let queue = try database()
        try queue.read { db throws in
            #expect(try Setting.cachedFetch(db, where: "code", is: "A") == Setting(code: "A", rules: ["one"]))
            #expect(try Setting.cachedFetch(db, where: "code", is: "B") == nil)
        }
    }

    @Test func decodedRowCache_servesTheChangedRow_afterAnUpdate_andNilOnceDeleted() throws {
        let queue = try database()
        let cache = DecodedRowCache<Setting>()
        let sql = "SELECT * FROM setting WHERE code = ?"
        try queue.write { db throws in
            #expect(try cache.fetchOne(db.cachedStatement(sql: sql), arguments: ["A"], key: "A")?.rules == ["one"])
            #expect(try cache.fetchOne(db.cachedStatement(sql: sql), arguments: ["A"], key: "A")?.rules == ["one"])
            try db.execute(sql: #"UPDATE setting SET rules = '["two"]' WHERE code = 'A'"#)
            #expect(try cache.fetchOne(db.cachedStatement(sql: sql), arguments: ["A"], key: "A")?.rules == ["two"])
            try db.execute(sql: "DELETE FROM setting")
            #expect(try cache.fetchOne(db.cachedStatement(sql: sql), arguments: ["A"], key: "A") == nil)
        }
    }
}
