import Foundation

/// A customer address we are willing to put in a `To:` header.
///
/// Addresses come from intake's customer records, typed by people: anything with spaces,
/// line breaks or header punctuation is refused here, because it would either bounce or, worse,
/// let text from a customer record add headers to the message.
package struct EmailRecipient: Sendable, Equatable {
    /// The bare address, trimmed, e.g. `facilities@rossi.example`.
    package let address: String
    /// The display name shown beside it (the customer's name).
    package let name: String

    /// `nil` when `address` is absent, blank or not a plausible single address.
    package init?(address: String?, name: String) {
        guard let trimmed = address?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty,
            Self.isPlausible(trimmed)
        else { return nil }
        self.address = trimmed
        self.name = name
    }

    /// An address validated when its job was queued, read back from the store.
    package init(validatedAddress: String, name: String) {
        self.address = validatedAddress
        self.name = name
    }

    /// One `@`, something on both sides, a dot in the domain, no whitespace, controls or the
    /// characters that delimit addresses in a header. Deliverability is the mail server's call.
    package static func isPlausible(_ address: String) -> Bool {
        guard address.utf8.count <= 254 else { return false }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
            !parts[1].hasPrefix("."), !parts[1].hasSuffix(".")
        else { return false }
        let forbidden = "<>(),;:\\\"[]"
        return address.unicodeScalars.allSatisfy { scalar in
            scalar.value > 0x20 && scalar.value != 0x7F && !scalar.properties.isWhitespace
                && !forbidden.unicodeScalars.contains(scalar)
        }
    }
}
