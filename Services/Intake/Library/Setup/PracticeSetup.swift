import Foundation
import GRDB
import ServiceKit

/// Practices (R4): sectors that group activity types; users see the types of their practices.
enum PracticeSetup: SetupKind {
    struct Input: Decodable, Sendable {
        var code: String?
        var name: String?
        var active: Bool?
    }

    static let path = "practices"
    static let noun = "practice"

    static func id(of item: PracticeRecord) -> String { item.id }
    static func isActive(_ item: PracticeRecord) -> Bool { item.active }
    static func matches(_ item: PracticeRecord, query: String?) -> Bool { SetupRules.matches(query, item.code, item.name) }
    static func fetchAll(_ db: Database) throws -> [PracticeRecord] { try PracticeRecord.order(Column("name")).fetchAll(db) }
    static func fetchOne(_ db: Database, id: String) throws -> PracticeRecord? { try PracticeRecord.fetchOne(db, key: id) }
    static func deactivated(_ item: PracticeRecord) -> PracticeRecord {
        var item = item
        item.active = false
        return item
    }

    static func build(_ input: Input, existing: PracticeRecord?, newID: String, in db: Database) throws -> PracticeRecord {
        var problems = SetupProblems()
        var unique = UniqueCheck()
        let code = (SetupRules.clean(input.code) ?? (input.code == nil ? existing?.code : nil) ?? "").uppercased()
        let name = SetupRules.clean(input.name) ?? (input.name == nil ? existing?.name : nil) ?? ""
        if code.isEmpty {
            problems.add("code", "The practice code is required.")
        } else {
            problems.require(SetupRules.isCode(code), "code",
                             "The code '\(code)' must start with a letter and use only A–Z, 0–9, - and _ (at most 20).")
        }
        problems.required(name, "name", "The practice name")
        let taken = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM practice WHERE code = ? AND id <> ?",
                                     arguments: [code, existing?.id ?? newID]) ?? 0
        unique.check(taken: taken > 0, field: "code", message: "There is already a practice with code '\(code)'.")
        try unique.finish(problems)
        return PracticeRecord(id: existing?.id ?? newID, code: code, name: name, active: input.active ?? existing?.active ?? true)
    }

    static func save(_ item: PracticeRecord, previous: PracticeRecord?, outbox: OutboxWriter, in db: Database) throws {
        try item.save(db)
        try outbox.append(item.snapshot, in: db)
    }
}
