import Foundation
import IntakeDomain
import ServiceKit

/// What an administrator sends to create or change a user; on a change, a missing field keeps
/// its value. Permissions and language arrive as text so a wrong value is a field problem
/// ("permissions[1]: 'fly' is not a permission") rather than an unreadable body.
public struct UserChange: Codable, Sendable, Equatable {
    /// The login name, unique whatever the case.
    public var username: String?
    /// At least `UserChange.minimumPasswordLength` characters; stored as bcrypt.
    public var password: String?
    /// Empty string unlinks the operator.
    public var operatorID: String?
    /// Permission names (`tickets.open`…); an unknown one is a field problem.
    public var permissions: [String]?
    /// The practices whose tickets the user sees (R4); empty: all.
    public var practiceIDs: [String]?
    /// `it`, `en`, or empty for "follow the browser".
    public var language: String?
    /// False deactivates the user and ends their sessions on every service.
    public var active: Bool?

    /// A change of the fields given; the others are kept.
    public init(
        username: String? = nil, password: String? = nil, operatorID: String? = nil, permissions: [String]? = nil,
        practiceIDs: [String]? = nil, language: String? = nil, active: Bool? = nil
    ) {
        self.username = username
        self.password = password
        self.operatorID = operatorID
        self.permissions = permissions
        self.practiceIDs = practiceIDs
        self.language = language
        self.active = active
    }

    /// R17: passwords are chosen by an administrator; ten characters at least.
    public static let minimumPasswordLength = 10

    /// Shape rules that need no database; references (operator, practices) and uniqueness are
    /// checked by `UserDirectory` in the write transaction.
    func shapeProblems(creating: Bool) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        if creating || username != nil {
            let name = username?.trimmingCharacters(in: .whitespaces) ?? ""
            if name.isEmpty {
                problems.append(
                    .init(field: "username", Wording(it: "Manca il nome utente.", en: "The user name is required.")))
            } else if name.count < 3 || name.count > 40
                || !name.unicodeScalars.allSatisfy({
                    CharacterSet.alphanumerics.contains($0) || ".-_@".unicodeScalars.contains($0)
                })
            {
                problems.append(
                    .init(
                        field: "username",
                        Wording(
                            it: "Il nome utente deve avere da 3 a 40 lettere, cifre o . - _ @ (ora è '\(name)').",
                            en: "The user name must be 3 to 40 letters, digits or . - _ @ (it is '\(name)').")))
            }
        }
        if creating, password == nil || password?.isEmpty == true {
            problems.append(
                .init(
                    field: "password",
                    Wording(
                        it: "Un nuovo utente ha bisogno di una password.", en: "A password is required for a new user.")
                ))
        } else if let password, password.count < Self.minimumPasswordLength {
            problems.append(
                .init(
                    field: "password",
                    Wording(
                        it:
                            "La password deve avere almeno \(Self.minimumPasswordLength) caratteri (ne ha \(password.count)).",
                        en:
                            "The password must be at least \(Self.minimumPasswordLength) characters long (it has \(password.count))."
                    )))
        }
        for (index, name) in (permissions ?? []).enumerated() where Permission(rawValue: name) == nil {
            problems.append(
                .init(
                    field: "permissions[\(index)]",
                    Wording(
                        it:
                            "'\(name)' non è un permesso; usa uno di questi: \(Permission.allCases.map(\.rawValue).joined(separator: ", ")).",
                        en:
                            "'\(name)' is not a permission; use one of \(Permission.allCases.map(\.rawValue).joined(separator: ", "))."
                    )))
        }
        if let language, !language.isEmpty, PageLanguage(rawValue: language) == nil {
            problems.append(
                .init(
                    field: "language",
                    Wording(
                        it: "La lingua deve essere 'it' o 'en' (ora è '\(language)').",
                        en: "The language must be 'it' or 'en' (it is '\(language)').")))
        }
        return problems
    }
}
