import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// Issue 14 §3 against the five real executables: the security headers on a page, a JSON API and
/// an error of every service; a body over its ceiling refused before it is sent; the session
/// cookie's attributes; the CSRF token demanded on an unsafe form post of every service; uploads
/// refused by their content on every service that accepts files (intake, web-report, billing).
@Suite("EndToEnd security", .serialized)
struct SecurityEndToEndTests {
    /// A page, a JSON API and a path that does not exist, per service.
    static let paths: [(ServiceCluster.Name, page: String, api: String)] = [
        (.intake, "/tickets", "/api/tickets"),
        (.planner, "/board", "/api/queue"),
        (.notification, "/outbox", "/api/emails"),
        (.webreport, "/todo", "/api/operators/op-mario/todo"),
        (.billing, "/documents", "/api/billing-documents")
    ]

    @Test func everyService_sendsTheHeaders_refusesOversizedBodies_andDemandsTheCSRFToken() async throws {
        let cluster = try ServiceCluster()
        defer { cluster.stop() }
        try await cluster.start(ServiceCluster.Name.allCases, extraEnvironment: ["ARIANNA_MAIL_TRANSPORT": "file"])
        let admin = try #require(cluster.token)

        for (service, page, api) in Self.paths {
            for (path, accept) in [
                (page, "text/html"), (api, "application/json"), ("/no-such-thing", "application/json")
            ] {
                var request = URLRequest(url: cluster.url(service, path))
                request.setValue(accept, forHTTPHeaderField: "Accept")
                request.setValue("Bearer \(admin)", forHTTPHeaderField: "Authorization")
                let (_, response) = try await Raw.send(request)
                #expect(response.statusCode < 500, "\(service) \(path): \(response.statusCode)")
                if path == "/no-such-thing" { #expect(response.statusCode == 404) }
                Self.expectSecurityHeaders(response, "\(service) \(path)")
            }
            // A declared body over the JSON ceiling is refused before a byte of it is sent.
            let refusal = try Raw.declareOnly(
                port: cluster.ports[service]!, path: api, contentLength: 2 << 20, token: admin)
            #expect(refusal.hasPrefix("HTTP/1.1 413"), "\(service): \(refusal.prefix(200))")
            #expect(refusal.contains("larger than 1 MiB"), "\(service): \(refusal)")
            #expect(
                refusal.lowercased().contains("content-security-policy: default-src 'self'"), "\(service): \(refusal)")
        }

        // The session cookie: HttpOnly, SameSite=Lax, Path=/, an expiry; Secure behind TLS.
        var login = URLRequest(url: cluster.url(.intake, "/api/sessions"))
        login.httpMethod = "POST"
        login.setValue("application/json", forHTTPHeaderField: "Content-Type")
        login.httpBody = Data(
            #"{"username": "admin", "password": "\#(ProcessInfo.processInfo.environment["ARIANNA_ADMIN_PASSWORD"] ?? "arianna-admin")"}"#
                .utf8)
        let (plainBody, plain) = try await Raw.send(login)
        #expect(plain.statusCode == 201)
        let cookie = try #require(plain.value(forHTTPHeaderField: "Set-Cookie"))
        for attribute in ["arianna_session=", "HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=28800"] {
            #expect(cookie.contains(attribute), "\(attribute) missing from \(cookie)")
        }
        #expect(!cookie.contains("Secure"))
        login.setValue("https", forHTTPHeaderField: "X-Forwarded-Proto")
        let (_, secure) = try await Raw.send(login)
        #expect(secure.value(forHTTPHeaderField: "Set-Cookie")?.contains("Secure") == true)

        // CSRF: a cookie session's unsafe form post without the token is 403 on every service, with it it passes.
        let session = try JSONSerialization.jsonObject(with: plainBody) as? [String: Any]
        let token = try #require(session?["token"] as? String)
        let csrf = try #require(session?["csrfToken"] as? String)
        let forms: [(ServiceCluster.Name, String, String)] = [
            (.planner, "/api/appointments", "application/json"),
            (.notification, "/outbox/no-such-email/resend", "application/x-www-form-urlencoded"),
            (.webreport, "/api/appointments/no-such-appointment/report", "application/json"),
            (.billing, "/articles/import", "application/x-www-form-urlencoded"),
            (.intake, "/logout", "application/x-www-form-urlencoded")  // last: it ends the session
        ]
        for (service, path, type) in forms {
            func post(withToken: Bool) async throws -> (String, Int) {
                var request = URLRequest(url: cluster.url(service, path))
                request.httpMethod = "POST"
                request.setValue(type, forHTTPHeaderField: "Content-Type")
                request.setValue("arianna_session=\(token)", forHTTPHeaderField: "Cookie")
                request.setValue("en", forHTTPHeaderField: "Accept-Language")
                if type == "application/json" {
                    if withToken { request.setValue(csrf, forHTTPHeaderField: "X-CSRF-Token") }
                    request.httpBody = Data("{}".utf8)
                } else {
                    let field =
                        withToken
                        ? "_csrf=\(csrf.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")&" : ""
                    request.httpBody = Data("\(field)csv=".utf8)
                }
                let (data, response) = try await Raw.send(request)
                Self.expectSecurityHeaders(response, "\(service) POST \(path)")
                return (String(decoding: data, as: UTF8.self), response.statusCode)
            }
            let (refusedBody, refused) = try await post(withToken: false)
            #expect(refused == 403, "\(service) \(path) without a token: \(refused) \(refusedBody)")
            #expect(refusedBody.contains("CSRF"), "\(service): \(refusedBody)")
            let (acceptedBody, accepted) = try await post(withToken: true)
            #expect(accepted != 403 && accepted < 500, "\(service) \(path) with the token: \(accepted) \(acceptedBody)")
        }
    }

    @Test func uploads_areCheckedByContent_notByTheirNameOrDeclaredType() async throws {
        let cluster = try ServiceCluster()
        defer { cluster.stop() }
        try await cluster.start([.intake, .planner, .webreport, .billing])
        // Intake: a program sent as a PDF is refused; a page with a script sent as a PDF is kept
        // as what its bytes are (plain text, never served as a PDF or a page).
        let (created, status) = try await HTTP.send(
            "POST", cluster.url(.intake, "/api/tickets"),
            json: [
                "activityTypeCode": "REPAIR", "customer": ["name": "Bar Centrale"], "description": "Fridge is warm",
                "customFields": ["appliance": "Frigo"]
            ])
        #expect(status == 201, "\(String(decoding: created, as: UTF8.self))")
        let ticketID = try #require(try HTTP.object(created)["id"] as? String)
        func upload(_ name: String, _ bytes: [UInt8]) async throws -> (String, Int) {
            var upload = URLRequest(url: cluster.url(.intake, "/api/tickets/\(ticketID)/attachments?name=\(name)"))
            upload.httpMethod = "POST"
            upload.setValue("application/pdf", forHTTPHeaderField: "Content-Type")
            upload.setValue("en", forHTTPHeaderField: "Accept-Language")
            upload.httpBody = Data(bytes)
            let (data, status) = try await HTTP.send(upload)
            return (String(decoding: data, as: UTF8.self), status)
        }
        let elf: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00] + [UInt8](repeating: 0, count: 56)
        let (refusal, refused) = try await upload("invoice.pdf", elf)
        #expect(refused == 422 || refused == 415, "\(refused) \(refusal)")
        #expect(refusal.contains("program or a script"), "\(refusal)")
        let (kept, keptStatus) = try await upload("quote.pdf", Array("<html><script>alert(1)</script></html>".utf8))
        #expect(keptStatus == 201, "\(kept)")
        #expect(kept.contains("\"contentType\":\"text/plain") && kept.contains("quote.pdf.txt"), "\(kept)")
        let (files, _) = try await HTTP.get(cluster.url(.intake, "/api/tickets/\(ticketID)/attachments"))
        #expect(
            !String(decoding: files, as: UTF8.self).contains("invoice"), "\(String(decoding: files, as: UTF8.self))")

        // Web-report: a photo must be a JPEG or PNG by its bytes, whatever its declared type.
        _ = try await eventually("Mario in the planner") { () -> Bool? in
            let (data, _) = try await HTTP.get(cluster.url(.planner, "/api/operators"))
            return String(decoding: data, as: UTF8.self).contains("op-mario") ? true : nil
        }
        _ = try await eventually("the ticket in the planner's queue") { () -> Bool? in
            let (_, status) = try await HTTP.get(cluster.url(.planner, "/api/queue/\(ticketID)"))
            return status == 200 ? true : nil
        }
        let (jobData, _) = try await HTTP.send(
            "POST", cluster.url(.planner, "/api/presence-rules/generate"),
            json: [
                "from": "2030-03-01", "to": "2030-03-31"
            ])
        let jobID = try #require(try HTTP.object(jobData)["id"] as? String)
        _ = try await eventually("presences generated") { () -> Bool? in
            let (data, _) = try await HTTP.get(cluster.url(.planner, "/api/generation-jobs/\(jobID)"))
            return try HTTP.object(data)["state"] as? String == "done" ? true : nil
        }
        let (scheduled, scheduledStatus) = try await HTTP.send(
            "POST", cluster.url(.planner, "/api/appointments"),
            json: [
                "ticketID": ticketID, "operatorID": "op-mario", "start": "2030-03-04T09:00:00.000Z"
            ])
        #expect(scheduledStatus == 201, "\(String(decoding: scheduled, as: UTF8.self))")
        let appointmentID = try #require(try HTTP.object(scheduled)["id"] as? String)
        _ = try await eventually("the appointment in web-report") { () -> Bool? in
            let (data, _) = try await HTTP.get(cluster.url(.webreport, "/api/operators/op-mario/todo"))
            return String(decoding: data, as: UTF8.self).contains(appointmentID) ? true : nil
        }
        func photo(_ bytes: [UInt8]) async throws -> (String, Int) {
            var request = URLRequest(url: cluster.url(.webreport, "/api/appointments/\(appointmentID)/photos"))
            request.httpMethod = "POST"
            request.setValue("image/png", forHTTPHeaderField: "Content-Type")
            request.setValue("en", forHTTPHeaderField: "Accept-Language")
            request.httpBody = Data(bytes)
            let (data, status) = try await HTTP.send(request)
            return (String(decoding: data, as: UTF8.self), status)
        }
        let (fake, fakeStatus) = try await photo(
            Array("<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>".utf8))
        #expect(fakeStatus == 422, "\(fakeStatus) \(fake)")
        #expect(fake.contains("must be a JPEG or PNG image"), "\(fake)")
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + [UInt8](repeating: 0, count: 32)
        let (real, realStatus) = try await photo(png)
        #expect(realStatus == 201, "\(realStatus) \(real)")

        // Billing: bytes that are not a CSV with the article columns change nothing.
        var articles = URLRequest(url: cluster.url(.billing, "/api/articles/import"))
        articles.httpMethod = "POST"
        articles.setValue("text/csv", forHTTPHeaderField: "Content-Type")
        articles.httpBody = Data([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00, 0xFF, 0xFE])
        let (_, importStatus) = try await HTTP.send(articles)
        #expect(importStatus == 422 || importStatus == 400, "\(importStatus)")
        let (list, _) = try await HTTP.get(cluster.url(.billing, "/api/articles"))
        #expect(!String(decoding: list, as: UTF8.self).contains("ELF"))
    }

    @Test func behindATLSProxy_theCookieIsSecure_andEveryResponseAsksForHSTS() async throws {
        let cluster = try ServiceCluster()
        defer { cluster.stop() }
        try await cluster.start([.intake], extraEnvironment: ["ARIANNA_SECURE_COOKIES": "1"])
        var login = URLRequest(url: cluster.url(.intake, "/api/sessions"))
        login.httpMethod = "POST"
        login.setValue("application/json", forHTTPHeaderField: "Content-Type")
        login.httpBody = Data(
            #"{"username": "admin", "password": "\#(ProcessInfo.processInfo.environment["ARIANNA_ADMIN_PASSWORD"] ?? "arianna-admin")"}"#
                .utf8)
        let (_, response) = try await Raw.send(login)
        #expect(response.statusCode == 201)
        let cookie = response.value(forHTTPHeaderField: "Set-Cookie") ?? ""
        #expect(
            cookie.contains("Secure") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), "\(cookie)")
        #expect(
            response.value(forHTTPHeaderField: "Strict-Transport-Security") == "max-age=31536000; includeSubDomains")
        let (_, page) = try await Raw.send(URLRequest(url: cluster.url(.intake, "/login")))
        #expect(page.value(forHTTPHeaderField: "Strict-Transport-Security") == "max-age=31536000; includeSubDomains")
        Self.expectSecurityHeaders(page, "intake /login")
    }

    static func expectSecurityHeaders(_ response: HTTPURLResponse, _ what: String) {
        let policy = response.value(forHTTPHeaderField: "Content-Security-Policy") ?? ""
        #expect(
            policy.contains("script-src 'self'") && policy.contains("frame-ancestors 'none'")
                && policy.contains("object-src 'none'") && !policy.contains("unsafe-eval"), "\(what): \(policy)")
        #expect(response.value(forHTTPHeaderField: "X-Content-Type-Options") == "nosniff", "\(what)")
        #expect(response.value(forHTTPHeaderField: "Referrer-Policy") == "same-origin", "\(what)")
        #expect(response.value(forHTTPHeaderField: "X-Frame-Options") == "DENY", "\(what)")
    }
}

/// Requests whose response headers the test reads, with no cookie jar and no redirects followed.
enum Raw {
    static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpShouldSetCookies = false
        configuration.httpCookieAcceptPolicy = .never
        configuration.timeoutIntervalForRequest = 30
        return URLSession(configuration: configuration, delegate: RedirectRefuser(), delegateQueue: nil)
    }()

    static func send(_ request: URLRequest) async throws -> (Data, HTTPURLResponse) {
        let (data, response) = try await session.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw HarnessError("not an HTTP response") }
        return (data, http)
    }

    /// Sends only the head of a POST that declares `contentLength` bytes, then reads what the
    /// server answers within five seconds: a server that waited for the body would answer nothing.
    static func declareOnly(port: Int, path: String, contentLength: Int, token: String) throws -> String {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw HarnessError("socket() failed") }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw HarnessError("connect() to \(port) failed") }
        let head =
            "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nContent-Type: application/json\r\n"
            + "Accept-Language: en\r\nAuthorization: Bearer \(token)\r\nContent-Length: \(contentLength)\r\n\r\n"
        let sent = head.utf8CString.withUnsafeBufferPointer { Glibc.send(fd, $0.baseAddress, $0.count - 1, 0) }
        guard sent == head.utf8.count else { throw HarnessError("send() failed") }
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            guard count > 0 else { break }
            answer += buffer[0..<count]
            if let text = String(bytes: answer, encoding: .utf8), text.contains("\r\n\r\n"), text.contains("}}") {
                break
            }
        }
        return String(decoding: answer, as: UTF8.self)
    }
}
