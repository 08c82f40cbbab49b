import AriannaProtocol
import BillingDomain
import Foundation
import GRDB
import ServiceKit

/// The stored bills of materials: `bomLine` rows, one per (parent, component). Replacing an
/// article's BOM checks every component, the quantities and that no cycle is closed, all before
/// anything is written.
struct BOMStore: Sendable {
    /// Billing's store.
    let database: ServiceDatabase

    /// The input of `PUT /api/boms/{code}`.
    struct Input: Decodable, Sendable {
        /// The direct components, per unit of the article; an empty list removes the BOM.
        var components: [BillOfMaterials.Component]
    }

    /// What `GET /api/boms/{code}` answers: the direct components and the explosion of one unit.
    struct View: Codable, Sendable, Equatable {
        /// The article the BOM assembles.
        var articleCode: String
        /// Its direct components, per unit.
        var components: [BillOfMaterials.Component]
        /// One unit exploded to the components bought, through every level.
        var leaves: [BillOfMaterials.Component]
    }

    /// Every stored BOM.
    static func load(in db: Database) throws -> BillOfMaterials {
        var components: [String: [BillOfMaterials.Component]] = [:]
        let lines = try BOMLineRecord.order(BOMLineRecord.Columns.parentCode, BOMLineRecord.Columns.position).fetchAll(
            db)
        for line in lines {
            components[line.parentCode, default: []].append(.init(code: line.componentCode, quantity: line.quantity))
        }
        return BillOfMaterials(components: components)
    }

    /// The BOM of article `code`; a refusal when the catalogue does not know it.
    func bom(of code: String) async throws -> View {
        try await database.read { db in
            let article = try ArticleCatalogue.article(code, in: db)
            let bom = try Self.load(in: db)
            return View(
                articleCode: article.code, components: bom.components[article.code] ?? [],
                leaves: bom.explode(article.code, quantity: 1))
        }
    }

    /// Replaces the BOM of `code` (an empty list removes it).
    func replace(_ code: String, with input: Input) async throws -> View {
        try await database.write { db in
            let parent = try ArticleCatalogue.article(code, in: db)
            var problems = BillingProblems()
            var seen: Set<String> = []
            let components = input.components.map {
                BillOfMaterials.Component(code: $0.code.uppercased(), quantity: $0.quantity)
            }
            for (index, component) in components.enumerated() {
                let field = "components[\(index)]"
                problems.require(
                    component.quantity.isFinite && component.quantity > 0, "\(field).quantity",
                    Wording(
                        it: "La quantità di \(component.code) deve essere maggiore di zero.",
                        en: "The quantity of \(component.code) must be greater than zero."))
                problems.require(
                    try ArticleRecord.exists(db, key: component.code), "\(field).code",
                    Wording(
                        it: "L'articolo '\(component.code)' non è nel catalogo.",
                        en: "The article '\(component.code)' is not in the catalogue."))
                problems.require(
                    seen.insert(component.code).inserted, "\(field).code",
                    Wording(
                        it: "'\(component.code)' compare due volte: indica la quantità totale una volta sola.",
                        en: "'\(component.code)' appears twice: give its total quantity once."))
            }
            if let path = try Self.load(in: db).cycle(ifSetting: parent.code, to: components) {
                let text = path.joined(separator: " → ")
                problems.add(
                    "components",
                    Wording(
                        it: "La distinta base conterrebbe se stessa: \(text).",
                        en: "The bill of materials would contain itself: \(text)."))
            }
            try problems.throwIfAny()
            try BOMLineRecord.filter(BOMLineRecord.Columns.parentCode == parent.code).deleteAll(db)
            for (index, component) in components.enumerated() {
                try BOMLineRecord(
                    parentCode: parent.code, position: index + 1, componentCode: component.code,
                    quantity: component.quantity
                ).insert(db)
            }
            try MRPTrigger.markStale(at: Date(), in: db)
            let bom = try Self.load(in: db)
            return View(articleCode: parent.code, components: components, leaves: bom.explode(parent.code, quantity: 1))
        }
    }
}

extension BOMStore {
    /// The bills of materials of the service's store.
    init(context: ServiceContext) {
        self.init(database: context.database)
    }
}
