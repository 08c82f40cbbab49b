import Foundation
import ServiceKit

/// What the document templates show: amounts and quantities already formatted in the page's
/// language, so templates stay logic-free.
enum DocumentPageModels {
    struct Format {
        let language: PageLanguage
        let zone: TimeZone

        var separator: String { language == .en ? "." : "," }

        func money(_ cents: Int) -> String { "€ " + MoneyText.text(cents: cents, decimalSeparator: separator) }

        func number(_ value: Double) -> String {
            MoneyText.text(quantity: (value * 100).rounded() / 100).replacingOccurrences(of: ".", with: separator)
        }

        func time(_ date: Date?) -> String {
            guard let date else { return "" }
            let style = Date.FormatStyle(date: .numeric, time: .shortened, timeZone: zone)
                .locale(Locale(identifier: language.localeIdentifier))
            return date.formatted(style)
        }
    }

    struct Line {
        let position: Int
        let articleCode: String
        let description: String
        let unit: String
        let quantity: String
        let price: String
        let discount: String
        let vat: String
        let amount: String
        let needsPrice: Bool
    }

    struct Rate {
        let vat: String
        let taxable: String
        let tax: String
    }

    struct Change {
        let position: Int
        let field: String
        let oldValue: String
        let newValue: String
        let changedBy: String
        let changedAt: String
    }

    struct Detail {
        let id: String
        let label: String
        let isDraft: Bool
        let isCreditNote: Bool
        let canEdit: Bool
        let canCreditNote: Bool
        let status: String
        let customerName: String
        let customerVATNumber: String
        let customerFiscalCode: String
        let customerAddress: String
        let ticketNumber: String
        let ticketURL: String
        let hasTicket: Bool
        let activityTypeCode: String
        let registration: String
        let issueDate: String
        let confirmedBy: String
        let confirmedAt: String
        let creditedDocumentID: String
        let lines: [Line]
        let rates: [Rate]
        let taxable: String
        let vat: String
        let total: String
        let changes: [Change]
        let hasChanges: Bool
        let flaggedCount: Int
        let problems: [BillingProblem.Shown]
        let hasProblems: Bool
        let saved: Bool
        let csrf: String
    }

    static func detail(
        _ view: BillingDocumentView, format: Format, strings: [String: String], intakeURL: String, canEdit: Bool,
        problems: [BillingProblem], saved: Bool, csrf: String
    ) -> Detail {
        Detail(
            id: view.id, label: view.label, isDraft: view.status == .draft, isCreditNote: view.kind == .creditNote,
            canEdit: canEdit && view.status == .draft,
            canCreditNote: canEdit && view.status != .draft && view.kind == .invoice,
            status: strings["status-\(view.status.rawValue)"] ?? view.status.rawValue,
            customerName: view.customer.name, customerVATNumber: view.customer.vatNumber ?? "",
            customerFiscalCode: view.customer.fiscalCode ?? "", customerAddress: view.customer.address ?? "",
            ticketNumber: view.ticketNumber ?? "", ticketURL: view.ticketID.map { "\(intakeURL)/tickets/\($0)" } ?? "",
            hasTicket: view.ticketID != nil, activityTypeCode: view.activityTypeCode ?? "",
            registration: strings["registration-\(view.registrationType)"] ?? view.registrationType,
            issueDate: view.issueDate ?? "", confirmedBy: view.confirmedBy ?? "", confirmedAt: format.time(view.confirmedAt),
            creditedDocumentID: view.creditedDocumentID ?? "",
            lines: view.lines.map {
                Line(position: $0.position, articleCode: $0.articleCode ?? "", description: $0.description, unit: $0.unit,
                     quantity: format.number($0.quantity), price: format.money($0.unitPriceCents),
                     discount: format.number($0.discountPercent), vat: format.number($0.vatRatePercent),
                     amount: format.money($0.amountCents), needsPrice: $0.needsPrice)
            },
            rates: view.vatTotals.map {
                Rate(vat: format.number($0.vatRatePercent), taxable: format.money($0.taxableCents), tax: format.money($0.vatCents))
            },
            taxable: format.money(view.taxableCents), vat: format.money(view.vatCents), total: format.money(view.totalCents),
            changes: view.changes.map {
                Change(position: $0.position, field: strings["field-\($0.field)"] ?? $0.field, oldValue: $0.oldValue,
                       newValue: $0.newValue, changedBy: $0.changedBy, changedAt: format.time($0.changedAt))
            },
            hasChanges: !view.changes.isEmpty, flaggedCount: view.lines.filter(\.needsPrice).count,
            problems: problems.map { $0.shown(format.language) }, hasProblems: !problems.isEmpty, saved: saved, csrf: csrf)
    }
}
