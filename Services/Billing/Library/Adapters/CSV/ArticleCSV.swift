import AriannaFiles
import BillingDomain
import Foundation
import ServiceKit

/// The article catalogue's CSV import: a header row naming the columns (`code`, `description`,
/// `descriptionEN`, `unit`, `price`, `vatRatePercent`, `kind`; `;`, `,` or tab separated, fields
/// may be quoted, read by `CSVTable`), one article per row. All or nothing: every row is checked first, and a file with a
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

    /// The rows of `text` as inputs with their row numbers, or a refusal when the file is not
    /// CSV or the header is wrong. The file is read by `CSVTable`, the project's one CSV reader
    /// (the separator is the one the header uses most; quoted fields may hold separators, quotes
    /// and line breaks; blank lines are skipped and do not count as rows).
    static func parse(_ text: String) throws -> [(row: Int, input: ArticleInput)] {
        let table: CSVTable
        do {
            table = try CSVTable(bytes: Array(text.utf8))
        } catch .empty {
            throw BillingError.invalid([
                BillingProblem("file", Wording(it: "Il file è vuoto.", en: "The file is empty."))
            ])
        } catch {
            throw BillingError.invalid([BillingProblem("file", error.wording)])
        }
        let names = table.header.map { $0.trimmingCharacters(in: .whitespaces) }
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
        return table.records.map { record in
            func value(_ name: String) -> String? {
                guard let position = names.firstIndex(of: name), position < record.fields.count else { return nil }
                return record.fields[position]
            }
            return (
                record.number,
                ArticleInput(
                    code: value("code"), description: value("description"), descriptionEN: value("descriptionEN"),
                    unit: value("unit"), price: value("price"), vatRatePercent: value("vatRatePercent"),
                    kind: value("kind"))
            )
        }
    }
}
