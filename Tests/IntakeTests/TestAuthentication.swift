import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting

@testable import IntakeService
@testable import ServiceKit

extension IntakeFixture {
    /// A live session for a fresh user with `permissions`: the user and session rows exist (intake
    /// checks them), and the cookie is signed with the fixture's key.
    func session(
        _ permissions: Set<Permission> = Set(Permission.allCases), username: String? = nil, operatorID: String? = nil
    ) async throws -> SessionCredentials {
        let name = username ?? "tester-\(UUID().uuidString.prefix(8).lowercased())"
        let credentials = SessionCredentials.mint(
            permissions: permissions, key: context.configuration.sessionKey, now: Self.now, username: name,
            operatorID: operatorID)
        let claims = credentials.claims
        try await context.database.write { db in
            try UserRecord(
                id: claims.userID, username: name, operatorID: operatorID, passwordHash: nil,
                permissions: permissions.sorted(), practiceIDs: [], language: nil, active: true
            ).insert(db)
            try SessionRecord(
                id: claims.sessionID, userID: claims.userID, createdAt: Self.now,
                expiresAt: claims.expiresAt, endedAt: nil
            ).insert(db)
        }
        return credentials
    }

    /// The intake router with its authentication, as the service runs it.
    var router: ServiceRouter { ServiceRuntime.buildRouter(IntakeService.definition, context: context) }
}
