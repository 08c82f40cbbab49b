import Foundation

extension String {
    /// Without leading and trailing whitespace and line breaks: what people meant to type.
    package var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
