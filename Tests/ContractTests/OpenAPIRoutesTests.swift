import BillingService
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import IntakeService
import Logging
import NotificationService
import PlannerService
import ServiceKit
import Testing
import WebReportService

/// Each service's router and its OpenAPI document (docs/openapi/<service>.yaml, bundled as the
/// library's `OpenAPI/openapi.yaml` and served at `/openapi.yaml`) list the same operations, so
/// the document cannot drift from the code: a new route without its documentation, or a
/// documented route that is gone, fails here.
@Suite struct OpenAPIRoutesTests {
    @Test(
        arguments: [
            IntakeService.definition, PlannerService.definition, NotificationService.definition,
            WebReportService.definition, BillingService.definition
        ] as [ServiceDefinition])
    func theDocument_listsExactlyTheRoutersRoutes(_ definition: ServiceDefinition) async throws {
        let url = try #require(definition.openAPIDocument, "\(definition.name) names no OpenAPI document")
        let documented = DocumentedOperations.read(try String(contentsOf: url, encoding: .utf8))
        let routed = try Self.routes(of: definition)
        let undocumented = routed.subtracting(documented).sorted()
        let gone = documented.subtracting(routed).sorted()
        #expect(undocumented == [], "\(definition.name): routes missing from its OpenAPI document")
        #expect(gone == [], "\(definition.name): documented operations the router does not have")
    }

    @Test func theDocuments_inDocs_areTheBundledOnes() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        for (definition, file) in [
            (IntakeService.definition, "intake"), (PlannerService.definition, "planner"),
            (NotificationService.definition, "notification"), (WebReportService.definition, "webreport"),
            (BillingService.definition, "billing")
        ] as [(ServiceDefinition, String)] {
            let bundled = try Data(contentsOf: try #require(definition.openAPIDocument))
            let docs = try Data(contentsOf: root.appending(path: "docs/openapi/\(file).yaml"))
            #expect(bundled == docs, "docs/openapi/\(file).yaml differs from the bundled document")
        }
    }

    @Test func theDocument_isServed_withoutASession() async throws {
        let definition = WebReportService.definition
        let router = try Self.router(of: definition)
        let app = Application(router: router)
        try await app.test(.router) { client in
            let response = try await client.executeRequest(uri: "/openapi.yaml", method: .get, headers: [:], body: nil)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/yaml")
            let served = String(buffer: response.body)
            #expect(served == (try String(contentsOf: try #require(definition.openAPIDocument), encoding: .utf8)))
            #expect(served.hasPrefix("openapi: 3.1."))
        }
    }

    /// "GET /api/tickets/{id}" for each route; wildcards become the document's `{path}`.
    static func routes(of definition: ServiceDefinition) throws -> Set<String> {
        Set(
            try router(of: definition).routes.map { route in
                let path = route.path.components.map { component in
                    switch component.description {
                    case "*", "**": "{path}"
                    case let text: text
                    }
                }
                return "\(route.method.rawValue) /\(path.joined(separator: "/"))"
            })
    }

    /// The service's full router (its routes, health, metrics, the document) over an empty
    /// in-memory store with the service's migrations.
    static func router(of definition: ServiceDefinition) throws -> ServiceRouter {
        let database = try ServiceDatabase.inMemory(migrations: definition.migrations)
        let context = ServiceContext(
            configuration: ServiceConfiguration(
                serviceName: definition.name, dataDirectory: FileManager.default.temporaryDirectory, httpPort: 0),
            database: database, logger: Logger(label: "test.contract"))
        return ServiceRuntime.buildRouter(definition, context: context)
    }
}
