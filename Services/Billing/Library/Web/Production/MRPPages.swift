import Foundation
import Hummingbird
import ServiceKit

/// MRP on a page and in the API: start a run (`stock.edit`), watch its progress, read the plan
/// (any billing or stock permission). Also expected receipts, which MRP nets against.
struct MRPPages: Sendable {
    let runs: MRPRuns
    let renderer: PageRenderer

    func addRoutes(to router: ServiceRouter) {
        let read = router.group().add(middleware: RequirePermission(anyOf: ProductionController.readers))
        read.get("mrp", use: page)
        read.get("api/mrp/runs/:id") { _, context in try await runs.run(id: try context.parameters.require("id")) }
        let edit = router.group().add(middleware: RequirePermission(.stockEdit))
        edit.post("api/mrp/runs") { _, _ -> Response in try JSONResponse.make(.accepted, try await runs.start()) }
        edit.post("mrp/runs") { _, _ -> Response in
            _ = try await runs.start()
            return Response(status: .seeOther, headers: [.location: "/mrp"])
        }
        edit.post("api/stock/expected-receipts") { request, _ -> Response in
            let input = try await request.decodeJSON(as: ExpectedReceipt.self, describedAs: "an expected receipt")
            try await runs.database.write { db in
                var problems = BillingProblems()
                problems.require(try ArticleRecord.exists(db, key: input.articleCode.uppercased()), "articleCode", Wording(
                    it: "L'articolo '\(input.articleCode)' non è nel catalogo.", en: "The article '\(input.articleCode)' is not in the catalogue."))
                problems.require(input.quantity.isFinite && input.quantity > 0, "quantity", Wording(
                    it: "La quantità deve essere maggiore di zero.", en: "The quantity must be greater than zero."))
                problems.require(LocalDay.isDay(input.dueDate), "dueDate", Wording(
                    it: "La data prevista deve essere AAAA-MM-GG.", en: "The due date must be YYYY-MM-DD."))
                try problems.throwIfAny()
                try db.execute(
                    sql: "INSERT INTO expectedReceipt (id, articleCode, quantity, dueDate) VALUES (?, ?, ?, ?)",
                    arguments: [runs.ids.next(), input.articleCode.uppercased(), input.quantity, input.dueDate])
                try MRPTrigger.markStale(at: runs.clock.now(), in: db)
            }
            return Response(status: .created)
        }
    }

    /// What `POST /api/stock/expected-receipts` takes: a purchase already ordered.
    struct ExpectedReceipt: Decodable, Sendable {
        var articleCode: String
        var quantity: Double
        var dueDate: String
    }

    struct Row {
        let articleCode: String
        let level: Int
        let gross: String
        let onHand: String
        let expected: String
        let net: String
        let proposal: String
        let date: String
    }

    struct Model {
        let hasRun: Bool
        let running: Bool
        let percent: Int
        let progress: Double
        let rows: [Row]
        let canRun: Bool
        let csrf: String
    }

    @Sendable func page(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let language = PageLanguage.of(request)
        let t = renderer.strings.table(for: language)
        let run = try await runs.latest()
        func number(_ value: Double) -> String {
            MoneyText.text(quantity: (value * 1000).rounded() / 1000).replacingOccurrences(of: ".", with: language == .en ? "." : ",")
        }
        let rows = (run?.lines ?? []).map {
            Row(articleCode: $0.articleCode, level: $0.lowLevelCode, gross: number($0.grossRequirement), onHand: number($0.onHand),
                expected: number($0.expectedReceipts), net: number($0.netRequirement),
                proposal: t["proposal-\($0.proposal)"] ?? $0.proposal, date: $0.proposalDate ?? "")
        }
        let model = Model(
            hasRun: run != nil, running: run?.status == "running", percent: Int(((run?.progress ?? 0) * 100).rounded()),
            progress: run?.progress ?? 0, rows: rows, canRun: context.identity?.permissions.contains(.stockEdit) ?? false,
            csrf: context.identity?.csrfToken ?? "")
        return try renderer.render(
            "mrp", page: .init(titleKey: "mrpTitle", stylesheets: [DocumentPages.stylesheet]), model: model, request: request)
    }
}
