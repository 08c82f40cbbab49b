package import AriannaWording

/// One rule an input broke, tied to the field (form name or JSON member) it is about, so a page
/// can show it next to the field. The message is in every page language.
package struct BillingProblem: Sendable, Equatable {
    /// The form field or JSON member, e.g. `price`, `lines[2].quantity`.
    package var field: String
    /// What is wrong with it, in both languages.
    package var wording: Wording

    /// The problem `wording` about `field`.
    package init(_ field: String, _ wording: Wording) {
        self.field = field
        self.wording = wording
    }

    /// `{"field": "price", "message": "…"}` in one language; also a page's problem model.
    package struct Shown: Codable, Sendable, Equatable {
        /// The form field or JSON member it is about.
        package var field: String
        /// The problem in the reader's language.
        package var message: String
    }

    /// The problem as a reader of `language` sees it.
    package func shown(_ language: PageLanguage) -> Shown {
        Shown(field: field, message: wording.text(language))
    }
}

/// Why billing refused a request, in words a billing clerk can act on (Italian and English).
/// Every check runs before anything is written, so a refusal leaves the store as it was.
package enum BillingError: Error, Equatable, CustomStringConvertible {
    /// The input breaks one or more rules: every problem, not only the first (422).
    case invalid([BillingProblem])
    /// No such thing; `kind` names it (Italian with its article: "l'articolo"; English bare: "article") (404).
    case notFound(kind: Wording, id: String)
    /// The request clashes with what is stored: a code taken, a confirmed document (409).
    case conflict(Wording)
    /// The request cannot be read: a period's day that is not a date, a form body that is not
    /// URL-encoded (400).
    case unreadable([BillingProblem])

    /// The unknown billing document `id`.
    package static func documentNotFound(_ id: String) -> BillingError {
        .notFound(kind: Wording(it: "il documento", en: "billing document"), id: id)
    }

    /// The unknown article `code`.
    package static func articleNotFound(_ code: String) -> BillingError {
        .notFound(kind: Wording(it: "l'articolo", en: "article"), id: code)
    }

    /// The refusal in English, for logs and test failures.
    package var description: String { message() }

    /// The whole refusal in `language` (English unless asked).
    package func message(language: PageLanguage = .en) -> String {
        switch self {
        case .invalid(let problems):
            Wording(it: "Non è possibile salvare: ", en: "This cannot be saved: ").text(language)
                + problems.map { $0.wording.text(language) }.joined(separator: " ")
        case .notFound(let kind, let id):
            Wording(it: "Non esiste \(kind.it) '\(id)'.", en: "There is no \(kind.en) '\(id)'.").text(language)
        case .conflict(let wording):
            wording.text(language)
        case .unreadable(let problems):
            problems.map { $0.wording.text(language) }.joined(separator: " ")
        }
    }

    /// The problems by field, for forms (a conflict or a missing thing has no field).
    package var problems: [BillingProblem] {
        switch self {
        case .invalid(let problems), .unreadable(let problems): problems
        case .notFound, .conflict: [BillingProblem("", Wording(it: message(language: .it), en: message(language: .en)))]
        }
    }
}

/// Collects the problems of one input before anything is written.
package struct BillingProblems {
    /// The problems found so far, in the order they were found.
    package private(set) var list: [BillingProblem] = []

    /// No problem yet: a check starts with this and adds what it finds.
    package init() {}

    /// Records a problem about `field`.
    package mutating func add(_ field: String, _ wording: Wording) {
        list.append(BillingProblem(field, wording))
    }

    /// Records a problem unless `condition` holds.
    package mutating func require(_ condition: Bool, _ field: String, _ wording: @autoclosure () -> Wording) {
        if !condition { add(field, wording()) }
    }

    /// Throws ``BillingError/invalid(_:)`` when anything was found.
    package func throwIfAny() throws {
        if !list.isEmpty { throw BillingError.invalid(list) }
    }
}
