import BillingDomain
import Foundation
import Hummingbird
import ServiceKit

/// MRP on a page and in the API: start a run (`stock.edit`), watch its progress, read the plan
/// (any billing or stock permission).
struct MRPPages: Sendable {
    /// The MRP runs started and shown.
    let runs: MRPRuns
    /// Billing's pages in the shared layout.
    let renderer: PageRenderer

    /// Adds the routes, each behind its permission.
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
    }

    /// One article of the plan.
    struct Row {
        /// The article.
        let articleCode: String
        /// Its low-level code.
        let level: Int
        /// Gross requirement, formatted.
        let gross: String
        /// Stock on hand, formatted.
        let onHand: String
        /// Expected receipts, formatted.
        let expected: String
        /// Net requirement, formatted.
        let net: String
        /// Buy, make or nothing, in the page's language.
        let proposal: String
        /// When to order or start, `yyyy-MM-dd`.
        let date: String
    }

    /// The MRP page: the latest run's state and plan.
    struct Model {
        /// Whether MRP has run at all.
        let hasRun: Bool
        /// Whether the latest run is still computing (the page polls).
        let running: Bool
        /// Its progress in percent, for the bar's text.
        let percent: Int
        /// Its progress 0…1, for the bar.
        let progress: Double
        /// The plan's lines.
        let rows: [Row]
        /// Whether the user may start a run.
        let canRun: Bool
        /// The CSRF token the page's forms post back.
        let csrf: String
    }

    /// `GET /mrp`: the latest run and its plan.
    @Sendable func page(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let language = PageLanguage.of(request)
        let t = renderer.strings.table(for: language)
        let run = try await runs.latest()
        func number(_ value: Double) -> String {
            MoneyText.text(quantity: (value * 1000).rounded() / 1000).replacingOccurrences(
                of: ".", with: language == .en ? "." : ",")
        }
        let rows = (run?.lines ?? []).map {
            Row(
                articleCode: $0.articleCode, level: $0.lowLevelCode, gross: number($0.grossRequirement),
                onHand: number($0.onHand),
                expected: number($0.expectedReceipts), net: number($0.netRequirement),
                proposal: t["proposal-\($0.proposal)"] ?? $0.proposal, date: $0.proposalDate ?? "")
        }
        let model = Model(
            hasRun: run != nil, running: run?.status == "running", percent: Int(((run?.progress ?? 0) * 100).rounded()),
            progress: run?.progress ?? 0, rows: rows,
            canRun: context.identity?.permissions.contains(.stockEdit) ?? false,
            csrf: context.identity?.csrfToken ?? "")
        return try renderer.render(
            "mrp", page: .init(titleKey: "mrpTitle", stylesheets: [DocumentPages.stylesheet]), model: model,
            request: request)
    }
}
