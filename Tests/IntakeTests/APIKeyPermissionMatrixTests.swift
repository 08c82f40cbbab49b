import Foundation
import Hummingbird
import HummingbirdTesting
import ServiceTestSupport
import Testing

@testable import IntakeService
@testable import ServiceKit

/// Intake's permission matrix (`PermissionMatrixTests.routes`) again with API keys instead of
/// sessions: a key lacking the route's permission gets 403, a key holding one of them passes.
@Suite struct APIKeyPermissionMatrixTests {
    @Test func everyRoute_withAKeyWithoutThePermission_is403_andWithIt_isNeither401Nor403() async throws {
        let fixture = try await IntakeFixture()
        try await Application(router: fixture.router).test(.router) { client in
            for route in PermissionMatrixTests.routes {
                let others = Set(Permission.allCases).subtracting(route.needs)
                let without = try await PermissionMatrix.apiKey(permissions: others, context: fixture.context)
                let refused = try await PermissionMatrixTests.call(
                    client, route, extra: [.authorization: "Bearer \(without)"])
                #expect(refused.status == .forbidden, "\(route)")
                #expect(
                    String(buffer: refused.body).contains(route.needs.sorted()[0].rawValue),
                    "\(route) names the permission")

                let with = try await PermissionMatrix.apiKey(
                    permissions: [route.needs.sorted()[0]], context: fixture.context)
                let response = try await PermissionMatrixTests.call(
                    client, route, extra: [.authorization: "Bearer \(with)"])
                #expect(
                    response.status != .unauthorized && response.status != .forbidden,
                    "\(route): \(response.status) \(String(buffer: response.body).prefix(200))")
            }
        }
    }
}
