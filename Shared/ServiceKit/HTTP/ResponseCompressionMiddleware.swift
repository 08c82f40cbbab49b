import CompressNIO
import Foundation
public import Hummingbird

/// Gzips an answer when the request accepts it (`Accept-Encoding: gzip`), the answer is text
/// (HTML, CSS, JavaScript, JSON, XML, SVG, YAML, CSV) of a known length at or above
/// `minimumBytes`, and nothing has encoded it yet. The board's week page is 1.5 MiB of
/// repetitive HTML and a few hundred KiB once gzipped; PDFs, images and spreadsheets are already
/// compressed, and streams of unknown length (live updates, large exports) pass through as they
/// are, so nothing that never ends is held in memory. Every text answer says
/// `Vary: Accept-Encoding`, so a cache keeps the two forms apart.
public struct ResponseCompressionMiddleware: RouterMiddleware {
    /// The one request context of every service.
    public typealias Context = ServiceRequestContext
    /// Below this a gzip header and a round of zlib cost more than the bytes saved.
    let minimumBytes: Int
    /// Above this an answer is not gathered in memory to compress it.
    let maximumBytes: Int

    /// Compression of text answers between `minimumBytes` and `maximumBytes` long.
    public init(minimumBytes: Int = 1024, maximumBytes: Int = 16 << 20) {
        self.minimumBytes = minimumBytes
        self.maximumBytes = maximumBytes
    }

    /// Runs the route, then gzips its answer when the rules on the type allow it.
    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response = try await next(request, context)
        guard Self.isCompressible(response.headers[.contentType]) else { return response }
        Self.addVary(to: &response.headers)
        guard request.method != .head,
            response.headers[.contentEncoding] == nil,
            response.status.code >= 200, response.status.code != 204, response.status.code != 206,
            let length = response.body.contentLength, length >= minimumBytes, length <= maximumBytes,
            AcceptedEncodings(request.headers[values: .acceptEncoding]).acceptsGzip
        else { return response }
        let collected = CollectedBody(capacity: length)
        try await response.body.write(collected)
        var plain = collected.buffer
        let compressed = try plain.compress(with: .gzip(configuration: Self.zlib))
        response.headers[.contentEncoding] = "gzip"
        response.headers[.contentLength] = String(compressed.readableBytes)
        response.body = ResponseBody(byteBuffer: compressed)
        return response
    }

    /// Level 5: nearly the size of the default level in about two thirds of its time (a page is
    /// compressed on every request; assets carry ETags and are mostly answered 304).
    static let zlib = ZlibConfiguration(compressionLevel: .compressionLevel5)

    /// Text worth compressing; everything else (PDF, images, zip-based spreadsheets, octet
    /// streams) is already compressed or opaque.
    static func isCompressible(_ contentType: String?) -> Bool {
        guard let contentType else { return false }
        let media =
            contentType.split(separator: ";", maxSplits: 1).first?
            .trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        if media.hasPrefix("text/") { return true }
        return compressibleTypes.contains(media) || media.hasSuffix("+json") || media.hasSuffix("+xml")
    }

    /// Media types outside `text/` that are text and worth compressing.
    static let compressibleTypes: Set<String> = [
        "application/json", "application/javascript", "application/xml", "application/yaml",
        "application/x-yaml", "image/svg+xml", "application/manifest+json"
    ]

    /// Adds `Accept-Encoding` to `Vary` unless it is already named there.
    static func addVary(to headers: inout HTTPFields) {
        let named = headers[values: .vary].flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard !named.contains("accept-encoding"), !named.contains("*") else { return }
        headers.append(.init(name: .vary, value: "Accept-Encoding"))
    }
}

/// The codings a request's `Accept-Encoding` allows, read for gzip only: `gzip`, `x-gzip` or `*`
/// with a quality above zero (`gzip;q=0` refuses it).
struct AcceptedEncodings {
    /// Whether the client takes a gzipped answer.
    let acceptsGzip: Bool

    /// Reads the request's `Accept-Encoding` values.
    init(_ values: [String]) {
        var gzip: Double?
        var any: Double?
        for item in values.flatMap({ $0.split(separator: ",") }) {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let coding = parts.first, !coding.isEmpty else { continue }
            var quality = 1.0
            for parameter in parts.dropFirst() where parameter.hasPrefix("q=") {
                quality = Double(parameter.dropFirst(2)) ?? 0
            }
            switch coding {
            case "gzip", "x-gzip": gzip = max(gzip ?? 0, quality)
            case "*": any = quality
            default: break
            }
        }
        acceptsGzip = (gzip ?? any ?? 0) > 0
    }
}

/// Gathers a response body of known length so it can be compressed in one go.
final class CollectedBody: ResponseBodyWriter {
    /// The bytes written so far.
    var buffer: ByteBuffer

    /// An empty body with room for the answer's declared length.
    init(capacity: Int) {
        buffer = ByteBuffer()
        buffer.reserveCapacity(capacity)
    }

    /// Appends one part of the answer.
    func write(_ part: ByteBuffer) async throws {
        var part = part
        buffer.writeBuffer(&part)
    }

    /// Nothing to do: the whole body is in ``buffer``.
    func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
