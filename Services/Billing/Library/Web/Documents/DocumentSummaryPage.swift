import BillingDomain
import Foundation
import Hummingbird
import ServiceKit

/// The monthly summary: what was issued in a month (confirmed or exported documents, by their
/// issue date in the company's zone), with totals per VAT rate and per activity type, and how many
/// drafts are still waiting.
struct DocumentSummaryPage: Sendable {
    /// The documents summed.
    let store: BillingStore
    /// Billing's pages in the shared layout.
    let renderer: PageRenderer

    /// One line of a summary table: a VAT rate or an activity type.
    struct Group {
        /// The rate or the type.
        let name: String
        /// How many documents it has.
        let count: Int
        /// Their taxable amount (credit notes subtract).
        let taxable: String
        /// Their VAT.
        let vat: String
        /// Taxable plus VAT.
        let total: String
    }

    /// The month's summary.
    struct Model {
        /// The month shown, `yyyy-MM`.
        let month: String
        /// The month before, for its link.
        let previous: String
        /// The month after, for its link.
        let next: String
        /// Documents confirmed or exported in the month.
        let issuedCount: Int
        /// Drafts still waiting.
        let draftCount: Int
        /// The month's taxable amount (credit notes subtract).
        let taxable: String
        /// The month's VAT.
        let vat: String
        /// The month's taxable plus VAT.
        let total: String
        /// Totals per VAT rate, highest first.
        let rates: [Group]
        /// Totals per activity type.
        let types: [Group]
    }

    /// `GET /documents/summary?month=yyyy-MM` (this month by default).
    func render(_ request: Request) async throws -> Response {
        let zone = store.timeZone
        let language = PageLanguage.of(request)
        let format = DocumentPageModels.Format(language: language, zone: zone)
        let requested = request.uri.queryParameters.get("month").flatMap { LocalDay.isDay($0 + "-01") ? $0 : nil }
        let month = requested ?? String(LocalDay.string(Date(), in: zone).prefix(7))
        let documents = try await store.documents(.init(from: month + "-01", to: month + "-31", limit: 100_000))
        let issued = documents.filter { $0.status != .draft }
        var views: [BillingDocumentView] = []
        for document in issued { views.append(try await store.document(id: document.id)) }

        var byRate: [Double: (count: Int, taxable: Int, vat: Int)] = [:]
        var byType: [String: (count: Int, taxable: Int, vat: Int)] = [:]
        for view in views {
            let sign = view.kind == .creditNote ? -1 : 1
            for rate in view.vatTotals {
                let old = byRate[rate.vatRatePercent] ?? (0, 0, 0)
                byRate[rate.vatRatePercent] = (
                    old.count + 1, old.taxable + sign * rate.taxableCents, old.vat + sign * rate.vatCents
                )
            }
            let key = view.activityTypeCode ?? "—"
            let old = byType[key] ?? (0, 0, 0)
            byType[key] = (old.count + 1, old.taxable + sign * view.taxableCents, old.vat + sign * view.vatCents)
        }
        func group(_ name: String, _ value: (count: Int, taxable: Int, vat: Int)) -> Group {
            Group(
                name: name, count: value.count, taxable: format.money(value.taxable), vat: format.money(value.vat),
                total: format.money(value.taxable + value.vat))
        }
        let taxable = byType.values.reduce(0) { $0 + $1.taxable }
        let vat = byType.values.reduce(0) { $0 + $1.vat }
        let model = Model(
            month: month, previous: Self.shift(month, by: -1), next: Self.shift(month, by: 1),
            issuedCount: issued.count, draftCount: documents.count - issued.count,
            taxable: format.money(taxable), vat: format.money(vat), total: format.money(taxable + vat),
            rates: byRate.keys.sorted(by: >).map { group(format.number($0) + "%", byRate[$0]!) },
            types: byType.keys.sorted().map { group($0, byType[$0]!) })
        return try renderer.render(
            "documents-summary", page: .init(titleKey: "summaryTitle", stylesheets: [DocumentPages.stylesheet]),
            model: model, request: request)
    }

    /// `yyyy-MM` moved by `months`.
    static func shift(_ month: String, by months: Int) -> String {
        let parts = month.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 2 else { return month }
        let index = parts[0] * 12 + (parts[1] - 1) + months
        return String(format: "%04d-%02d", index / 12, index % 12 + 1)
    }
}
