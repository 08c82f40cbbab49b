import AriannaProtocol
import Foundation
import GRDB
import Hummingbird
import ServiceKit

/// A warehouse: the central one, and a van per technician (from `setup.operator.v1`).
struct WarehouseRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord, ResponseEncodable {
    static let databaseTableName = "warehouse"
    static let centralID = "WH-CENTRAL"

    var id: String
    var name: String
    /// The technician whose van this is; nil for the central warehouse.
    var operatorID: String?
    var active: Bool

    static func vanID(of operatorID: String) -> String { "VAN-\(operatorID)" }
}

/// One stock movement: a signed quantity of an article in a warehouse (receipts and transfers in
/// are positive, issues and transfers out negative). Stock on hand is their sum.
struct StockMovementRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "stockMovement"

    var id: String
    var articleCode: String
    var warehouseID: String
    var quantity: Double
    /// `receipt`, `issue`, `transfer`.
    var kind: String
    /// What caused it: the report id of an issue (unique per article, which makes a redelivered
    /// report harmless), a transfer's id, the clerk's note of a receipt.
    var reference: String
    var createdAt: Date
    var createdBy: String
}

/// Stock: warehouses, movements, stock on hand; materials issued in reports leave the
/// technician's van (R19). Stock may go negative (a van used what was never booked in): it is
/// shown with a warning, never refused, because the work was done.
struct StockStore: Sendable {
    let database: ServiceDatabase
    let ids: IDGenerator

    /// Keeps a van per technician, named after them.
    static func keep(_ snapshot: OperatorSnapshot, in db: Database) throws {
        try WarehouseRecord(
            id: WarehouseRecord.vanID(of: snapshot.operatorID), name: "Furgone \(snapshot.name)",
            operatorID: snapshot.operatorID, active: snapshot.active
        ).save(db)
    }

    /// On `intervention.closed.v1`: each material leaves the technician's van, once per report.
    static func issue(_ intervention: InterventionClosed, ids: IDGenerator, in db: Database) throws {
        let van = WarehouseRecord.vanID(of: intervention.operatorID)
        if try !WarehouseRecord.exists(db, key: van) {
            try WarehouseRecord(id: van, name: "Furgone \(intervention.operatorID)", operatorID: intervention.operatorID, active: true).insert(db)
        }
        let reference = "report:\(intervention.reportID)"
        guard try StockMovementRecord.filter(Column("reference") == reference).fetchCount(db) == 0 else { return }
        for material in intervention.materials {
            try StockMovementRecord(
                id: ids.next(), articleCode: material.articleCode.trimmingCharacters(in: .whitespaces).uppercased(),
                warehouseID: van, quantity: -material.quantity, kind: "issue", reference: reference,
                createdAt: intervention.closedAt, createdBy: intervention.operatorID
            ).insert(db)
        }
        if !intervention.materials.isEmpty { try MRPTrigger.markStale(at: Date(), in: db) }
    }

    /// What `POST /api/stock/receipts` and `/transfers` take.
    struct MovementInput: Decodable, Sendable {
        var articleCode: String
        var quantity: Double
        /// The receiving warehouse (receipt) or the destination (transfer).
        var warehouseID: String
        /// The source of a transfer.
        var fromWarehouseID: String?
        var note: String?
    }

    /// Books `input` in: a receipt into one warehouse, or a transfer between two.
    func book(_ input: MovementInput, transfer: Bool, by user: String, at now: Date) async throws -> [StockMovementRecord] {
        try await database.write { db in
            var problems = BillingProblems()
            let code = input.articleCode.uppercased()
            problems.require(try ArticleRecord.exists(db, key: code), "articleCode", Wording(
                it: "L'articolo '\(code)' non è nel catalogo.", en: "The article '\(code)' is not in the catalogue."))
            problems.require(input.quantity.isFinite && input.quantity > 0, "quantity", Wording(
                it: "La quantità deve essere maggiore di zero.", en: "The quantity must be greater than zero."))
            problems.require(try WarehouseRecord.exists(db, key: input.warehouseID), "warehouseID", Wording(
                it: "Il magazzino '\(input.warehouseID)' non esiste.", en: "There is no warehouse '\(input.warehouseID)'."))
            if transfer {
                let from = input.fromWarehouseID ?? ""
                problems.require(try WarehouseRecord.exists(db, key: from) && from != input.warehouseID, "fromWarehouseID", Wording(
                    it: "Indica un magazzino di partenza esistente e diverso dalla destinazione.",
                    en: "Give an existing source warehouse other than the destination."))
            }
            try problems.throwIfAny()
            let reference = transfer ? "transfer:\(ids.next())" : "receipt:\(input.note ?? "")"
            var movements = [StockMovementRecord(
                id: ids.next(), articleCode: code, warehouseID: input.warehouseID, quantity: input.quantity,
                kind: transfer ? "transfer" : "receipt", reference: reference, createdAt: now, createdBy: user)]
            if transfer, let from = input.fromWarehouseID {
                movements.append(StockMovementRecord(
                    id: ids.next(), articleCode: code, warehouseID: from, quantity: -input.quantity, kind: "transfer",
                    reference: reference, createdAt: now, createdBy: user))
            }
            for movement in movements { try movement.insert(db) }
            try MRPTrigger.markStale(at: now, in: db)
            return movements
        }
    }

    /// Stock on hand of one article in one warehouse.
    struct Level: Codable, Sendable, Equatable, ResponseEncodable {
        var warehouseID: String
        var warehouseName: String
        var articleCode: String
        var quantity: Double
        /// Below zero: shown with a warning.
        var negative: Bool
    }

    /// Stock on hand per warehouse and article, warehouses by id.
    func levels() async throws -> [Level] {
        try await database.read { db in try Self.levels(in: db) }
    }

    static func levels(in db: Database) throws -> [Level] {
        try Row.fetchAll(db, sql: """
            SELECT m.warehouseID, w.name, m.articleCode, SUM(m.quantity) AS quantity
            FROM stockMovement m JOIN warehouse w ON w.id = m.warehouseID
            GROUP BY m.warehouseID, m.articleCode ORDER BY m.warehouseID, m.articleCode
            """).map { row in
            let quantity: Double = row["quantity"]
            return Level(warehouseID: row["warehouseID"], warehouseName: row["name"], articleCode: row["articleCode"],
                         quantity: quantity, negative: quantity < -1e-9)
        }
    }

    func warehouses() async throws -> [WarehouseRecord] {
        try await database.read { db in try WarehouseRecord.order(Column("id")).fetchAll(db) }
    }
}
