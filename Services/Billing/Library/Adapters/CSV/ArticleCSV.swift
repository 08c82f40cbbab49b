import ServiceKit

/// The article catalogue's CSV import: a header row naming the columns (`code`, `description`,
/// `descriptionEN`, `unit`, `price`, `vatRatePercent`, `kind`; `;` or `,` separated, fields may be
/// quoted), one article per row. All or nothing: every row is checked first, and a file with a
/// broken row writes nothing and reports every broken row; otherwise each row creates its article
/// or updates the one with its code.
enum ArticleCSV {
    /// What happened to one row (1-based, the header is row 1).
    struct RowReport: Codable, Sendable, Equatable {
        /// The file's row number.
        var row: Int
        /// The article code the row names.
        var code: String
        /// `created`, `updated` or `refused`.
        var outcome: String
        /// Why a refused row was refused, in the reader's language.
        var problems: [BillingProblem.Shown]
    }

    /// The columns the header may name; all but `descriptionEN` are required.
    static let columns = ["code", "description", "descriptionEN", "unit", "price", "vatRatePercent", "kind"]

    /// The rows of `text` as inputs with their row numbers, or a refusal when the header is wrong.
    static func parse(_ text: String) throws -> [(row: Int, input: ArticleInput)] {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            .map(String.init).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        guard let header = lines.first else {
            throw BillingError.invalid([
                BillingProblem("file", Wording(it: "Il file è vuoto.", en: "The file is empty."))
            ])
        }
        let separator: Character = header.contains(";") ? ";" : ","
        let names = fields(header, separator: separator).map { $0.trimmingCharacters(in: .whitespaces) }
        let missing = ["code", "description", "unit", "price", "vatRatePercent", "kind"].filter { !names.contains($0) }
        guard missing.isEmpty else {
            let list = missing.joined(separator: ", ")
            throw BillingError.invalid([
                BillingProblem(
                    "file",
                    Wording(
                        it: "Nell'intestazione mancano le colonne: \(list).",
                        en: "The header lacks the columns: \(list)."))
            ])
        }
        return lines.dropFirst().enumerated().map { index, line in
            let values = fields(line, separator: separator)
            func value(_ name: String) -> String? {
                guard let position = names.firstIndex(of: name), position < values.count else { return nil }
                return values[position]
            }
            return (
                index + 2,
                ArticleInput(
                    code: value("code"), description: value("description"), descriptionEN: value("descriptionEN"),
                    unit: value("unit"), price: value("price"), vatRatePercent: value("vatRatePercent"),
                    kind: value("kind"))
            )
        }
    }

    /// One CSV line's fields; `"…"` quotes a field, `""` inside it is a quote.
    static func fields(_ line: String, separator: Character) -> [String] {
        var fields: [String] = []
        var current = ""
        var quoted = false
        var characters = Array(line)[...]
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" {
                        current.append("\"")
                        characters.removeFirst()
                    } else {
                        quoted = false
                    }
                } else {
                    current.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == separator {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        return fields
    }
}
