import AriannaProtocol
import BillingDomain
import Foundation
import GRDB
import ServiceKit

/// Stock: warehouses, movements, stock on hand; materials issued in reports leave the
/// technician's van (R19). Stock may go negative (a van used what was never booked in): it is
/// shown with a warning, never refused, because the work was done.
struct StockStore: Sendable {
    /// Billing's store.
    let database: ServiceDatabase
    /// Ids of new movements and transfers.
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
            try WarehouseRecord(
                id: van, name: "Furgone \(intervention.operatorID)", operatorID: intervention.operatorID, active: true
            ).insert(db)
        }
        let reference = "report:\(intervention.reportID)"
        guard try StockMovementRecord.filter(StockMovementRecord.Columns.reference == reference).fetchCount(db) == 0
        else { return }
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
        /// The catalogue article booked.
        var articleCode: String
        /// How much moves (greater than zero).
        var quantity: Double
        /// The receiving warehouse (receipt) or the destination (transfer).
        var warehouseID: String
        /// The source of a transfer.
        var fromWarehouseID: String?
        /// The warehouse keeper's note, kept as a receipt's reference (a delivery note number).
        var note: String?
    }

    /// Books `input` in: a receipt into one warehouse, or a transfer between two.
    func book(_ input: MovementInput, transfer: Bool, by user: String, at now: Date) async throws
        -> [StockMovementRecord]
    {
        try await database.write { db in
            var problems = BillingProblems()
            let code = input.articleCode.uppercased()
            try Self.check(code, shownAs: code, quantity: input.quantity, into: &problems, in: db)
            problems.require(
                try WarehouseRecord.exists(db, key: input.warehouseID), "warehouseID",
                Wording(
                    it: "Il magazzino '\(input.warehouseID)' non esiste.",
                    en: "There is no warehouse '\(input.warehouseID)'."))
            if transfer {
                let from = input.fromWarehouseID ?? ""
                problems.require(
                    try WarehouseRecord.exists(db, key: from) && from != input.warehouseID, "fromWarehouseID",
                    Wording(
                        it: "Indica un magazzino di partenza esistente e diverso dalla destinazione.",
                        en: "Give an existing source warehouse other than the destination."))
            }
            try problems.throwIfAny()
            let reference = transfer ? "transfer:\(ids.next())" : "receipt:\(input.note ?? "")"
            var movements = [
                StockMovementRecord(
                    id: ids.next(), articleCode: code, warehouseID: input.warehouseID, quantity: input.quantity,
                    kind: transfer ? "transfer" : "receipt", reference: reference, createdAt: now, createdBy: user)
            ]
            if transfer, let from = input.fromWarehouseID {
                movements.append(
                    StockMovementRecord(
                        id: ids.next(), articleCode: code, warehouseID: from, quantity: -input.quantity,
                        kind: "transfer",
                        reference: reference, createdAt: now, createdBy: user))
            }
            for movement in movements { try movement.insert(db) }
            try MRPTrigger.markStale(at: now, in: db)
            return movements
        }
    }

    /// Stock on hand of one article in one warehouse.
    struct Level: Codable, Sendable, Equatable {
        /// The warehouse holding it.
        var warehouseID: String
        /// The warehouse's name, for the page.
        var warehouseName: String
        /// The catalogue article.
        var articleCode: String
        /// The sum of the article's movements in the warehouse.
        var quantity: Double
        /// Below zero: shown with a warning.
        var negative: Bool
    }

    /// Stock on hand per warehouse and article, warehouses by id.
    func levels() async throws -> [Level] {
        try await database.read { db in try Self.levels(in: db) }
    }

    /// Stock on hand per warehouse and article, read in `db`.
    static func levels(in db: Database) throws -> [Level] {
        // Raw SQL stays: an aggregate report (a sum per warehouse and article, joined to the name).
        try Row.fetchAll(
            db,
            sql: """
                SELECT m.warehouseID, w.name, m.articleCode, SUM(m.quantity) AS quantity
                FROM stockMovement m JOIN warehouse w ON w.id = m.warehouseID
                GROUP BY m.warehouseID, m.articleCode ORDER BY m.warehouseID, m.articleCode
                """
        ).map { row in
            let quantity: Double = row["quantity"]
            return Level(
                warehouseID: row["warehouseID"], warehouseName: row["name"], articleCode: row["articleCode"],
                quantity: quantity, negative: quantity < -1e-9)
        }
    }

    /// Every warehouse by id, for the forms' choices.
    func warehouses() async throws -> [WarehouseRecord] {
        try await database.read { db in try WarehouseRecord.order(WarehouseRecord.Columns.id).fetchAll(db) }
    }

    /// What `POST /api/stock/expected-receipts` takes: a purchase already ordered.
    struct ExpectedReceipt: Decodable, Sendable {
        /// The catalogue article ordered.
        var articleCode: String
        /// How much arrives (greater than zero).
        var quantity: Double
        /// When it is due, `yyyy-MM-dd`.
        var dueDate: String
    }

    /// Records a purchase on its way, which MRP nets against; refused (nothing written) for an
    /// unknown article, a quantity not above zero or a date that is not `yyyy-MM-dd`.
    func expect(_ input: ExpectedReceipt, at now: Date) async throws {
        let id = ids.next()
        try await database.write { db in
            var problems = BillingProblems()
            let code = input.articleCode.uppercased()
            try Self.check(code, shownAs: input.articleCode, quantity: input.quantity, into: &problems, in: db)
            problems.require(
                LocalDay.isDay(input.dueDate), "dueDate",
                Wording(
                    it: "La data prevista deve essere AAAA-MM-GG.", en: "The due date must be YYYY-MM-DD."))
            try problems.throwIfAny()
            try ExpectedReceiptRecord(id: id, articleCode: code, quantity: input.quantity, dueDate: input.dueDate)
                .insert(db)
            try MRPTrigger.markStale(at: now, in: db)
        }
    }
}

extension StockStore {
    /// Records the problems of the article and quantity every booking names: the article must be
    /// in the catalogue (named `shown` in the message, as the user typed it) and the quantity
    /// above zero.
    private static func check(
        _ code: String, shownAs shown: String, quantity: Double, into problems: inout BillingProblems, in db: Database
    ) throws {
        problems.require(
            try ArticleRecord.exists(db, key: code), "articleCode",
            Wording(
                it: "L'articolo '\(shown)' non è nel catalogo.", en: "The article '\(shown)' is not in the catalogue."))
        problems.require(
            quantity.isFinite && quantity > 0, "quantity",
            Wording(
                it: "La quantità deve essere maggiore di zero.", en: "The quantity must be greater than zero."))
    }

    /// The stock of the service's store.
    init(context: ServiceContext) {
        self.init(database: context.database, ids: context.ids)
    }
}
