import Crypto
import Foundation
import GRDB
import ServiceKit

/// API keys for external systems: created with a random secret shown once, stored as its
/// SHA-256, listed without it, revoked (never deleted).
struct APIKeyDirectory: Sendable {
    let database: ServiceDatabase
    let clock: ServiceClock
    let ids: IDGenerator

    init(context: ServiceContext) {
        self.database = context.database
        self.clock = context.clock
        self.ids = context.ids
    }

    /// Hex SHA-256 of a secret: what `apiKey.keyHash` holds.
    static func hash(_ secret: String) -> String {
        SHA256.hash(data: Data(secret.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    func keys() async throws -> [APIKeyView] {
        try await database.read { db in
            try APIKeyRecord.order(Column("createdAt").desc).fetchAll(db).map(APIKeyView.init)
        }
    }

    func create(_ request: NewAPIKey) async throws -> CreatedAPIKey {
        var problems: [FieldProblem] = []
        let name = request.name.trimmingCharacters(in: .whitespaces)
        if name.isEmpty || name.count > 80 {
            problems.append(.init(field: "name", Wording(it: "La chiave ha bisogno di un nome da 1 a 80 caratteri (chi la usa).", en: "The key needs a name of 1 to 80 characters (who uses it).")))
        }
        for (index, permission) in request.permissions.enumerated() where Permission(rawValue: permission) == nil {
            problems.append(.init(field: "permissions[\(index)]", Wording(
                it: "'\(permission)' non è un permesso; usa uno di questi: \(Permission.allCases.map(\.rawValue).joined(separator: ", ")).",
                en: "'\(permission)' is not a permission; use one of \(Permission.allCases.map(\.rawValue).joined(separator: ", ")).")))
        }
        if request.permissions.isEmpty {
            problems.append(.init(field: "permissions", Wording(it: "Scegli almeno un permesso per la chiave.", en: "Choose at least one permission for the key.")))
        }
        if !problems.isEmpty { throw SetupError.invalid(problems) }
        let secret = "ak_" + SymmetricKey(size: .bits256).withUnsafeBytes { bytes in
            Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
                .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        }
        let record = APIKeyRecord(
            id: ids.next(), name: name, keyHash: Self.hash(secret),
            permissions: Set(request.permissions.compactMap(Permission.init(rawValue:))).sorted(),
            createdAt: clock.now(), revokedAt: nil)
        try await database.write { db in try record.insert(db) }
        return CreatedAPIKey(key: APIKeyView(record), secret: secret)
    }

    func revoke(id: String) async throws -> APIKeyView {
        let now = clock.now()
        return try await database.write { db in
            guard var record = try APIKeyRecord.fetchOne(db, key: id) else { throw SetupError.notFound(kind: Wording(it: "nessuna chiave API", en: "API key"), id: id) }
            if record.revokedAt == nil {
                record.revokedAt = now
                try record.update(db)
            }
            return APIKeyView(record)
        }
    }

    /// The client holding `secret`, unless unknown or revoked.
    func client(secret: String) async throws -> APIClient? {
        let hash = Self.hash(secret)
        return try await database.read { db in
            try APIKeyRecord.filter(Column("keyHash") == hash && Column("revokedAt") == nil).fetchOne(db)
                .map { APIClient(id: $0.id, name: $0.name, permissions: Set($0.permissions)) }
        }
    }
}
