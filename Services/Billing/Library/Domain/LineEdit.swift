import AriannaWording

/// What the clerk changes on one draft line; absent members stay as they are. Text as typed, so
/// the form and the JSON API share one validation.
package struct LineEdit: Decodable, Sendable {
    /// Greater than zero, at most three decimals.
    package var quantity: String?
    /// In euros with at most two decimals.
    package var price: String?
    /// 0…100.
    package var discountPercent: String?
    /// 22, 10, 4 or 0.
    package var vatRatePercent: String?
    /// Required when present, 200 characters at most.
    package var description: String?

    /// An edit of the given fields only.
    package init(
        quantity: String? = nil, price: String? = nil, discountPercent: String? = nil,
        vatRatePercent: String? = nil, description: String? = nil
    ) {
        self.quantity = quantity
        self.price = price
        self.discountPercent = discountPercent
        self.vatRatePercent = vatRatePercent
        self.description = description
    }

    /// The JSON members of a line edit (`quantity`, `price`, `discountPercent`, `vatRatePercent`,
    /// `description`), named as the form's fields.
    enum CodingKeys: String, CodingKey {
        /// One case per editable field: each maps the property of the same name to its JSON member.
        case quantity, price, discountPercent, vatRatePercent, description
    }

    /// Reads a JSON edit; numbers are taken as their decimal text, so `12.5` and `"12,50"` validate alike.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func text(_ key: CodingKeys) throws -> String? {
            if let text = try? container.decodeIfPresent(String.self, forKey: key) { return text }
            guard let number = try container.decodeIfPresent(Double.self, forKey: key) else { return nil }
            return number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : "\(number)"
        }
        quantity = try text(.quantity)
        price = try text(.price)
        discountPercent = try text(.discountPercent)
        vatRatePercent = try text(.vatRatePercent)
        description = try container.decodeIfPresent(String.self, forKey: .description)
    }

    /// One changed field: name, old and new value as shown, for the change log.
    package struct Change: Sendable, Equatable {
        /// Which field changed.
        package var field: String
        /// The value before, as shown.
        package var oldValue: String
        /// The value after, as shown.
        package var newValue: String
    }

    /// `line` with the edit applied and the fields that changed, or every problem found.
    /// Setting a price clears the "needs a price" flag: the clerk has priced the line.
    package func applied(to line: DocumentLine) throws -> (DocumentLine, [Change]) {
        var problems = BillingProblems()
        var edited = line
        var changes: [Change] = []
        if let text = ArticleInput.clean(quantity) {
            if let value = MoneyText.quantity(text) {
                edited.quantity = value
            } else {
                problems.add(
                    "quantity",
                    Wording(
                        it: "La quantità deve essere maggiore di zero, con al massimo tre decimali.",
                        en: "The quantity must be greater than zero, with at most three decimals."))
            }
        }
        if let text = ArticleInput.clean(price) {
            if let cents = MoneyText.cents(text) {
                edited.unitPriceCents = cents
                edited.needsPrice = false
            } else {
                problems.add(
                    "price",
                    Wording(
                        it: "Il prezzo deve essere un importo non negativo con al massimo due decimali, es. 12,50.",
                        en: "The price must be a non-negative amount with at most two decimals, e.g. 12.50."))
            }
        }
        if let text = ArticleInput.clean(discountPercent) {
            if let value = Double(text.replacingOccurrences(of: ",", with: ".")), value >= 0, value <= 100 {
                edited.discountPercent = value
            } else {
                problems.add(
                    "discountPercent",
                    Wording(
                        it: "Lo sconto deve essere una percentuale tra 0 e 100.",
                        en: "The discount must be a percentage between 0 and 100."))
            }
        }
        if let text = ArticleInput.clean(vatRatePercent) {
            if let value = Double(text.replacingOccurrences(of: ",", with: ".")), [22, 10, 4, 0].contains(value) {
                edited.vatRatePercent = value
            } else {
                problems.add(
                    "vatRatePercent",
                    Wording(
                        it: "L'aliquota IVA deve essere una di 22, 10, 4, 0.",
                        en: "The VAT rate must be one of 22, 10, 4, 0."))
            }
        }
        if let description {
            let clean = ArticleInput.clean(description) ?? ""
            if clean.isEmpty || clean.count > 200 {
                problems.add(
                    "description",
                    Wording(
                        it: "La descrizione è obbligatoria (al massimo 200 caratteri).",
                        en: "The description is required (200 characters at most)."))
            } else {
                edited.description = clean
            }
        }
        try problems.throwIfAny()
        func note(_ field: String, _ old: String, _ new: String) {
            if old != new { changes.append(Change(field: field, oldValue: old, newValue: new)) }
        }
        note("quantity", MoneyText.text(quantity: line.quantity), MoneyText.text(quantity: edited.quantity))
        note(
            "price", MoneyText.text(cents: line.unitPriceCents, decimalSeparator: "."),
            MoneyText.text(cents: edited.unitPriceCents, decimalSeparator: "."))
        if line.needsPrice && !edited.needsPrice && line.unitPriceCents == edited.unitPriceCents {
            changes.append(
                Change(
                    field: "price", oldValue: "—",
                    newValue: MoneyText.text(cents: edited.unitPriceCents, decimalSeparator: ".")))
        }
        note(
            "discountPercent", MoneyText.text(quantity: line.discountPercent),
            MoneyText.text(quantity: edited.discountPercent))
        note(
            "vatRatePercent", MoneyText.text(quantity: line.vatRatePercent),
            MoneyText.text(quantity: edited.vatRatePercent))
        note("description", line.description, edited.description)
        return (edited, changes)
    }
}
