import IntakeDomain

/// Custom field values for a ticket opened from an email (the sender cannot fill a form).
///
/// A body line `Name: value` fills the layout field whose key, label, or one part of a bilingual
/// label (`Apparecchio / Appliance`) is `Name`, ignoring case. A required *text* field the email
/// does not fill gets `toBeCompleted`, so the request is not lost and the back office completes
/// it; a required field of another kind (number, date, yes/no, choice) has no honest
/// placeholder, so such a type rejects the email with the store's reason.
enum EmailCustomFields {
    /// The value given to a required text field the email did not fill, so the ticket still opens
    /// and the back office completes it.
    static let toBeCompleted = "(da completare / to be completed)"

    /// The type's custom fields found in the body's `Name: value` lines, by key or label, whatever
    /// the case.
    static func values(from body: String, layout: [LayoutField]) -> [String: String] {
        var values: [String: String] = [:]
        let lines = body.split(whereSeparator: \.isNewline)
        for field in layout {
            let names = Set(
                ([field.key, field.label] + field.label.split(separator: "/").map(String.init))
                    .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty })
            for line in lines {
                guard let colon = line.firstIndex(of: ":") else { continue }
                let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
                let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                if names.contains(name), !value.isEmpty {
                    values[field.key] = value
                    break
                }
            }
            if values[field.key] == nil, field.required, field.kind == .text {
                values[field.key] = toBeCompleted
            }
        }
        return values
    }
}
