public import AriannaWording
import Foundation

/// One problem with a setup change, tied to the form field (or JSON path) it is about, so a
/// page can show it next to the field and a script can find it. The message is in every page
/// language; the page or API answer picks the request's (`PageLanguage.of`).
public struct FieldProblem: Sendable, Equatable {
    /// JSON path of the field, e.g. `name`, `layout[1].key`, `sites[0].zone`.
    public var field: String
    /// The problem in Italian and English.
    public var wording: Wording

    /// A problem with `field`.
    public init(field: String, _ wording: Wording) {
        self.field = field
        self.wording = wording
    }

    /// The English message (logs, descriptions).
    public var message: String { wording.en }

    /// The problem as shown or sent to a request in `language`.
    public func shown(_ language: PageLanguage) -> Shown {
        Shown(field: field, message: wording.text(language))
    }

    /// `{"field": "code", "message": "…"}` in one language; also the model of a page's problem.
    public struct Shown: Codable, Sendable, Equatable {
        /// The field's JSON path.
        public var field: String
        /// The problem in the request's language.
        public var message: String
    }
}

/// Why a setup change was refused. Validation runs before anything is written, so a refused
/// change leaves the store as it was.
public enum SetupError: Error, Equatable, CustomStringConvertible {
    /// The change breaks one or more rules: every problem, not only the first (422).
    case invalid([FieldProblem])
    /// A code or name that must be unique is taken (409).
    case conflict(field: String, message: Wording)
    /// No such record (404). `kind` is the noun, in Italian with its negative article
    /// ("nessuna pratica"), so the sentence reads "Non esiste nessuna pratica 'x'.".
    case notFound(kind: Wording, id: String)

    /// The refusal in English (logs).
    public var description: String { message(.en) }

    /// The whole refusal in `language`.
    public func message(_ language: PageLanguage) -> String {
        switch self {
        case .invalid(let problems):
            Wording(it: "La modifica non può essere salvata: ", en: "The change cannot be saved: ").text(language)
                + problems.map { $0.wording.text(language) }.joined(separator: " ")
        case .conflict(_, let message):
            message.text(language)
        case .notFound(let kind, let id):
            Wording(it: "Non esiste \(kind.it) '\(id)'.", en: "There is no \(kind.en) '\(id)'.").text(language)
        }
    }

    /// Problems by field, for forms (conflicts included).
    public var problems: [FieldProblem] {
        switch self {
        case .invalid(let problems): problems
        case .conflict(let field, let message): [FieldProblem(field: field, message)]
        case .notFound(let kind, let id):
            [
                FieldProblem(
                    field: "", Wording(it: "Non esiste \(kind.it) '\(id)'.", en: "There is no \(kind.en) '\(id)'."))
            ]
        }
    }
}

/// Collects the problems of one change, with field paths.
package struct SetupProblems {
    /// The problems found so far, in the order they were found.
    package private(set) var list: [FieldProblem] = []

    /// No problem yet.
    package init() {}

    /// Records a problem with `field`.
    package mutating func add(_ field: String, _ message: Wording) {
        list.append(FieldProblem(field: field, message))
    }

    /// Records a problem unless `condition` holds.
    package mutating func require(_ condition: Bool, _ field: String, _ message: @autoclosure () -> Wording) {
        if !condition { add(field, message()) }
    }

    /// A text that must say something; `label` names it ("Il nome del gruppo", "The group name").
    package mutating func required(_ value: String, _ field: String, _ label: Wording) {
        require(
            !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, field,
            Wording(it: "\(label.it) è obbligatorio.", en: "\(label.en) is required."))
    }

    /// Throws `SetupError.invalid` when anything was found.
    package func throwIfAny() throws {
        if !list.isEmpty { throw SetupError.invalid(list) }
    }
}

/// Shape rules shared by the setup kinds.
package enum SetupRules {
    /// Codes: upper-case letters, digits, `-` and `_`, 1–20 characters, starting with a letter.
    package static func isCode(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, ("A"..."Z").contains(first), text.count <= 20 else { return false }
        return text.unicodeScalars.allSatisfy {
            ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
        }
    }

    /// Layout keys: lower-case letters, digits and `_`, starting with a letter.
    package static func isFieldKey(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, ("a"..."z").contains(first), text.count <= 40 else { return false }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    /// `#rrggbb`, lower or upper case.
    package static func isColour(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count == 7, scalars[0] == "#" else { return false }
        return scalars.dropFirst().allSatisfy {
            ("0"..."9").contains($0) || ("a"..."f").contains($0) || ("A"..."F").contains($0)
        }
    }

    /// A plausible email address: something@something.something, no spaces.
    package static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !parts[1].hasPrefix(".")
            && !parts[1].hasSuffix(".") && !text.contains(where: \.isWhitespace)
    }

    /// Trimmed text, nil when blank.
    package static func clean(_ text: String?) -> String? {
        guard let trimmed = text?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
        return trimmed
    }

    /// Whether `text` matches a `?q=` search (case-insensitive substring of any of `fields`).
    package static func matches(_ query: String?, _ fields: String?...) -> Bool {
        guard let query = clean(query) else { return true }
        return fields.contains { $0?.localizedCaseInsensitiveContains(query) ?? false }
    }
}
