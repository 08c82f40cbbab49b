import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import IntakeService
@testable import ServiceKit

/// Every intake route × (no identity, an identity lacking its permission, one holding it):
/// 401 (or a redirect to the login page), 403, and anything but 401/403.
@Suite struct PermissionMatrixTests {
    struct Route: CustomStringConvertible, Sendable {
        let method: HTTPRequest.Method
        let path: String
        /// Any one of these grants access; empty = open to everyone.
        let needs: Set<Permission>
        var body: String? = nil
        var isPage: Bool { !path.hasPrefix("/api/") }
        var description: String { "\(method) \(path)" }
    }

    static let ticket =
        #"{"activityTypeCode":"REPAIR","customer":{"name":"Bar Sport"},"description":"Leak","customFields":{"appliance":"Coffee machine"}}"#

    static let routes: [Route] = [
        Route(method: .post, path: "/api/tickets", needs: [.ticketsOpen], body: ticket),
        Route(method: .get, path: "/api/tickets", needs: [.ticketsRead]),
        Route(method: .get, path: "/api/tickets/nope", needs: [.ticketsRead]),
        Route(method: .get, path: "/api/tickets/nope/history", needs: [.ticketsRead]),
        Route(method: .get, path: "/api/customers?q=bar", needs: [.ticketsOpen, .ticketsRead]),
        Route(method: .get, path: "/api/activity-types", needs: [.ticketsRead]),
        Route(method: .get, path: "/api/operators", needs: [.ticketsRead]),
        // a ticket's life after opening (issue 12): back-office work
        Route(
            method: .put, path: "/api/tickets/nope/details", needs: [.plannerSchedule],
            body: #"{"version":1,"description":"x"}"#),
        Route(
            method: .post, path: "/api/tickets/nope/reassign", needs: [.plannerSchedule],
            body: #"{"version":1,"group":"Back office"}"#),
        Route(
            method: .post, path: "/api/tickets/nope/state", needs: [.plannerSchedule],
            body: #"{"version":1,"stateID":"st-working"}"#),
        Route(
            method: .post, path: "/api/tickets/nope/cancel", needs: [.plannerSchedule],
            body: #"{"version":1,"reason":"x"}"#),
        Route(method: .post, path: "/tickets/nope/edit", needs: [.plannerSchedule], body: "version=1&description=x"),
        Route(
            method: .post, path: "/tickets/nope/reassign", needs: [.plannerSchedule],
            body: "version=1&group=Back+office"),
        Route(
            method: .post, path: "/tickets/nope/state", needs: [.plannerSchedule], body: "version=1&stateID=st-working"),
        Route(method: .post, path: "/tickets/nope/cancel", needs: [.plannerSchedule], body: "version=1&reason=x"),
        Route(method: .get, path: "/work", needs: [.plannerSchedule]),
        Route(method: .get, path: "/api/work", needs: [.plannerSchedule]),
        Route(method: .get, path: "/deadlines/new", needs: [.ticketsOpen]),
        Route(method: .post, path: "/deadlines/new", needs: [.ticketsOpen], body: "activityType=DEADLINE"),
        Route(method: .get, path: "/tickets", needs: [.ticketsRead]),
        Route(method: .get, path: "/tickets/nope", needs: [.ticketsRead]),
        Route(method: .get, path: "/tickets/new", needs: [.ticketsOpen]),
        Route(method: .post, path: "/tickets/new", needs: [.ticketsOpen], body: "pick=new"),
        Route(method: .get, path: "/api/users", needs: [.setupEdit]),
        Route(method: .post, path: "/api/users", needs: [.setupEdit], body: #"{"username":"x"}"#),
        Route(method: .get, path: "/api/users/user-mario", needs: [.setupEdit]),
        Route(method: .patch, path: "/api/users/user-mario", needs: [.setupEdit], body: #"{"language":"en"}"#),
        Route(method: .post, path: "/api/users/nope/deactivate", needs: [.setupEdit]),
        Route(method: .get, path: "/api/api-keys", needs: [.setupEdit]),
        Route(method: .post, path: "/api/api-keys", needs: [.setupEdit], body: #"{"name":"","permissions":[]}"#),
        Route(method: .post, path: "/api/api-keys/nope/revoke", needs: [.setupEdit]),
        Route(method: .get, path: "/users", needs: [.setupEdit]),
        Route(method: .get, path: "/users/new", needs: [.setupEdit]),
        Route(method: .post, path: "/users", needs: [.setupEdit], body: "username="),
        Route(method: .get, path: "/users/user-mario", needs: [.setupEdit]),
        Route(
            method: .post, path: "/users/user-mario", needs: [.setupEdit], body: "username=mario&language=en&active=on"),
        Route(method: .post, path: "/users/nope/deactivate", needs: [.setupEdit]),
        Route(method: .get, path: "/api-keys", needs: [.setupEdit]),
        Route(method: .post, path: "/api-keys", needs: [.setupEdit], body: "name="),
        Route(method: .post, path: "/api-keys/nope/revoke", needs: [.setupEdit]),
        // the setup tables and the CSV import (other files; their permissions checked here too)
        Route(method: .get, path: "/api/setup/practices", needs: [.setupEdit]),
        Route(method: .post, path: "/api/setup/practices", needs: [.setupEdit], body: "{}"),
        Route(method: .get, path: "/api/setup/activity-types/nope", needs: [.setupEdit]),
        Route(method: .get, path: "/setup", needs: [.setupEdit]),
        Route(method: .get, path: "/setup/operators", needs: [.setupEdit]),
        Route(method: .get, path: "/api/setup/mailing-lists", needs: [.setupEdit]),
        Route(method: .post, path: "/api/setup/mailing-lists", needs: [.setupEdit], body: "{}"),
        Route(method: .get, path: "/setup/mailing-lists", needs: [.setupEdit]),
        Route(method: .post, path: "/api/imports/tickets", needs: [.ticketsOpen], body: ""),
        Route(method: .get, path: "/import", needs: [.ticketsOpen]),
        // ticket attachments (Attachments/)
        Route(method: .get, path: "/api/tickets/nope/attachments", needs: [.ticketsRead]),
        Route(method: .get, path: "/api/tickets/nope/attachments/nope", needs: [.ticketsRead]),
        Route(method: .post, path: "/api/tickets/nope/attachments", needs: [.ticketsOpen], body: ""),
        Route(method: .post, path: "/tickets/nope/attachments", needs: [.ticketsOpen], body: ""),
        Route(method: .get, path: "/tickets/export.csv", needs: [.ticketsRead]),
        Route(method: .get, path: "/tickets/export.xlsx", needs: [.ticketsRead])
    ]

    /// Routes anyone may call: never 401 or 403.
    static let open: [Route] = [
        Route(method: .get, path: "/login", needs: []),
        Route(method: .post, path: "/login", needs: [], body: "username=x&password=y"),
        Route(method: .post, path: "/api/sessions", needs: [], body: #"{"username":"x","password":"y"}"#),
        Route(method: .get, path: "/health/live", needs: []),
        Route(method: .get, path: "/health/ready", needs: []),
        Route(method: .get, path: "/metrics", needs: [])
    ]

    static func headers(for route: Route, page: Bool) -> HTTPFields {
        var headers: HTTPFields = [.acceptLanguage: "en"]
        if page { headers[.accept] = "text/html" }
        if route.body != nil {
            headers[.contentType] =
                route.path.hasPrefix("/api/") ? "application/json" : "application/x-www-form-urlencoded"
        }
        return headers
    }

    static func call(_ client: some TestClientProtocol, _ route: Route, extra: HTTPFields = [:], page: Bool = false)
        async throws -> TestResponse
    {
        var headers = headers(for: route, page: page)
        headers.append(contentsOf: extra)
        return try await client.executeRequest(
            uri: route.path, method: route.method, headers: headers, body: route.body.map { ByteBuffer(string: $0) })
    }

    @Test func everyRoute_withoutIdentity_is401_orRedirectsPagesToLogin() async throws {
        let fixture = try await IntakeFixture()
        try await Application(router: fixture.router).test(.router) { client in
            for route in Self.routes {
                let response = try await Self.call(client, route)
                #expect(response.status == .unauthorized, "\(route)")
                if route.isPage, route.method == .get {
                    let page = try await Self.call(client, route, page: true)
                    #expect(page.status == .seeOther, "\(route)")
                    #expect(
                        page.headers[.location]?.hasPrefix("/login?next=http%3A%2F%2Flocalhost%2F") == true, "\(route)")
                }
            }
        }
    }

    @Test func everyRoute_withoutThePermission_is403() async throws {
        let fixture = try await IntakeFixture()
        try await Application(router: fixture.router).test(.router) { client in
            for route in Self.routes {
                let user = try await fixture.session(Set(Permission.allCases).subtracting(route.needs))
                let response = try await Self.call(client, route, extra: user.cookieHeaders, page: route.isPage)
                #expect(response.status == .forbidden, "\(route)")
                if route.isPage, route.method == .get {
                    #expect(String(buffer: response.body).contains("Not allowed"), "\(route)")
                }
            }
        }
    }

    @Test func everyRoute_withThePermission_isNeither401Nor403() async throws {
        let fixture = try await IntakeFixture()
        try await Application(router: fixture.router).test(.router) { client in
            for route in Self.routes {
                // exactly one of the needed permissions (any one suffices)
                let user = try await fixture.session(route.needs.isEmpty ? [] : [route.needs.sorted()[0]])
                let response = try await Self.call(client, route, extra: user.cookieHeaders, page: route.isPage)
                #expect(
                    response.status != .unauthorized && response.status != .forbidden,
                    "\(route): \(response.status) \(String(buffer: response.body).prefix(200))")
            }
        }
    }

    @Test func openRoutes_answerAnonymousCallers() async throws {
        let fixture = try await IntakeFixture()
        try await Application(router: fixture.router).test(.router) { client in
            for route in Self.open {
                let response = try await Self.call(client, route)
                #expect(response.status != .forbidden && response.status != .seeOther, "\(route)")
                if route.method == .get { #expect(response.status == .ok, "\(route)") }
            }
        }
    }

    @Test func apiKey_withThePermission_opensTickets_butCannotRead() async throws {
        let fixture = try await IntakeFixture()
        let key = try await APIKeyDirectory(context: fixture.context).create(
            NewAPIKey(name: "Call centre", permissions: ["tickets.open"]))
        try await Application(router: fixture.router).test(.router) { client in
            let open = try await Self.call(client, Self.routes[0], extra: [.init("X-API-Key")!: key.secret])
            #expect(open.status == .created)  // no CSRF token needed for API keys
            let read = try await Self.call(client, Self.routes[1], extra: [.authorization: "Bearer \(key.secret)"])
            #expect(read.status == .forbidden)
        }
    }
}
