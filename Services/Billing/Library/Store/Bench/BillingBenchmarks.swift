import AriannaProtocol
import BillingDomain
import Foundation
import GRDB
import Logging
import ServiceKit

/// Billing's measurements for `arianna-bench billing` (docs/BENCHMARKS.md): drafting a burst of
/// closed tickets, confirmation latency, and an MRP run over many articles with three-level BOMs.
/// Runs the real store on a temporary on-disk SQLite file (no broker: the consumer's per-event
/// transaction is reproduced), so it measures billing's own work.
public enum BillingBenchmarks {
    /// What one run measured.
    public struct Result: Sendable {
        /// Closed tickets drafted per second.
        public var draftsPerSecond: Double
        /// Each confirmation's duration in milliseconds.
        public var confirmMilliseconds: [Double]
        /// The MRP plan's computation (in memory) in seconds, and through the store in seconds.
        public var mrpPlanSeconds: Double
        /// The same plan run through the store (read, compute, progress writes, result), in seconds.
        public var mrpRunSeconds: Double
        /// Lines the MRP plan produced.
        public var mrpLines: Int
    }

    /// Runs the three measurements: `tickets` closed tickets drafted then `confirmations` of them
    /// confirmed; MRP over `articles` purchased articles assembled by 3-level BOMs and `orders`
    /// open production orders.
    public static func run(tickets: Int, confirmations: Int, articles: Int, orders: Int) async throws -> Result {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("billing-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = try ServiceDatabase(url: folder.appendingPathComponent("billing.sqlite")) {
            BillingMigrations.register(in: &$0)
        }
        let clock = ServiceClock.system
        let outbox = OutboxWriter(source: "/arianna/billing", clock: clock)
        var logger = Logger(label: "bench.billing")
        logger.logLevel = .warning
        let handler = BillingEventHandler(
            outbox: outbox, clock: clock, ids: .uuid, timeZone: TimeZone(identifier: "Europe/Rome") ?? .current,
            logger: logger)
        try await database.write { db in
            for (code, price, kind) in [
                ("LAB-HOUR", 4500, ArticleKind.labour), ("FILTER-01", 1250, .material), ("PIPE-22", 890, .material)
            ] {
                try ArticleRecord(
                    code: code, description: code, descriptionEN: nil, unit: "pz", unitPriceCents: price,
                    vatRatePercent: 22, kind: kind, active: true
                ).insert(db)
            }
        }
        // Drafting: one transaction per closed ticket, as the consumer does (inbox check included).
        let started = Date()
        for index in 0..<tickets {
            let ticket = TicketClosed(
                ticketID: "tck-\(index)", number: "TCK/2026/\(index)",
                activityType: ActivityTypeRef(
                    id: "at-repair", code: "REPAIR", name: "Repair", expectedDurationMinutes: 60, billable: true),
                customer: CustomerRef(id: "cus-\(index % 50)", name: "Customer \(index % 50)", email: nil),
                closedAt: Date(), reportID: "rep-\(index)", workedMinutes: 90,
                materials: [
                    MaterialLine(articleCode: "FILTER-01", description: "", quantity: 2),
                    MaterialLine(articleCode: "PIPE-22", description: "", quantity: 1.5)
                ])
            let event = ReceivedEvent(
                metadata: .new(for: ticket, id: "evt-\(index)", source: "/bench", time: Date()),
                event: .ticketClosed(ticket))
            try await database.write { db in
                if try Inbox.contains(event.metadata.id, in: db) { return }
                try handler.handle(event, in: db)
                try Inbox.record(
                    eventID: event.metadata.id, eventType: event.metadata.type, topic: "bench", partition: 0,
                    offset: Int64(index), at: Date(), in: db)
            }
        }
        let draftsPerSecond = Double(tickets) / max(Date().timeIntervalSince(started), 1e-9)

        let store = BillingStore(
            database: database, outbox: outbox, timeZone: TimeZone(identifier: "Europe/Rome") ?? .current)
        let ids = try await database.read { db in
            try String.fetchAll(db, BillingDocumentRecord.select(BillingDocumentRecord.Columns.id).limit(confirmations))
        }
        var confirmMilliseconds: [Double] = []
        for id in ids {
            let t0 = Date()
            _ = try await store.confirm(documentID: id, by: "bench", at: Date())
            confirmMilliseconds.append(Date().timeIntervalSince(t0) * 1000)
        }

        // MRP: finished products F, each = 2 sub-assemblies; each sub-assembly = 3 parts; parts
        // are the purchased articles (shared between sub-assemblies).
        let parts = max(articles, 10)
        let subassemblies = max(parts / 5, 2)
        let finished = max(parts / 10, 1)
        var components: [String: [BillOfMaterials.Component]] = [:]
        for s in 0..<subassemblies {
            components["S-\(s)"] = (0..<3).map {
                .init(code: "P-\((s * 7 + $0 * 13) % parts)", quantity: Double($0 + 1))
            }
        }
        for f in 0..<finished {
            components["F-\(f)"] = [
                .init(code: "S-\((f * 3) % subassemblies)", quantity: 2),
                .init(code: "S-\((f * 3 + 1) % subassemblies)", quantity: 1),
                .init(code: "P-\(f % parts)", quantity: 4)
            ]
        }
        let bom = BillOfMaterials(components: components)
        let allComponents = components
        let demands = (0..<orders).map {
            MaterialRequirements.Demand(
                articleCode: "F-\($0 % finished)", quantity: Double($0 % 5 + 1),
                neededBy: Date().addingTimeInterval(Double($0 % 30) * 86_400))
        }
        let onHand = Dictionary(uniqueKeysWithValues: (0..<parts).map { ("P-\($0)", Double($0 % 20)) })
        let planStarted = Date()
        let lines = MaterialRequirements.plan(
            demands: demands, bom: bom, onHand: onHand, expected: [:], leadTimeDays: 5, timeZone: .current)
        let planSeconds = Date().timeIntervalSince(planStarted)

        // The same through the store: write articles, BOM lines, orders and stock, then one run.
        try await database.write { db in
            for code in allComponents.keys.sorted() + (0..<parts).map({ "P-\($0)" }) {
                try ArticleRecord(
                    code: code, description: code, descriptionEN: nil, unit: "pz", unitPriceCents: 100,
                    vatRatePercent: 22, kind: code.hasPrefix("F-") ? .finishedProduct : .material, active: true
                ).insert(db)
            }
            for (parent, list) in allComponents {
                for (position, component) in list.enumerated() {
                    try BOMLineRecord(
                        parentCode: parent, position: position + 1, componentCode: component.code,
                        quantity: component.quantity
                    ).insert(db)
                }
            }
            for (index, demand) in demands.enumerated() {
                try ProductionOrderRecord(
                    id: "po-\(index)", number: "ODP/\(index)", ticketID: "bench-\(index)", documentType: "ODP",
                    articleCode: demand.articleCode, quantity: demand.quantity, components: "[]", status: "open",
                    neededBy: demand.neededBy, createdAt: Date()
                ).insert(db)
            }
            for (code, quantity) in onHand where quantity > 0 {
                try StockMovementRecord(
                    id: "m-\(code)", articleCode: code, warehouseID: WarehouseRecord.centralID,
                    quantity: quantity, kind: "receipt", reference: "bench", createdAt: Date(), createdBy: "bench"
                ).insert(db)
            }
        }
        let runs = MRPRuns(database: database, ids: .uuid, clock: clock, timeZone: .current)
        let run = MRPRunRecord(
            id: "bench-run", status: "running", progress: 0, startedAt: Date(), finishedAt: nil, result: nil)
        try await database.write { db in try run.insert(db) }
        let runStarted = Date()
        try await runs.compute(run)
        let runSeconds = Date().timeIntervalSince(runStarted)

        return Result(
            draftsPerSecond: draftsPerSecond, confirmMilliseconds: confirmMilliseconds,
            mrpPlanSeconds: planSeconds, mrpRunSeconds: runSeconds, mrpLines: lines.count)
    }
}
