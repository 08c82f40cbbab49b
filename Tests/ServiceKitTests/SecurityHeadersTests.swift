import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@testable import ServiceKit

/// The security headers and body ceilings every service gets from `ServiceRuntime.buildRouter`:
/// on a page, a JSON answer, every kind of error, and the 413 before a body is read.
@Suite struct SecurityHeadersTests {
    static let key = SessionKey(bytes: Array(repeating: 5, count: 32))

    /// A service with a page, a JSON route, a route that keeps its own CSP, one that fails
    /// unexpectedly, and routes that read JSON, a form and an upload.
    static func withApp(_ test: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let configuration = ServiceConfiguration(
            serviceName: "planner", dataDirectory: FileManager.default.temporaryDirectory, httpPort: 0,
            sessionKey: key,
            serviceURLs: [
                "intake": "http://intake.example:8081", "planner": "http://127.0.0.1:8082/",
                "billing": "https://billing.example"
            ])
        let context = ServiceContext(
            configuration: configuration, database: try .inMemory { _ in }, logger: Logger(label: "test"))
        struct Thing: Codable, ResponseEncodable { let name: String }
        struct Boom: Error {}
        let definition = ServiceDefinition(
            name: "planner", defaultPort: 0, consumedTopics: [], migrations: { _ in },
            addRoutes: { router, _ in
                router.get("page") { _, _ in
                    Response(
                        status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(string: "<!doctype html><title>t</title>")))
                }
                router.get("api/thing") { _, _ in Thing(name: "a") }
                router.get("file") { _, _ in
                    Response(
                        status: .ok, headers: [.contentSecurityPolicy: "sandbox"],
                        body: .init(byteBuffer: ByteBuffer(string: "x")))
                }
                router.get("boom") { _, _ -> String in throw Boom() }
                router.post("api/thing") { request, _ in
                    try await request.decodeJSON(as: Thing.self, describedAs: "a thing")
                }
                router.post("read") { request, _ in
                    let body = try await request.body.collect(upTo: 64 << 20)
                    return "\(body.readableBytes)"
                }
            })
        let app = Application(router: ServiceRuntime.buildRouter(definition, context: context))
        try await app.test(.router, test)
    }

    static func expectSecurityHeaders(_ response: TestResponse, csp: String? = nil) {
        let policy = response.headers[.contentSecurityPolicy] ?? ""
        if let csp {
            #expect(policy == csp)
        } else {
            for directive in [
                "default-src 'self'", "script-src 'self'", "frame-ancestors 'none'", "object-src 'none'",
                "base-uri 'self'", "form-action 'self'"
            ] {
                #expect(policy.contains(directive), "missing \(directive) in \(policy)")
            }
            #expect(!policy.contains("unsafe-eval"))
            #expect(!policy.contains("script-src 'self' 'unsafe-inline'"))
        }
        #expect(response.headers[.init("X-Content-Type-Options")!] == "nosniff")
        #expect(response.headers[.init("Referrer-Policy")!] == "same-origin")
        #expect(response.headers[.init("X-Frame-Options")!] == "DENY")
    }

    @Test func aPageAJSONAnswerAndEveryError_carryTheHeaders() async throws {
        try await Self.withApp { client in
            try await client.execute(uri: "/page", method: .get) {
                #expect($0.status == .ok)
                Self.expectSecurityHeaders($0)
            }
            try await client.execute(uri: "/api/thing", method: .get) {
                #expect($0.status == .ok)
                Self.expectSecurityHeaders($0)
            }
            try await client.execute(uri: "/health/ready", method: .get) { Self.expectSecurityHeaders($0) }
            try await client.execute(uri: "/no-such-page", method: .get) {
                #expect($0.status == .notFound)
                Self.expectSecurityHeaders($0)
            }
            try await client.execute(uri: "/boom", method: .get) {
                #expect($0.status == .internalServerError)
                #expect(!String(buffer: $0.body).contains("Boom"))
                Self.expectSecurityHeaders($0)
            }
            try await client.execute(uri: "/api/thing", method: .post, body: ByteBuffer(string: "{")) {
                #expect($0.status == .badRequest)
                Self.expectSecurityHeaders($0)
            }
        }
    }

    @Test func strictTransportSecurity_onlyOnResponsesThatCameOverTLS() async throws {
        try await Self.withApp { client in
            try await client.execute(uri: "/page", method: .get) {
                #expect($0.headers[.strictTransportSecurity] == nil)
            }
            try await client.execute(uri: "/page", method: .get, headers: [.init("X-Forwarded-Proto")!: "https"]) {
                #expect($0.headers[.strictTransportSecurity] == "max-age=31536000; includeSubDomains")
            }
        }
        #expect(
            SecurityHeaders(serviceURLs: [], alwaysTLS: true).fields(requestHost: nil)[.strictTransportSecurity] != nil)
    }

    @Test func aRouteWithItsOwnPolicy_keepsIt() async throws {
        try await Self.withApp { client in
            try await client.execute(uri: "/file", method: .get) { Self.expectSecurityHeaders($0, csp: "sandbox") }
        }
    }

    @Test func formsMayPostToTheFiveServices_andAnyPortOfThePagesHost_only() {
        let headers = SecurityHeaders(serviceURLs: [
            "http://Intake.example:8081/", "http://intake.example:8081", "https://billing.example/x", "ftp://x",
            "http://a b"
        ])
        #expect(headers.serviceOrigins == ["http://intake.example:8081", "https://billing.example"])
        let policy = headers.contentSecurityPolicy(requestHost: "127.0.0.1:8082")
        #expect(
            policy.contains(
                "form-action 'self' http://intake.example:8081 https://billing.example http://127.0.0.1:* https://127.0.0.1:*"
            ))
        // A Host header that could break out of the policy is left out, not copied in.
        let hostile = headers.contentSecurityPolicy(requestHost: "evil; script-src *")
        #expect(!hostile.contains("evil"))
        #expect(hostile.hasSuffix("form-action 'self' http://intake.example:8081 https://billing.example"))
    }

    @Test func routeClasses_comeFromTheContentType() {
        #expect(RequestBodyLimits.routeClass(contentType: nil) == .json)
        #expect(RequestBodyLimits.routeClass(contentType: "application/json; charset=utf-8") == .json)
        #expect(RequestBodyLimits.routeClass(contentType: "application/cloudevents+json") == .json)
        #expect(RequestBodyLimits.routeClass(contentType: "application/x-www-form-urlencoded") == .form)
        #expect(RequestBodyLimits.routeClass(contentType: "multipart/form-data; boundary=x") == .upload)
        #expect(RequestBodyLimits.routeClass(contentType: "image/png") == .upload)
        #expect(RequestBodyLimits.routeClass(contentType: "text/csv") == .upload)
    }

    @Test func aBodyOverItsClassCeiling_is413_inTheCallersLanguage() async throws {
        // The test client declares each body's length; the refusal of a declared length before
        // any byte is read is proved against a real server (SecurityEndToEndTests).
        let limits = RequestBodyLimits()
        try await Self.withApp { client in
            let cases: [(String, Int, String, String)] = [
                (
                    "application/json", limits.json, "The request's JSON body is larger than 1 MiB",
                    "Il corpo JSON della richiesta supera 1 MiB"
                ),
                (
                    "application/x-www-form-urlencoded", limits.form, "The submitted form is larger than 6 MiB",
                    "Il modulo inviato supera 6 MiB"
                ),
                (
                    "image/jpeg", limits.upload, "The uploaded file is larger than 20 MiB",
                    "Il file caricato supera 20 MiB"
                )
            ]
            for (type, limit, english, italian) in cases {
                for (language, sentence) in [("en", english), ("it", italian)] {
                    try await client.execute(
                        uri: "/read", method: .post, headers: [.contentType: type, .acceptLanguage: language],
                        body: ByteBuffer(repeating: UInt8(ascii: "x"), count: limit + 1)
                    ) { response in
                        #expect(response.status == .contentTooLarge)
                        #expect(
                            String(buffer: response.body).contains(sentence),
                            "\(type) \(language): \(String(buffer: response.body))")
                        Self.expectSecurityHeaders(response)
                    }
                }
                try await client.execute(
                    uri: "/read", method: .post, headers: [.contentType: type],
                    body: ByteBuffer(repeating: UInt8(ascii: "x"), count: limit)
                ) { response in
                    #expect(response.status == .ok)
                    #expect(String(buffer: response.body) == "\(limit)")
                }
            }
        }
    }

    @Test func aStreamedBodyWithoutALength_isCutOnceItPassesTheCeiling() async throws {
        // A chunked body: the middleware cannot refuse it up front, so it counts as it streams.
        func chunks(_ count: Int) -> RequestBody {
            let (stream, continuation) = AsyncStream<ByteBuffer>.makeStream()
            for _ in 0..<count { continuation.yield(ByteBuffer(repeating: UInt8(ascii: "x"), count: 1024)) }
            continuation.finish()
            return RequestBody(asyncSequence: stream)
        }
        let refusal = RequestBodyTooLarge(routeClass: .form, limit: 4 * 1024)
        var read = 0
        await #expect(throws: RequestBodyTooLarge.self) {
            for try await buffer in CountedBody(base: chunks(5), limit: 4 * 1024, refusal: refusal) {
                read += buffer.readableBytes
            }
        }
        #expect(read == 4 * 1024)
        var whole = 0
        for try await buffer in CountedBody(base: chunks(4), limit: 4 * 1024, refusal: refusal) {
            whole += buffer.readableBytes
        }
        #expect(whole == 4 * 1024)
        #expect(refusal.wording.en == "The submitted form is larger than 4 KiB: shorten what you entered.")
    }
}
