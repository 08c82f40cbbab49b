import AriannaWording
import Foundation
import Hummingbird
import Logging

/// `GET /openapi.yaml`: the service's OpenAPI 3.1 document, open to anyone (it describes the API,
/// it holds no data), the same route on every service. The file is read once when the router is
/// built; a service without a document, or whose resource is missing, answers 404.
enum OpenAPIDocumentRoute {
    /// The media type of an OpenAPI document in YAML (RFC 9512).
    static let contentType = "application/yaml"

    /// Adds `GET /openapi.yaml`, serving `document` or 404.
    static func add(to router: ServiceRouter, document: URL?, logger: Logger) {
        let bytes: [UInt8]? = document.flatMap { url in
            do {
                return Array(try Data(contentsOf: url))
            } catch {
                logger.error(
                    "the OpenAPI document cannot be read", metadata: [LogKey.error: "\(error)", "path": "\(url.path)"])
                return nil
            }
        }
        router.get("/openapi.yaml") { request, _ -> Response in
            guard let bytes else {
                throw HTTPError(
                    .notFound,
                    message: Wording(
                        it: "Questo servizio non pubblica un documento OpenAPI.",
                        en: "This service publishes no OpenAPI document."
                    ).text(PageLanguage.of(request)))
            }
            return Response(
                status: .ok, headers: [.contentType: contentType],
                body: .init(byteBuffer: .init(bytes: bytes)))
        }
    }
}
