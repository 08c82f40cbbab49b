/// Turns a `DecodingError` into a sentence that names the field, for 400 responses; never
/// leaks decoder internals.
public enum DecodingProblem {
    /// What is wrong with a body, naming the field (`'start' is missing.`), for a 400.
    public static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "it is not valid JSON." }
        func path(_ codingPath: [any CodingKey]) -> String {
            let joined = codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return joined.isEmpty ? "the body" : joined
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "\(path(context.codingPath + [key])) is required."
        case .typeMismatch(let type, let context):
            return "\(path(context.codingPath)) must be \(describe(type))."
        case .valueNotFound(let type, let context):
            return "\(path(context.codingPath)) must be \(describe(type)), not null."
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty
                ? "it is not valid JSON."
                : "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "it could not be read."
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Int.Type, is Double.Type: return "a number"
        case is Bool.Type: return "true or false"
        default: return "of the right type"
        }
    }
}
