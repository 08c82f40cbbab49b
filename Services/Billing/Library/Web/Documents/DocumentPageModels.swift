import BillingDomain
import Foundation
import ServiceKit

/// What the document templates show: amounts and quantities already formatted in the page's
/// language, so templates stay logic-free.
enum DocumentPageModels {
    /// How the page writes amounts, numbers and times in its language and the company's zone.
    struct Format {
        /// The page's language.
        let language: PageLanguage
        /// The company's zone.
        let zone: TimeZone

        /// The decimal separator of the language.
        var separator: String { language == .en ? "." : "," }

        /// `cents` as `€ 12,34` (or `€ 12.34` in English).
        func money(_ cents: Int) -> String { "€ " + MoneyText.text(cents: cents, decimalSeparator: separator) }

        /// A quantity or percentage with at most two decimals.
        func number(_ value: Double) -> String {
            MoneyText.text(quantity: (value * 100).rounded() / 100).replacingOccurrences(of: ".", with: separator)
        }

        /// A date and time in the company's zone; empty for none.
        func time(_ date: Date?) -> String {
            guard let date else { return "" }
            let style = Date.FormatStyle(date: .numeric, time: .shortened, timeZone: zone)
                .locale(Locale(identifier: language.localeIdentifier))
            return date.formatted(style)
        }
    }

    /// One document line, formatted.
    struct Line {
        /// Its position on the document.
        let position: Int
        /// Its article.
        let articleCode: String
        /// What the customer reads.
        let description: String
        /// Unit of measure.
        let unit: String
        /// Quantity, formatted.
        let quantity: String
        /// Unit price, formatted.
        let price: String
        /// Discount, formatted.
        let discount: String
        /// VAT rate, formatted.
        let vat: String
        /// Amount, formatted.
        let amount: String
        /// Whether the clerk must still price it.
        let needsPrice: Bool
    }

    /// One VAT rate's totals, formatted.
    struct Rate {
        /// The rate, formatted.
        let vat: String
        /// Taxable amount.
        let taxable: String
        /// Its VAT.
        let tax: String
    }

    /// One recorded edit, formatted.
    struct Change {
        /// The line changed.
        let position: Int
        /// The field in the page's language.
        let field: String
        /// Before.
        let oldValue: String
        /// After.
        let newValue: String
        /// Who.
        let changedBy: String
        /// When.
        let changedAt: String
    }

    /// The document page, the printable page included.
    struct Detail {
        /// The document's id.
        let id: String
        /// Its number or draft label.
        let label: String
        /// Whether it is still a draft.
        let isDraft: Bool
        /// Whether it is a credit note.
        let isCreditNote: Bool
        /// Whether the user may change things here (shows the forms and buttons).
        let canEdit: Bool
        /// Whether the user may start a credit note for it.
        let canCreditNote: Bool
        /// Its state in the page's language.
        let status: String
        /// Who is billed.
        let customerName: String
        /// Their VAT number.
        let customerVATNumber: String
        /// Their fiscal code.
        let customerFiscalCode: String
        /// Their billing address.
        let customerAddress: String
        /// The billed ticket's number.
        let ticketNumber: String
        /// The ticket's page in intake.
        let ticketURL: String
        /// Whether there is a ticket to link.
        let hasTicket: Bool
        /// The ticket's activity type.
        let activityTypeCode: String
        /// Its registration type in the page's language.
        let registration: String
        /// The issue day.
        let issueDate: String
        /// Who confirmed it.
        let confirmedBy: String
        /// When, formatted.
        let confirmedAt: String
        /// The document a credit note corrects.
        let creditedDocumentID: String
        /// The lines.
        let lines: [Line]
        /// Totals per VAT rate.
        let rates: [Rate]
        /// Taxable amount.
        let taxable: String
        /// VAT of all rates, formatted.
        let vat: String
        /// What the customer pays.
        let total: String
        /// The change log.
        let changes: [Change]
        /// Whether to show the change log.
        let hasChanges: Bool
        /// How many lines still need a price.
        let flaggedCount: Int
        /// The refusal's problems in the page's language, shown above the form.
        let problems: [BillingProblem.Shown]
        /// Whether to show the problems box.
        let hasProblems: Bool
        /// Whether the page follows a successful save (`?saved=1`).
        let saved: Bool
        /// The CSRF token the page's forms post back.
        let csrf: String
    }

    /// The page model of `view` in `format`'s language.
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
            issueDate: view.issueDate ?? "", confirmedBy: view.confirmedBy ?? "",
            confirmedAt: format.time(view.confirmedAt),
            creditedDocumentID: view.creditedDocumentID ?? "",
            lines: view.lines.map {
                Line(
                    position: $0.position, articleCode: $0.articleCode ?? "", description: $0.description,
                    unit: $0.unit,
                    quantity: format.number($0.quantity), price: format.money($0.unitPriceCents),
                    discount: format.number($0.discountPercent), vat: format.number($0.vatRatePercent),
                    amount: format.money($0.amountCents), needsPrice: $0.needsPrice)
            },
            rates: view.vatTotals.map {
                Rate(
                    vat: format.number($0.vatRatePercent), taxable: format.money($0.taxableCents),
                    tax: format.money($0.vatCents))
            },
            taxable: format.money(view.taxableCents), vat: format.money(view.vatCents),
            total: format.money(view.totalCents),
            changes: view.changes.map {
                Change(
                    position: $0.position, field: strings["field-\($0.field)"] ?? $0.field, oldValue: $0.oldValue,
                    newValue: $0.newValue, changedBy: $0.changedBy, changedAt: format.time($0.changedAt))
            },
            hasChanges: !view.changes.isEmpty, flaggedCount: view.lines.filter(\.needsPrice).count,
            problems: problems.map { $0.shown(format.language) }, hasProblems: !problems.isEmpty, saved: saved,
            csrf: csrf)
    }
}
