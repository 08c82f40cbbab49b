import Foundation
import GRDB
import IntakeDomain
import ServiceKit

/// What one kind of setup data (groups, operators, practices…) tells the one `SetupStore`,
/// JSON API and admin pages, so every kind gets the same list/search/create/update/deactivate
/// behaviour, the same validation and conflict answers and its snapshot events.
protocol SetupKind: Sendable {
    /// What is stored and listed.
    associatedtype Item: Sendable & Equatable
    /// What a create or update sends; every field optional, so an update changes only what it names
    /// and a create lists every missing field at once.
    associatedtype Input: Decodable & Sendable
    /// What the API answers (the item, or the item with derived facts).
    associatedtype View: Encodable & Sendable

    /// URL segment under `/api/setup/` and `/setup/`, e.g. `groups`.
    static var path: String { get }
    /// For messages: "group", "activity type".
    static var noun: String { get }
    /// For "not found" messages: the noun, in Italian with its negative article ("nessuna pratica").
    static var missing: Wording { get }

    /// The item's id, as URLs and events name it.
    static func id(of item: Item) -> String
    /// Whether the item is still offered; nothing that may be in use is deleted, only deactivated.
    static func isActive(_ item: Item) -> Bool
    /// Whether `item` matches a `?q=` search.
    static func matches(_ item: Item, query: String?) -> Bool
    /// Every item, in list order.
    static func fetchAll(_ db: Database) throws -> [Item]
    /// The item with this id, if any.
    static func fetchOne(_ db: Database, id: String) throws -> Item?
    /// The item `input` describes: new when `existing` is nil (with `newID`), else `existing`
    /// changed. Checks every rule and throws `SetupError` listing all problems.
    static func build(_ input: Input, existing: Item?, newID: String, in db: Database) throws -> Item
    /// Writes `item` and appends its snapshot events (and those of what it cascades to).
    static func save(_ item: Item, previous: Item?, outbox: OutboxWriter, in db: Database) throws
    /// The same item, retired.
    static func deactivated(_ item: Item) -> Item
    /// What the API answers for the item.
    static func view(_ item: Item, now: Date) -> View
}

extension SetupKind where View == Item, Item: Encodable {
    /// Kinds whose item is its own answer.
    static func view(_ item: Item, now: Date) -> Item { item }
}

/// Builds a problem list for a code that must be unique: a clash alone is a 409, together with
/// other problems it is listed with them (422).
struct UniqueCheck {
    /// The first clash found: the field and what it clashes with.
    var clash: (field: String, message: Wording)?

    /// Notes a clash on `field` when `taken`; only the first counts.
    mutating func check(taken: Bool, field: String, message: @autoclosure () -> Wording) {
        if taken, clash == nil { clash = (field, message()) }
    }

    /// Throws 422 with everything when there are problems, else 409 when a code is taken.
    func finish(_ problems: SetupProblems) throws {
        var problems = problems
        if let clash, !problems.list.isEmpty { problems.add(clash.field, clash.message) }
        try problems.throwIfAny()
        if let clash { throw SetupError.conflict(field: clash.field, message: clash.message) }
    }
}
