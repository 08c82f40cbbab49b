import Foundation
import IntakeDomain
import ServiceKit

/// How a setup kind's form looks: sections of fields and of repeated rows (layout fields,
/// billing articles, follow-up rules, sites). Field names are JSON paths with dots
/// (`productionOrder.quantity`, `layout.0.key`), so the posted form turns into the same JSON
/// the API takes and the store's problems (`layout[0].key`) map back onto the fields.
struct SetupForm {
    /// What kind of control a field is.
    enum Control {
        /// A one-line text, an email, an integer, a decimal, a colour picker or a checkbox.
        case text, email, number, decimal, colour, checkbox
        /// Carried along unseen (a site's id).
        case hidden
        /// Several comma-separated values, posted as a JSON array (a choice field's choices).
        case list
        /// One of `options`; `clearable` posts "" for the empty choice (e.g. "no practice").
        case select([Option], clearable: Bool)
        /// Any of `options`, posted as a JSON array (an operator's groups).
        case checkboxes([Option])
    }

    /// A choice of a setup form's select or checkbox list.
    struct Option {
        /// The value posted when chosen.
        let value: String
        /// What the choice shows.
        let label: String
    }

    /// One input of a setup form: its name, its label and its kind of control.
    struct Field {
        /// Path inside the item (inside the row, for a row's column).
        let name: String
        /// Key of its label in the strings.
        let labelKey: String
        /// How the field is drawn and posted.
        let control: Control
        /// Whether the form refuses to be sent without it.
        var required = false
        /// Shown only when creating (a sequence's prefix cannot change).
        var createOnly = false
    }

    /// Repeated rows, e.g. the layout fields of an activity type.
    struct Rows {
        /// The array's path: `layout`.
        let name: String
        /// Key of the rows' title in the strings.
        let titleKey: String
        /// The inputs of each row.
        let columns: [Field]
    }

    /// A titled group of a setup form's inputs (an activity type's palettes are three).
    struct Section {
        /// Key of the section's title in the strings.
        let titleKey: String
        /// The section's single inputs.
        var fields: [Field] = []
        /// The section's repeated rows.
        var rows: [Rows] = []
        /// An object that is absent when all its fields are blank (`productionOrder`).
        var optionalObject: String? = nil
    }

    /// The form's sections, in order.
    let sections: [Section]
}

/// What the user typed (or what is stored), by field name, as posted.
struct FormValues: Sendable {
    /// Every field's values by name; a list or checkboxes field has several.
    var values: [String: [String]]

    /// Values as posted or as a stored item gives them.
    init(_ values: [String: [String]] = [:]) { self.values = values }

    /// The first value of `name`, empty when absent.
    subscript(_ name: String) -> String { values[name]?.first ?? "" }

    /// Sets `name` to `value`, unless it is nil.
    mutating func set(_ name: String, _ value: String?) {
        if let value { values[name] = [value] }
    }

    /// Ticks the checkbox `name` when `flag` is true.
    mutating func set(_ name: String, _ flag: Bool) {
        if flag { values[name] = ["on"] }
    }

    /// Sets the several values of `name`.
    mutating func set(_ name: String, list: [String]) { values[name] = list }

    /// The indices of the rows of `rows` present in the form, in order.
    func rowIndices(_ rows: String) -> [Int] {
        Set(
            values.keys.compactMap { key -> Int? in
                guard key.hasPrefix(rows + ".") else { return nil }
                return Int(key.dropFirst(rows.count + 1).prefix { $0 != "." })
            }
        ).sorted()
    }
}

extension SetupForm {
    /// The JSON object the form describes, the problems of values that are not even the right
    /// shape (a duration that is not a number), and the form with blank rows dropped and the
    /// rest renumbered from 0 (so the store's `layout[1]` is the second row shown again).
    /// Unchecked boxes are false; a blank optional object is null.
    func json(from form: FormValues, creating: Bool) -> (
        object: [String: Any], problems: [FieldProblem], normalized: FormValues
    ) {
        var object: [String: Any] = [:]
        var problems: [FieldProblem] = []
        var normalized = FormValues()
        func convert(_ field: Field, from key: String, as reportKey: String, into target: inout [String: Any]) {
            let text = form[key].trimmingCharacters(in: .whitespacesAndNewlines)
            normalized.values[reportKey] = form.values[key]
            let path = field.name.split(separator: ".").map(String.init)
            var value: Any?
            switch field.control {
            case .text, .email, .colour, .hidden: value = text
            case .number:
                if text.isEmpty {
                    value = nil
                } else if let number = Int(text) {
                    value = number
                } else {
                    problems.append(
                        FieldProblem(
                            field: reportKey,
                            Wording(it: "'\(text)' non è un numero intero.", en: "'\(text)' is not a whole number.")))
                }
            case .decimal:
                let decimal = text.replacingOccurrences(of: ",", with: ".")
                if text.isEmpty {
                    value = nil
                } else if let number = Double(decimal) {
                    value = number
                } else {
                    problems.append(
                        FieldProblem(
                            field: reportKey,
                            Wording(it: "'\(text)' non è un numero.", en: "'\(text)' is not a number.")))
                }
            case .checkbox: value = !text.isEmpty
            case .list:
                value = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
                    !$0.isEmpty
                }
            case .select(_, let clearable):
                value = text.isEmpty ? (clearable ? "" : nil) : text
            case .checkboxes:
                value = (form.values[key] ?? []).filter { !$0.isEmpty }
            }
            if let value { Self.set(value, at: path, in: &target) }
        }
        for section in sections {
            var sectionObject: [String: Any] = [:]
            for field in section.fields where creating || !field.createOnly {
                convert(field, from: field.name, as: field.name, into: &sectionObject)
            }
            if let optional = section.optionalObject,
                section.fields.allSatisfy({ form[$0.name].trimmingCharacters(in: .whitespaces).isEmpty })
            {
                sectionObject[optional] = NSNull()
            }
            for rows in section.rows {
                var list: [[String: Any]] = []
                for index in form.rowIndices(rows.name) {
                    let typed = rows.columns.filter { column in
                        switch column.control {
                        case .checkbox, .select, .hidden: false
                        default: true
                        }
                    }
                    guard
                        typed.contains(where: {
                            !form["\(rows.name).\(index).\($0.name)"].trimmingCharacters(in: .whitespaces).isEmpty
                        })
                    else { continue }
                    var row: [String: Any] = [:]
                    for column in rows.columns {
                        convert(
                            column, from: "\(rows.name).\(index).\(column.name)",
                            as: "\(rows.name).\(list.count).\(column.name)", into: &row)
                    }
                    list.append(row)
                }
                sectionObject[rows.name] = list
            }
            object.merge(sectionObject) { _, new in new }
        }
        return (object, problems, normalized)
    }

    /// Sets `value` at a dotted path, creating the objects on the way.
    static func set(_ value: Any, at path: [String], in object: inout [String: Any]) {
        guard let first = path.first else { return }
        if path.count == 1 {
            object[first] = value
            return
        }
        var inner = object[first] as? [String: Any] ?? [:]
        set(value, at: Array(path.dropFirst()), in: &inner)
        object[first] = inner
    }

    /// `layout[1].key` (the store's path) → `layout.1.key` (the form's name).
    static func formName(ofProblemField field: String) -> String {
        field.replacingOccurrences(of: "[", with: ".").replacingOccurrences(of: "]", with: "")
    }
}
