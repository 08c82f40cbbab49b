package import Foundation

/// Material requirements planning (R19; the algorithm is in docs/ARCHITECTURE.md, "MRP").
///
/// Gross requirements come from the open production orders: each order needs its article's
/// direct components (quantity × order quantity). Articles are then netted in low-level-code
/// order (an article only after every parent that may need it): net = max(0, gross − (on hand +
/// expected receipts)). A net requirement of an article with a bill of materials is something to
/// **make**, and passes its own components down as gross requirements of the next level; of an
/// article without one, something to **buy**. Proposals are dated the need date minus the lead
/// time; a made article's components are needed on its start date. Pure: tested against a
/// hand-computed example.
package enum MaterialRequirements {
    /// One open production order's demand.
    package struct Demand: Sendable, Equatable {
        /// The article the order produces.
        package var articleCode: String
        /// How many units.
        package var quantity: Double
        /// When the order needs its components.
        package var neededBy: Date

        /// The demand of an order for `quantity` units of `articleCode`, components needed by `neededBy`.
        package init(articleCode: String, quantity: Double, neededBy: Date) {
            self.articleCode = articleCode
            self.quantity = quantity
            self.neededBy = neededBy
        }
    }

    /// The plan of one article.
    package struct Line: Codable, Sendable, Equatable {
        /// The article planned.
        package var articleCode: String
        /// Its low-level code: the order it was netted in.
        package var lowLevelCode: Int
        /// What the orders and the made parents need of it.
        package var grossRequirement: Double
        /// Stock on hand in every warehouse (negative stock counts against it).
        package var onHand: Double
        /// Purchases already on their way.
        package var expectedReceipts: Double
        /// What is still missing: gross less on hand and expected, never below zero.
        package var netRequirement: Double
        /// `buy`, `make` or `none`.
        package var proposal: String
        /// `yyyy-MM-dd` in the company's zone: when to order (buy) or start (make); nil for none.
        package var proposalDate: String?
    }

    /// The plan for `demands`; `progress` is told the share of articles done (0…1).
    package static func plan(
        demands: [Demand], bom: BillOfMaterials, onHand: [String: Double], expected: [String: Double],
        leadTimeDays: Int, timeZone: TimeZone, progress: (Double) -> Void = { _ in }
    ) -> [Line] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        func minusLead(_ date: Date) -> Date { calendar.date(byAdding: .day, value: -leadTimeDays, to: date) ?? date }

        var gross: [String: Double] = [:]
        var neededBy: [String: Date] = [:]
        func need(_ code: String, _ quantity: Double, by date: Date) {
            gross[code, default: 0] += quantity
            neededBy[code] = min(neededBy[code] ?? date, date)
        }
        for demand in demands {
            let components = bom.components[demand.articleCode] ?? []
            if components.isEmpty {
                need(demand.articleCode, demand.quantity, by: demand.neededBy)
            } else {
                for component in components {
                    need(component.code, demand.quantity * component.quantity, by: demand.neededBy)
                }
            }
        }
        let levels = bom.lowLevelCodes()
        let codes = Set(gross.keys).union(levels.keys).sorted {
            (levels[$0] ?? 0, $0) < (levels[$1] ?? 0, $1)
        }
        var lines: [Line] = []
        for (index, code) in codes.enumerated() {
            defer { progress(Double(index + 1) / Double(max(codes.count, 1))) }
            guard let required = gross[code], required > 0 else { continue }
            let stock = onHand[code] ?? 0
            let incoming = expected[code] ?? 0
            let net = max(0, required - stock - incoming)
            let components = bom.components[code] ?? []
            let date = neededBy[code].map(minusLead)
            if net > 0, let date {
                for component in components { need(component.code, net * component.quantity, by: date) }
            }
            lines.append(
                Line(
                    articleCode: code, lowLevelCode: levels[code] ?? 0, grossRequirement: required, onHand: stock,
                    expectedReceipts: incoming, netRequirement: net,
                    proposal: net <= 0 ? "none" : (components.isEmpty ? "buy" : "make"),
                    proposalDate: net > 0 ? date.map { LocalDay.string($0, in: timeZone) } : nil))
        }
        return lines
    }
}
