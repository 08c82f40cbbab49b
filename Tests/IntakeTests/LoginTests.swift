import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import IntakeDomain
import Testing

@testable import IntakeService
@testable import ServiceKit

/// Login, logout, throttling, redirects and the admin forms, through the real router with real
/// bcrypt and a real SQLite store.
@Suite struct LoginTests {
    static let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded", .acceptLanguage: "en"]

    static func encoded(_ fields: [(String, String)]) -> ByteBuffer {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return ByteBuffer(
            string: fields.map {
                "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed)!)"
            }.joined(separator: "&"))
    }

    static func withApp(_ test: @escaping @Sendable (any TestClientProtocol, IntakeFixture) async throws -> Void)
        async throws
    {
        let fixture = try await IntakeFixture()
        try await Application(router: fixture.router).test(.router) { client in try await test(client, fixture) }
    }

    /// The `arianna_session` value in a response's `Set-Cookie`.
    static func sessionCookie(_ response: TestResponse) -> String? {
        guard let header = response.headers[.setCookie], header.hasPrefix("\(SessionToken.cookieName)=") else {
            return nil
        }
        return String(header.dropFirst(SessionToken.cookieName.count + 1).prefix { $0 != ";" })
    }

    static func logIn(_ client: some TestClientProtocol, _ username: String, _ password: String) async throws
        -> TestResponse
    {
        try await client.executeRequest(
            uri: "/api/sessions", method: .post, headers: [.contentType: "application/json", .acceptLanguage: "en"],
            body: ByteBuffer(string: #"{"username":"\#(username)","password":"\#(password)"}"#))
    }

    @Test func loginForm_withTheDemoPassword_setsTheCookie_andReturnsToNext() async throws {
        try await Self.withApp { client, _ in
            // when giulia logs in from the planner's redirect
            let response = try await client.executeRequest(
                uri: "/login", method: .post, headers: Self.form,
                body: Self.encoded([
                    ("username", "Giulia"), ("password", "arianna-demo"), ("next", "http://127.0.0.1:8082/board")
                ]))
            // then
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "http://127.0.0.1:8082/board")
            let setCookie = try #require(response.headers[.setCookie])
            #expect(setCookie.contains("HttpOnly"))
            #expect(setCookie.contains("SameSite=Lax"))
            #expect(setCookie.contains("Path=/"))
            #expect(setCookie.contains("Max-Age=28800"))
            #expect(!setCookie.contains("Secure"))
            let token = try #require(Self.sessionCookie(response))
            // and the cookie identifies her, with her operator's name and permissions
            try await client.execute(
                uri: "/api/session", method: .get, headers: [.cookie: "\(SessionToken.cookieName)=\(token)"]
            ) { me in
                #expect(me.status == .ok)
                let body = String(buffer: me.body)
                #expect(body.contains(#""username":"giulia""#))
                #expect(body.contains(#""displayName":"Giulia Verdi""#))
                #expect(body.contains(#""operatorID":"op-giulia""#))
                #expect(body.contains("planner.schedule"))
            }
        }
    }

    @Test func loginForm_overTLS_marksTheCookieSecure() async throws {
        try await Self.withApp { client, _ in
            var headers = Self.form
            headers[.init("X-Forwarded-Proto")!] = "https"
            let response = try await client.executeRequest(
                uri: "/login", method: .post, headers: headers,
                body: Self.encoded([("username", "mario"), ("password", "arianna-demo")]))
            #expect(response.headers[.setCookie]?.contains("Secure") == true)
        }
    }

    @Test func adminLogsIn_withTheDefaultPassword() async throws {
        try await Self.withApp { client, _ in
            let response = try await Self.logIn(client, "admin", "arianna-admin")
            #expect(response.status == .created)
            let body = String(buffer: response.body)
            for permission in Permission.allCases { #expect(body.contains(permission.rawValue)) }
            #expect(body.contains("csrfToken"))
        }
    }

    @Test func wrongPassword_orUnknownUser_is401_withTheSameMessage() async throws {
        try await Self.withApp { client, _ in
            let wrong = try await Self.logIn(client, "giulia", "not-her-password")
            let unknown = try await Self.logIn(client, "nobody", "whatever-password")
            #expect(wrong.status == .unauthorized)
            #expect(unknown.status == .unauthorized)
            #expect(String(buffer: wrong.body) == String(buffer: unknown.body))
            #expect(String(buffer: wrong.body).contains("Wrong user name or password."))
            // the page says it in Italian too, and keeps the user name
            let page = try await client.executeRequest(
                uri: "/login", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .acceptLanguage: "it"],
                body: Self.encoded([("username", "giulia"), ("password", "sbagliata")]))
            #expect(page.status == .unauthorized)
            #expect(String(buffer: page.body).contains("Nome utente o password errati."))
            #expect(String(buffer: page.body).contains(#"value="giulia""#))
            #expect(Self.sessionCookie(page) == nil)
        }
    }

    @Test func fiveFailures_throttleTheUserName_for15Minutes_evenWithTheRightPassword() async throws {
        try await Self.withApp { client, _ in
            for _ in 1...5 {
                #expect(try await Self.logIn(client, "lucia", "wrong-password").status == .unauthorized)
            }
            let blocked = try await Self.logIn(client, "lucia", "arianna-demo")
            #expect(blocked.status == .tooManyRequests)
            #expect(String(buffer: blocked.body).contains("try again in 15 minutes"))
            #expect(blocked.headers[.retryAfter] == "900")
            let page = try await client.executeRequest(
                uri: "/login", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .acceptLanguage: "it"],
                body: Self.encoded([("username", "LUCIA"), ("password", "arianna-demo")]))
            #expect(page.status == .tooManyRequests)
            #expect(String(buffer: page.body).contains("riprova tra 15 minuti"))
            // another user is not affected
            #expect(try await Self.logIn(client, "mario", "arianna-demo").status == .created)
        }
    }

    @Test func throttle_rule_countsPerNameAndPerAddress() {
        let now = Date(timeIntervalSince1970: 10_000)
        let throttle = LoginThrottle()
        let four = (1...4).map { now.addingTimeInterval(-Double($0) * 60) }
        #expect(throttle.wait(usernameFailures: four, addressFailures: [], now: now) == nil)
        // 5 failures, the oldest of the five 4 minutes ago: wait 11 minutes
        #expect(throttle.wait(usernameFailures: four + [now], addressFailures: [], now: now) == 11)
        let twenty = (0..<20).map { now.addingTimeInterval(-Double($0) * 30) }
        #expect(throttle.wait(usernameFailures: [], addressFailures: Array(twenty.prefix(19)), now: now) == nil)
        #expect(throttle.wait(usernameFailures: [], addressFailures: twenty, now: now) == 6)
    }

    @Test func next_refusesOtherHosts_butAcceptsTheServices() {
        let redirect = SafeRedirect(serviceURLs: ["http://127.0.0.1:8082", "https://planner.example.com"])
        #expect(redirect.target("/tickets?q=1", requestHost: "127.0.0.1:8081") == "/tickets?q=1")
        #expect(redirect.target("http://127.0.0.1:8084/", requestHost: "127.0.0.1:8081") == "http://127.0.0.1:8084/")
        #expect(
            redirect.target("https://planner.example.com/board", requestHost: "intake.example.com")
                == "https://planner.example.com/board")
        for evil in [
            "https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)",
            "http://planner.example.com/board", "https://planner.example.com:444/", "http://user@evil.example/", ""
        ] {
            #expect(redirect.target(evil, requestHost: "127.0.0.1:8081") == "/", "\(evil)")
        }
    }

    @Test func loginForm_refusesAnOpenRedirect() async throws {
        try await Self.withApp { client, _ in
            let response = try await client.executeRequest(
                uri: "/login", method: .post, headers: Self.form,
                body: Self.encoded([
                    ("username", "giulia"), ("password", "arianna-demo"), ("next", "https://evil.example/phish")
                ]))
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/")
        }
    }

    @Test func logout_endsTheSession_evenForACopiedCookie() async throws {
        try await Self.withApp { client, _ in
            // given giulia logged in
            let login = try await Self.logIn(client, "giulia", "arianna-demo")
            let token = try #require(Self.sessionCookie(login))
            let csrf = try #require(
                String(buffer: login.body).split(separator: "\"").drop { $0 != "csrfToken" }.dropFirst(2).first)
            let cookie: HTTPFields = [.cookie: "\(SessionToken.cookieName)=\(token)"]
            #expect(
                try await client.executeRequest(uri: "/api/tickets", method: .get, headers: cookie, body: nil).status
                    == .ok)
            // logout without the CSRF token is refused and changes nothing
            let forged = try await client.executeRequest(uri: "/logout", method: .post, headers: cookie, body: nil)
            #expect(forged.status == .forbidden)
            #expect(
                try await client.executeRequest(uri: "/api/tickets", method: .get, headers: cookie, body: nil).status
                    == .ok)
            // when she logs out with the form's token
            var form = cookie
            form[.contentType] = "application/x-www-form-urlencoded"
            let logout = try await client.executeRequest(
                uri: "/logout", method: .post, headers: form, body: ByteBuffer(string: "_csrf=\(csrf)"))
            #expect(logout.status == .seeOther)
            #expect(logout.headers[.location] == "/login")
            #expect(logout.headers[.setCookie]?.contains("Max-Age=0") == true)
            // then the old cookie (and the token as bearer) no longer works on intake
            #expect(
                try await client.executeRequest(uri: "/api/tickets", method: .get, headers: cookie, body: nil).status
                    == .unauthorized)
            #expect(
                try await client.executeRequest(
                    uri: "/api/tickets", method: .get, headers: [.authorization: "Bearer \(token)"], body: nil
                ).status == .unauthorized)
        }
    }

    @Test func deactivatedUser_cannotLogIn_andTheirSessionsEnd() async throws {
        try await Self.withApp { client, fixture in
            let admin = try await fixture.session([.setupEdit])
            let login = try await Self.logIn(client, "mario", "arianna-demo")
            let token = try #require(Self.sessionCookie(login))
            let deactivate = try await client.executeRequest(
                uri: "/api/users/user-mario/deactivate", method: .post, headers: admin.cookieHeaders, body: nil)
            #expect(deactivate.status == .ok)
            #expect(String(buffer: deactivate.body).contains(#""active":false"#))
            #expect(
                try await client.executeRequest(
                    uri: "/api/tickets", method: .get, headers: [.cookie: "\(SessionToken.cookieName)=\(token)"],
                    body: nil
                ).status == .unauthorized)
            #expect(try await Self.logIn(client, "mario", "arianna-demo").status == .unauthorized)
            // never deleted
            #expect(
                try await client.executeRequest(
                    uri: "/api/users/user-mario", method: .delete, headers: admin.cookieHeaders, body: nil
                )
                .status == .methodNotAllowed)
            #expect(
                try await fixture.context.database.read { db in try UserRecord.fetchOne(db, key: "user-mario") } != nil)
        }
    }

    @Test func adminCreatesAUser_whoLogsIn_andBadInputWritesNothing() async throws {
        try await Self.withApp { client, fixture in
            let admin = try await fixture.session([.setupEdit])
            var json = admin.cookieHeaders
            json[.contentType] = "application/json"
            json[.acceptLanguage] = "en"
            let count = { try await fixture.context.database.read { db in try UserRecord.fetchCount(db) } }
            let before = try await count()
            // every problem at once, nothing written
            let bad = try await client.executeRequest(
                uri: "/api/users", method: .post, headers: json,
                body: ByteBuffer(
                    string:
                        #"{"username":"x y","password":"short","permissions":["tickets.read","fly"],"language":"de"}"#))
            #expect(bad.status == .unprocessableContent)
            let problems = String(buffer: bad.body)
            #expect(problems.contains(#""field":"username""#))
            #expect(problems.contains("at least 10 characters"))
            #expect(problems.contains(#""field":"permissions[1]""#))
            #expect(problems.contains(#""field":"language""#))
            let badOperator = try await client.executeRequest(
                uri: "/api/users", method: .post, headers: json,
                body: ByteBuffer(
                    string:
                        #"{"username":"paolo","password":"long-enough-1","operatorID":"op-nobody"}"#))
            #expect(badOperator.status == .unprocessableContent)
            #expect(String(buffer: badOperator.body).contains("There is no operator 'op-nobody'."))
            let taken = try await client.executeRequest(
                uri: "/api/users", method: .post, headers: json,
                body: ByteBuffer(
                    string:
                        #"{"username":"GIULIA","password":"long-enough-1"}"#))
            #expect(taken.status == .conflict)
            #expect(try await count() == before)
            // a good one
            let created = try await client.executeRequest(
                uri: "/api/users", method: .post, headers: json,
                body: ByteBuffer(
                    string:
                        #"{"username":"paolo","password":"long-enough-1","operatorID":"op-mario","permissions":["billing.read"],"language":"en"}"#
                ))
            #expect(created.status == .created)
            #expect(!String(buffer: created.body).contains("$2"))  // never the hash
            let stored = try #require(
                try await fixture.context.database.read { db in
                    try UserRecord.filter(Column("username") == "paolo").fetchOne(db)
                })
            #expect(stored.passwordHash?.hasPrefix("$2") == true)
            #expect(try await Self.logIn(client, "paolo", "long-enough-1").status == .created)
            // the administrator sets a new password: the old one stops working
            let patch = try await client.executeRequest(
                uri: "/api/users/\(stored.id)", method: .patch, headers: json,
                body: ByteBuffer(string: #"{"password":"another-password"}"#))
            #expect(patch.status == .ok)
            #expect(try await Self.logIn(client, "paolo", "long-enough-1").status == .unauthorized)
            #expect(try await Self.logIn(client, "paolo", "another-password").status == .created)
        }
    }

    @Test func userForms_needTheCSRFToken_andShowFieldProblems() async throws {
        try await Self.withApp { client, fixture in
            let admin = try await fixture.session([.setupEdit])
            var headers = admin.cookieOnlyHeaders
            headers[.contentType] = "application/x-www-form-urlencoded"
            headers[.acceptLanguage] = "en"
            let body = [
                ("username", "anna"), ("password", "anna-password-1"), ("permissions", "tickets.read"),
                ("permissions", "reports.fill"), ("operatorID", "op-lucia")
            ]
            // without the token
            let refused = try await client.executeRequest(
                uri: "/users", method: .post, headers: headers, body: Self.encoded(body))
            #expect(refused.status == .forbidden)
            #expect(
                try await fixture.context.database.read { db in
                    try UserRecord.filter(Column("username") == "anna").fetchCount(db)
                } == 0)
            // with the form field
            let created = try await client.executeRequest(
                uri: "/users", method: .post, headers: headers, body: Self.encoded(body + [("_csrf", admin.csrfToken)]))
            #expect(created.status == .seeOther)
            let user = try #require(
                try await fixture.context.database.read { db in
                    try UserRecord.filter(Column("username") == "anna").fetchOne(db)
                })
            #expect(user.permissions == [.ticketsRead, .reportsFill])
            #expect(user.operatorID == "op-lucia")
            // the edit form shows it; a short password comes back with the field's message
            var page = admin.cookieOnlyHeaders
            page[.acceptLanguage] = "en"
            try await client.execute(uri: "/users/\(user.id)", method: .get, headers: page) { response in
                let html = String(buffer: response.body)
                #expect(html.contains(#"value="tickets.read" checked"#))
                #expect(html.contains(#"<option value="op-lucia" selected>Lucia Bianchi</option>"#))
                #expect(html.contains("name=\"_csrf\" value=\"\(admin.csrfToken)\""))
            }
            let short = try await client.executeRequest(
                uri: "/users/\(user.id)", method: .post, headers: headers,
                body: Self.encoded([
                    ("_csrf", admin.csrfToken), ("username", "anna"), ("password", "short"), ("active", "on")
                ]))
            #expect(short.status == .unprocessableContent)
            #expect(String(buffer: short.body).contains("at least 10 characters"))
            // the list finds her by operator name
            try await client.execute(uri: "/users?q=bianchi", method: .get, headers: page) { response in
                let html = String(buffer: response.body)
                #expect(html.contains(#"data-user="anna""#))
                #expect(html.contains(#"data-user="lucia""#))
                #expect(!html.contains(#"data-user="giulia""#))
            }
        }
    }

    @Test func apiKeys_showTheSecretOnce_storeOnlyItsHash_andRevoke() async throws {
        try await Self.withApp { client, fixture in
            let admin = try await fixture.session([.setupEdit])
            var json = admin.cookieHeaders
            json[.contentType] = "application/json"
            let created = try await client.executeRequest(
                uri: "/api/api-keys", method: .post, headers: json,
                body: ByteBuffer(
                    string:
                        #"{"name":"Call centre Rossi","permissions":["tickets.open"]}"#))
            #expect(created.status == .created)
            let body = String(buffer: created.body)
            let secret = try #require(
                body.split(separator: "\"").drop { $0 != "secret" }.dropFirst(2).first.map(String.init))
            let id = try #require(body.split(separator: "\"").drop { $0 != "id" }.dropFirst(2).first.map(String.init))
            // only the SHA-256 is stored
            let stored = try #require(
                try await fixture.context.database.read { db in try APIKeyRecord.fetchOne(db, key: id) })
            #expect(stored.keyHash == APIKeyDirectory.hash(secret))
            #expect(stored.keyHash != secret)
            let list = try await client.executeRequest(
                uri: "/api/api-keys", method: .get, headers: admin.cookieHeaders, body: nil)
            #expect(String(buffer: list.body).contains("Call centre Rossi"))
            #expect(!String(buffer: list.body).contains(secret))
            // it opens a ticket, until revoked
            let ticket = ByteBuffer(string: PermissionMatrixTests.ticket)
            #expect(
                try await client.executeRequest(
                    uri: "/api/tickets", method: .post,
                    headers: [.authorization: "Bearer \(secret)"], body: ticket
                ).status == .created)
            #expect(
                try await client.executeRequest(
                    uri: "/api/api-keys/\(id)/revoke", method: .post,
                    headers: admin.cookieHeaders, body: nil
                ).status == .ok)
            #expect(
                try await client.executeRequest(
                    uri: "/api/tickets", method: .post,
                    headers: [.authorization: "Bearer \(secret)"], body: ticket
                ).status == .unauthorized)
            // the page creates one too, showing its secret once
            var form = admin.cookieHeaders
            form[.contentType] = "application/x-www-form-urlencoded"
            let page = try await client.executeRequest(
                uri: "/api-keys", method: .post, headers: form,
                body: Self.encoded([("name", "CRM"), ("permissions", "tickets.read")]))
            #expect(page.status == .created)
            #expect(String(buffer: page.body).contains("id=\"new-secret\""))
            #expect(String(buffer: page.body).contains("<code>ak_"))
        }
    }

    @Test func pages_showTheUserAndLogout_inTheirLanguage() async throws {
        try await Self.withApp { client, fixture in
            let login = try await Self.logIn(client, "admin", "arianna-admin")
            let token = try #require(Self.sessionCookie(login))
            try await client.execute(
                uri: "/users", method: .get,
                headers: [.cookie: "\(SessionToken.cookieName)=\(token)", .acceptLanguage: "en"]
            ) { response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains(#"<meta name="arianna-csrf""#))
                #expect(html.contains(#"<form method="post" action="/logout""#))
                #expect(html.contains(#"<span class="app-user-name">admin</span>"#))
            }
            try await client.execute(uri: "/login", method: .get, headers: [.acceptLanguage: "en"]) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("Log in to Arianna"))
                #expect(!html.contains("arianna-csrf"))
            }
        }
    }
}

@Suite struct AdminLockoutTests {
    @Test func anAdministrator_cannotDeactivateThemselves_orDropTheirOwnSetupEdit() async throws {
        let fixture = try await IntakeFixture()
        let admin = try await fixture.session([.setupEdit, .ticketsRead])
        try await Application(router: fixture.router).test(.router) { client in
            var json = admin.cookieHeaders
            json[.contentType] = "application/json"
            json[.acceptLanguage] = "en"
            var english = admin.cookieHeaders
            english[.acceptLanguage] = "en"
            let deactivate = try await client.executeRequest(
                uri: "/api/users/\(admin.claims.userID)/deactivate", method: .post, headers: english, body: nil)
            #expect(deactivate.status == .unprocessableContent)
            #expect(String(buffer: deactivate.body).contains("You cannot deactivate yourself"))
            var italian = admin.cookieHeaders
            italian[.acceptLanguage] = "it-IT,it;q=0.9,en;q=0.5"
            let deactivateIt = try await client.executeRequest(
                uri: "/api/users/\(admin.claims.userID)/deactivate", method: .post, headers: italian, body: nil)
            #expect(deactivateIt.status == .unprocessableContent)
            #expect(
                String(buffer: deactivateIt.body).contains(
                    "Non puoi disattivare te stesso; chiedi a un altro amministratore."))
            #expect(!String(buffer: deactivateIt.body).contains("You cannot deactivate yourself"))
            let drop = try await client.executeRequest(
                uri: "/api/users/\(admin.claims.userID)", method: .patch, headers: json,
                body: ByteBuffer(string: #"{"permissions":["tickets.read"]}"#))
            #expect(drop.status == .unprocessableContent)
            // still an administrator
            #expect(
                try await client.executeRequest(
                    uri: "/api/users", method: .get, headers: admin.cookieHeaders, body: nil
                ).status == .ok)
            // but may change another user
            let other = try await client.executeRequest(
                uri: "/api/users/user-lucia", method: .patch, headers: json,
                body: ByteBuffer(string: #"{"language":"en"}"#))
            #expect(other.status == .ok)
            #expect(String(buffer: other.body).contains(#""language":"en""#))
        }
    }
}
