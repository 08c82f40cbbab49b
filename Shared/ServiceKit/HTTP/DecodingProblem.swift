/// What is wrong with a JSON body, in words a caller can act on: the path of the field at fault
/// and what it should have been ("customer.name is required.").
public enum DecodingProblem {
    /// The problem in English, as the API's refusals have always said it.
    public static func describe(_ error: any Error) -> String {
        wording(error).en
    }

    /// The problem in both languages.
    public static func wording(_ error: any Error) -> Wording {
        guard let error = error as? DecodingError else { return notJSON }
        func path(_ codingPath: [any CodingKey]) -> Wording {
            let joined = codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return joined.isEmpty ? Wording(it: "il corpo", en: "the body") : Wording(it: joined, en: joined)
        }
        switch error {
        case .keyNotFound(let key, let context):
            let field = path(context.codingPath + [key])
            return Wording(it: "\(field.it) è obbligatorio.", en: "\(field.en) is required.")
        case .typeMismatch(let type, let context):
            let field = path(context.codingPath)
            let kind = describe(type)
            return Wording(it: "\(field.it) deve essere \(kind.it).", en: "\(field.en) must be \(kind.en).")
        case .valueNotFound(let type, let context):
            let field = path(context.codingPath)
            let kind = describe(type)
            return Wording(
                it: "\(field.it) deve essere \(kind.it), non null.", en: "\(field.en) must be \(kind.en), not null.")
        case .dataCorrupted(let context):
            guard !context.codingPath.isEmpty else { return notJSON }
            // The decoder's own explanation exists in English only.
            let field = path(context.codingPath)
            return Wording(
                it: "\(field.it): \(context.debugDescription)", en: "\(field.en): \(context.debugDescription)")
        @unknown default:
            return Wording(it: "non si riesce a leggerlo.", en: "it could not be read.")
        }
    }

    private static let notJSON = Wording(it: "non è JSON valido.", en: "it is not valid JSON.")

    private static func describe(_ type: Any.Type) -> Wording {
        switch type {
        case is String.Type: Wording(it: "un testo", en: "a string")
        case is Int.Type, is Double.Type: Wording(it: "un numero", en: "a number")
        case is Bool.Type: Wording(it: "true o false", en: "true or false")
        default: Wording(it: "del tipo giusto", en: "of the right type")
        }
    }
}
