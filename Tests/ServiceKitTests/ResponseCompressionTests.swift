import CompressNIO
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@testable import ServiceKit

/// `ResponseCompressionMiddleware` as every service installs it (`ServiceRuntime.buildRouter`),
/// over a real loopback connection: gzip for text when asked, never for PDFs, images, small
/// answers or streams, and `Vary: Accept-Encoding` on every text answer.
@Suite struct ResponseCompressionTests {
    /// 40 KiB of board-like HTML: compresses well.
    static let page = String(
        repeating: #"<div class="cell cell--present" data-start="2031-01-06T07:00:00Z"></div>"#, count: 600)
    static let pdf = "%PDF-1.7 " + String(repeating: "binary-ish ", count: 400)

    static func withApp(_ test: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let configuration = ServiceConfiguration(
            serviceName: "planner", dataDirectory: FileManager.default.temporaryDirectory, httpPort: 0,
            sessionKey: SessionKey(bytes: Array(repeating: 7, count: 32)))
        let context = ServiceContext(
            configuration: configuration, database: try .inMemory { _ in }, logger: Logger(label: "test"))
        let definition = ServiceDefinition(
            name: "planner", defaultPort: 0, consumedTopics: [], migrations: { _ in },
            addRoutes: { router, _ in
                router.get("page") { _, _ in
                    Response(
                        status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(string: page)))
                }
                router.get("small") { _, _ in
                    Response(
                        status: .ok, headers: [.contentType: "text/plain"],
                        body: .init(byteBuffer: ByteBuffer(string: "ok")))
                }
                router.get("report.pdf") { _, _ in
                    Response(
                        status: .ok, headers: [.contentType: "application/pdf"],
                        body: .init(byteBuffer: ByteBuffer(string: pdf)))
                }
                router.get("stream") { _, _ in
                    Response(
                        status: .ok, headers: [.contentType: "text/event-stream"],
                        body: .init { writer in
                            try await writer.write(ByteBuffer(string: page))
                            try await writer.finish(nil)
                        })
                }
                router.get("api/many") { _, _ in
                    Response(
                        status: .ok, headers: [.contentType: "application/json", .vary: "Origin"],
                        body: .init(
                            byteBuffer: ByteBuffer(
                                string: "[" + Array(repeating: #"{"id":"a"}"#, count: 500).joined(separator: ",") + "]")
                        ))
                }
            })
        let app = Application(router: ServiceRuntime.buildRouter(definition, context: context))
        try await app.test(.live, test)
    }

    static func gunzip(_ body: ByteBuffer) throws -> String {
        var body = body
        return String(buffer: try body.decompress(with: .gzip()))
    }

    @Test func aPageIsGzippedWhenTheBrowserAcceptsIt() async throws {
        try await Self.withApp { client in
            try await client.execute(uri: "/page", method: .get, headers: [.acceptEncoding: "gzip, deflate, br"]) {
                response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentEncoding] == "gzip")
                #expect(response.headers[.vary] == "Accept-Encoding")
                #expect(response.headers[.contentLength] == String(response.body.readableBytes))
                #expect(response.body.readableBytes * 10 < Self.page.utf8.count)
                let text = try Self.gunzip(response.body)
                #expect(text == Self.page)
                // The security headers still wrap the compressed answer.
                #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'self'") == true)
            }
        }
    }

    @Test func withoutAcceptEncodingOrWithGzipRefusedThePageIsPlain() async throws {
        try await Self.withApp { client in
            for accept in [nil, "identity", "gzip;q=0, br", "*;q=0"] as [String?] {
                var headers = HTTPFields()
                if let accept { headers[.acceptEncoding] = accept }
                try await client.execute(uri: "/page", method: .get, headers: headers) { response in
                    #expect(response.headers[.contentEncoding] == nil, "Accept-Encoding: \(accept ?? "none")")
                    #expect(response.headers[.vary] == "Accept-Encoding")
                    #expect(String(buffer: response.body) == Self.page)
                }
            }
            try await client.execute(uri: "/page", method: .get, headers: [.acceptEncoding: "*"]) { response in
                #expect(response.headers[.contentEncoding] == "gzip")
            }
        }
    }

    @Test func pdfsSmallAnswersAndStreamsAreNotCompressed() async throws {
        try await Self.withApp { client in
            try await client.execute(uri: "/report.pdf", method: .get, headers: [.acceptEncoding: "gzip"]) { response in
                #expect(response.headers[.contentEncoding] == nil)
                #expect(response.headers[.vary] == nil)
                #expect(String(buffer: response.body) == Self.pdf)
            }
            try await client.execute(uri: "/small", method: .get, headers: [.acceptEncoding: "gzip"]) { response in
                #expect(response.headers[.contentEncoding] == nil)
                #expect(String(buffer: response.body) == "ok")
            }
            try await client.execute(uri: "/stream", method: .get, headers: [.acceptEncoding: "gzip"]) { response in
                #expect(response.headers[.contentEncoding] == nil)
                #expect(String(buffer: response.body) == Self.page)
            }
        }
    }

    @Test func jsonIsCompressedAndAnExistingVaryIsKept() async throws {
        try await Self.withApp { client in
            try await client.execute(uri: "/api/many", method: .get, headers: [.acceptEncoding: "gzip"]) { response in
                #expect(response.headers[.contentEncoding] == "gzip")
                #expect(response.headers[values: .vary] == ["Origin", "Accept-Encoding"])
                let text = try Self.gunzip(response.body)
                #expect(text.hasPrefix(#"[{"id":"a"}"#))
            }
        }
    }

    @Test func acceptEncodingIsReadWithItsQualities() {
        #expect(AcceptedEncodings(["gzip"]).acceptsGzip)
        #expect(AcceptedEncodings(["deflate, GZIP;q=0.5"]).acceptsGzip)
        #expect(AcceptedEncodings(["br", "x-gzip"]).acceptsGzip)
        #expect(!AcceptedEncodings(["gzip;q=0"]).acceptsGzip)
        #expect(!AcceptedEncodings(["*;q=1, gzip;q=0"]).acceptsGzip)
        #expect(!AcceptedEncodings(["br, identity"]).acceptsGzip)
        #expect(!AcceptedEncodings([]).acceptsGzip)
    }
}
