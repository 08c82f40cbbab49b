public import Foundation
public import Hummingbird

/// The small files a service's pages need (stylesheets, scripts), read once from a resource
/// folder at start-up and served from memory under a URL prefix.
///
/// Each URL carries a version derived from the file's bytes (`board.js?v=3f2a…`), and responses
/// carry an ETag, so a browser never runs yesterday's script against today's page. No CDN and no
/// third-party library: everything the pages load comes from here.
public struct StaticAssets: Sendable {
    /// One file held in memory.
    struct Asset: Sendable {
        /// The file's contents.
        let bytes: [UInt8]
        /// The `Content-Type` it is served with.
        let contentType: String
        /// A hash of the bytes, for the URL's `?v=` and the ETag.
        let version: String
    }

    /// Why the assets could not be loaded; a broken build should stop start-up, not 404 later.
    public enum Problem: Error, CustomStringConvertible {
        /// The named folder is not in the bundle (a packaging mistake).
        case missingFolder(String)

        /// A sentence for the start-up log.
        public var description: String {
            switch self {
            case .missingFolder(let name): "the resource folder '\(name)' is missing from the bundle"
            }
        }
    }

    /// URL path under which the files are served, e.g. `/assets/planner`.
    public let prefix: String
    /// File name → contents.
    let files: [String: Asset]

    /// Loads every file in `subdirectory` of `bundle` (not recursive).
    public init(bundle: Bundle, subdirectory: String, urlPrefix: String) throws {
        guard let folder = bundle.url(forResource: subdirectory, withExtension: nil) else {
            throw Problem.missingFolder(subdirectory)
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        var files: [String: Asset] = [:]
        for name in names {
            let url = folder.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue
            else { continue }
            let bytes = [UInt8](try Data(contentsOf: url))
            files[name] = Asset(bytes: bytes, contentType: Self.contentType(of: name), version: Self.version(of: bytes))
        }
        self.init(prefix: urlPrefix, files: files)
    }

    /// Assets from memory (tests).
    init(prefix: String, files: [String: Asset]) {
        self.prefix = prefix.hasSuffix("/") ? String(prefix.dropLast()) : prefix
        self.files = files
    }

    /// The versioned URL of `name` for a page to link; an unknown name still gives a URL (which
    /// will 404), so a typo shows in the browser's console rather than crashing a page.
    public func url(_ name: String) -> String {
        guard let asset = files[name] else { return "\(prefix)/\(name)" }
        return "\(prefix)/\(name)?v=\(asset.version)"
    }

    /// `GET <prefix>/:name`, answering 304 when the browser's copy is current.
    public func addRoutes(to router: ServiceRouter) {
        let files = self.files
        router.get("\(prefix)/:name") { request, context -> Response in
            let name = try context.parameters.require("name")
            guard let asset = files[name] else { throw HTTPError(.notFound) }
            let etag = "\"\(asset.version)\""
            var headers: HTTPFields = [
                .contentType: asset.contentType, .eTag: etag, .cacheControl: "no-cache"
            ]
            if request.headers[.ifNoneMatch] == etag {
                headers[.contentType] = nil
                return Response(status: .notModified, headers: headers)
            }
            headers[.contentLength] = String(asset.bytes.count)
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: asset.bytes)))
        }
    }

    /// The `Content-Type` for a file name's extension.
    static func contentType(of name: String) -> String {
        switch name.split(separator: ".").last.map(String.init) {
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "json": "application/json; charset=utf-8"
        default: "application/octet-stream"
        }
    }

    /// FNV-1a of the bytes in hex: stable across runs and machines, unlike `hashValue`.
    static func version(of bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}
