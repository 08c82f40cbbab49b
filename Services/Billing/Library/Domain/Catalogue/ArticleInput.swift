package import AriannaProtocol
import AriannaWording

/// An article as the clerk typed it (form) or a system sent it (JSON), before validation.
/// Every member is text so that "12,50" and 12.5 arrive alike and one validation answers both.
package struct ArticleInput: Decodable, Sendable {
    /// Upper-case letters, digits, `-`, `_`, `.`; ignored when editing (a code never changes).
    package var code: String?
    /// The Italian description, required.
    package var description: String?
    /// The English description, optional.
    package var descriptionEN: String?
    /// Unit of measure, required (10 characters at most).
    package var unit: String?
    /// In euros with at most two decimals: `"12.50"`, `"12,5"` or the JSON number `12.5`.
    package var price: String?
    /// 22, 10, 4 or 0.
    package var vatRatePercent: String?
    /// `labour`, `material`, `service` or `finished-product`.
    package var kind: String?
    /// Absent keeps the stored flag (a new article is active).
    package var active: Bool?

    /// An input with the given members; the form and tests build it.
    package init(
        code: String? = nil, description: String? = nil, descriptionEN: String? = nil, unit: String? = nil,
        price: String? = nil, vatRatePercent: String? = nil, kind: String? = nil, active: Bool? = nil
    ) {
        self.code = code
        self.description = description
        self.descriptionEN = descriptionEN
        self.unit = unit
        self.price = price
        self.vatRatePercent = vatRatePercent
        self.kind = kind
        self.active = active
    }

    /// The JSON members of an article (`code`, `description`, `descriptionEN`, `unit`, `price`, `vatRatePercent`,
    /// `kind`, `active`), the same names as the form's fields.
    enum CodingKeys: String, CodingKey {
        /// One case per member: each maps the property of the same name to its JSON member.
        case code, description, descriptionEN, unit, price, vatRatePercent, kind, active
    }

    /// Reads a JSON article; numbers are taken as their decimal text.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        code = try container.decodeIfPresent(String.self, forKey: .code)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        descriptionEN = try container.decodeIfPresent(String.self, forKey: .descriptionEN)
        unit = try container.decodeIfPresent(String.self, forKey: .unit)
        price = try Self.numberOrText(container, .price)
        vatRatePercent = try Self.numberOrText(container, .vatRatePercent)
        kind = try container.decodeIfPresent(String.self, forKey: .kind)
        active = try container.decodeIfPresent(Bool.self, forKey: .active)
    }

    /// A JSON number is taken as its shortest decimal text (12.5 → "12.5", 12.345 → "12.345",
    /// which the price rule then refuses), a string as it is.
    private static func numberOrText(_ container: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws
        -> String?
    {
        if let text = try? container.decodeIfPresent(String.self, forKey: key) { return text }
        guard let number = try container.decodeIfPresent(Double.self, forKey: key) else { return nil }
        return number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : "\(number)"
    }

    /// The article these values describe, or every problem found. `code` is the stored code
    /// when editing (the code of an article never changes).
    package func validated(code fixedCode: String?, storedActive: Bool = true) throws -> ArticleSnapshot {
        var problems = BillingProblems()
        let code = (fixedCode ?? Self.clean(self.code) ?? "").uppercased()
        if fixedCode == nil {
            problems.require(
                !code.isEmpty, "code", Wording(it: "Il codice è obbligatorio.", en: "The code is required."))
            problems.require(
                code.isEmpty || Self.isCode(code), "code",
                Wording(
                    it: "Il codice può avere solo lettere, cifre, '-', '_' e '.' (al massimo 30 caratteri).",
                    en: "The code may only have letters, digits, '-', '_' and '.' (30 characters at most)."))
        }
        let description = Self.clean(self.description) ?? ""
        problems.require(
            !description.isEmpty, "description",
            Wording(it: "La descrizione è obbligatoria.", en: "The description is required."))
        problems.require(
            description.count <= 200, "description",
            Wording(
                it: "La descrizione è troppo lunga (al massimo 200 caratteri).",
                en: "The description is too long (200 characters at most)."))
        let unit = Self.clean(self.unit) ?? ""
        problems.require(
            !unit.isEmpty && unit.count <= 10, "unit",
            Wording(
                it: "L'unità di misura è obbligatoria (al massimo 10 caratteri, es. pz, h, m).",
                en: "The unit is required (10 characters at most, e.g. pz, h, m)."))
        let cents = Self.clean(price).flatMap(MoneyText.cents)
        problems.require(
            cents != nil, "price",
            Wording(
                it: "Il prezzo deve essere un importo non negativo con al massimo due decimali, es. 12,50.",
                en: "The price must be a non-negative amount with at most two decimals, e.g. 12.50."))
        let vat = Self.clean(vatRatePercent).flatMap { Double($0.replacingOccurrences(of: ",", with: ".")) }
        let knownVAT = vat.map { ArticleSnapshot.vatRatesPercent.contains($0) } ?? false
        problems.require(
            knownVAT, "vatRatePercent",
            Wording(
                it: "L'aliquota IVA deve essere una di 22, 10, 4, 0.",
                en: "The VAT rate must be one of 22, 10, 4, 0."))
        let kind = Self.clean(self.kind).flatMap(ArticleKind.init(rawValue:))
        problems.require(
            kind != nil, "kind",
            Wording(
                it: "Il tipo deve essere manodopera, materiale, servizio o prodotto finito.",
                en: "The kind must be labour, material, service or finished product."))
        try problems.throwIfAny()
        return ArticleSnapshot(
            code: code, description: description, descriptionEN: Self.clean(descriptionEN), unit: unit,
            unitPriceCents: cents ?? 0, vatRatePercent: vat ?? 22, kind: kind ?? .material,
            active: active ?? storedActive)
    }

    /// Article codes: letters, digits, `-`, `_`, `.`, 1–30 characters.
    static func isCode(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 30
            && text.unicodeScalars.allSatisfy {
                ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" || $0 == "."
            }
    }

    /// Trimmed text, nil when blank.
    package static func clean(_ text: String?) -> String? {
        guard let trimmed = text?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
        return trimmed
    }
}
