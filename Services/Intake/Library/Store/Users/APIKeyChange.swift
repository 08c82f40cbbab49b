public import Foundation
import IntakeDomain
import ServiceKit

/// What an administrator sends to create an API key: who uses it, what it may do and its limits.
public struct NewAPIKey: Codable, Sendable, Equatable {
    /// Who or what uses the key (1 to 80 characters), shown in the list.
    public var name: String
    /// Permission names the key grants.
    public var permissions: [String]
    /// Services it may be used on (`intake`, `planner`, `notification`, `webreport`, `billing`);
    /// absent or empty: all five.
    public var services: [String]?
    /// Refused from this instant on; absent: never expires.
    public var expiresAt: Date?
    /// Requests per minute on each service (429 past it); absent: no limit.
    public var requestsPerMinute: Int?

    /// A key to create; only the name and permissions are required.
    public init(
        name: String, permissions: [String], services: [String]? = nil, expiresAt: Date? = nil,
        requestsPerMinute: Int? = nil
    ) {
        self.name = name
        self.permissions = permissions
        self.services = services
        self.expiresAt = expiresAt
        self.requestsPerMinute = requestsPerMinute
    }

    /// The names a key may be limited to.
    static let serviceNames = PageNavigation.services.map(\.service)
    /// The highest rate limit accepted: above it, leave the limit out.
    static let maximumRequestsPerMinute = 100_000

    /// Every broken rule, by field, in both languages; empty when the key can be created at `now`.
    func problems(now: Date) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty || trimmed.count > 80 {
            problems.append(
                .init(
                    field: "name",
                    Wording(
                        it: "La chiave ha bisogno di un nome da 1 a 80 caratteri (chi la usa).",
                        en: "The key needs a name of 1 to 80 characters (who uses it).")))
        }
        let allPermissions = Permission.allCases.map(\.rawValue).joined(separator: ", ")
        for (index, permission) in permissions.enumerated() where Permission(rawValue: permission) == nil {
            problems.append(
                .init(
                    field: "permissions[\(index)]",
                    Wording(
                        it: "'\(permission)' non è un permesso; usa uno di questi: \(allPermissions).",
                        en: "'\(permission)' is not a permission; use one of \(allPermissions).")))
        }
        if permissions.isEmpty {
            problems.append(
                .init(
                    field: "permissions",
                    Wording(
                        it: "Scegli almeno un permesso per la chiave.",
                        en: "Choose at least one permission for the key.")))
        }
        let allServices = Self.serviceNames.joined(separator: ", ")
        for (index, service) in (services ?? []).enumerated() where !Self.serviceNames.contains(service) {
            problems.append(
                .init(
                    field: "services[\(index)]",
                    Wording(
                        it: "'\(service)' non è un servizio; usa uno di questi: \(allServices).",
                        en: "'\(service)' is not a service; use one of \(allServices).")))
        }
        if let expiresAt, expiresAt <= now {
            problems.append(
                .init(
                    field: "expiresAt",
                    Wording(it: "La scadenza deve essere nel futuro.", en: "The expiry must be in the future.")))
        }
        if let requestsPerMinute, !(1...Self.maximumRequestsPerMinute).contains(requestsPerMinute) {
            problems.append(
                .init(
                    field: "requestsPerMinute",
                    Wording(
                        it:
                            "Il limite deve essere tra 1 e \(Self.maximumRequestsPerMinute) richieste al minuto (oppure vuoto: nessun limite).",
                        en:
                            "The limit must be between 1 and \(Self.maximumRequestsPerMinute) requests per minute (or empty: no limit)."
                    )))
        }
        return problems
    }
}
