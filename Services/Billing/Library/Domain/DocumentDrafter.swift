package import AriannaProtocol

/// Drafts the lines of a closed ticket's document (R19): the activity type's billing articles
/// (R5 palette), then labour for the worked minutes, travel for the travel minutes, then the
/// materials of the report, each priced from the catalogue and discounted by the registration
/// type's ``PriceRule``. Pure, so every registration type is tested without a database.
///
/// An article the catalogue does not know is never billed at zero: its line is flagged
/// (``DocumentLine/needsPrice``) for the clerk, and the document cannot be confirmed until the
/// clerk has priced it.
package enum DocumentDrafter {
    /// The code of the hourly labour article; its price is the labour rate.
    package static let labourCode = "LAB-HOUR"
    /// The code of the hourly travel article, billed for travel time when the report has some.
    package static let travelCode = "LAB-TRAVEL"

    /// The lines for `ticket`; empty when the rule bills nothing.
    package static func lines(
        for ticket: TicketClosed, typeArticles: [ActivityTypeSnapshot.BillingArticle], rule: PriceRule,
        article: (String) -> ArticleSnapshot?
    ) -> [DocumentLine] {
        guard rule.billsDocument else { return [] }
        var lines: [DocumentLine] = []
        for typeArticle in typeArticles {
            let code = typeArticle.code.trimmingCharacters(in: .whitespaces).uppercased()
            let known = article(code)
            let price = typeArticle.unitPriceCents > 0 ? typeArticle.unitPriceCents : known?.unitPriceCents
            lines.append(
                line(
                    .activityType, code: code, known: known, fallbackDescription: typeArticle.description,
                    quantity: typeArticle.quantity, price: price, discount: rule.typeArticlesDiscountPercent))
        }
        for (source, minutes, code) in [
            (DocumentLine.Source.labour, ticket.workedMinutes, Self.labourCode),
            (.travel, ticket.travelMinutes ?? 0, Self.travelCode)
        ] where minutes > 0 {
            let known = article(code)
            lines.append(
                line(
                    source, code: code, known: known, fallbackDescription: source == .labour ? "Manodopera" : "Viaggio",
                    quantity: Double(minutes) / 60, price: known?.unitPriceCents, discount: rule.labourDiscountPercent,
                    unit: "h"))
        }
        for material in ticket.materials {
            let code = material.articleCode.trimmingCharacters(in: .whitespaces).uppercased()
            let known = article(code)
            lines.append(
                line(
                    .material, code: code, known: known, fallbackDescription: material.description,
                    quantity: material.quantity, price: known?.unitPriceCents, discount: rule.materialsDiscountPercent))
        }
        return lines
    }

    /// One line; without a known article (or a price) it is flagged, priced at zero until the
    /// clerk sets the price, and taxed at the ordinary rate until the clerk says otherwise.
    private static func line(
        _ source: DocumentLine.Source, code: String, known: ArticleSnapshot?, fallbackDescription: String,
        quantity: Double, price: Int?, discount: Double, unit: String? = nil
    ) -> DocumentLine {
        let typed = fallbackDescription.trimmingCharacters(in: .whitespaces)
        return DocumentLine(
            source: source, articleCode: code,
            description: known?.description ?? (typed.isEmpty ? code : "\(code) \(typed)"),
            unit: known?.unit ?? unit ?? "pz", quantity: quantity, unitPriceCents: price ?? 0,
            discountPercent: discount, vatRatePercent: known?.vatRatePercent ?? 22,
            needsPrice: known == nil || price == nil)
    }
}
