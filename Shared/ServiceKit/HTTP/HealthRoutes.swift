import Foundation
import GRDB
public import Hummingbird
import Prometheus

/// `/health/live`, `/health/ready` and `/metrics`, the same on every service. Both health
/// answers carry the consumer's lag (total and per topic, measured every 5 s; absent before the
/// first measurement and on a service that consumes nothing).
enum HealthRoutes {
    /// The body of both health answers.
    struct Status: Codable, ResponseEncodable {
        /// The service answering.
        let service: String
        /// `live`, `ready` or `unavailable`.
        let status: String
        /// Why the service is not ready (`database`: its store cannot be read).
        var problem: String? = nil
        /// The consumer's last measured lag.
        var consumerLag: ConsumerLag.Snapshot? = nil
    }

    /// Adds the health and metrics routes, open to anyone: they hold no user data.
    static func add(to router: ServiceRouter, context: ServiceContext, registry: PrometheusCollectorRegistry) {
        let name = context.configuration.serviceName
        router.get("/health/live") { _, _ in
            Status(service: name, status: "live", consumerLag: context.consumerLag.snapshot)
        }
        router.get("/health/ready") { _, _ -> Response in
            do {
                // Raw SQL stays: a probe that the store answers at all, naming no table or column.
                _ = try await context.database.read { db in try Int.fetchOne(db, sql: "SELECT 1") }
                return try JSONResponse.make(
                    .ok, Status(service: name, status: "ready", consumerLag: context.consumerLag.snapshot))
            } catch {
                return try JSONResponse.make(
                    .serviceUnavailable, Status(service: name, status: "unavailable", problem: "database"))
            }
        }
        router.get("/metrics") { _, _ -> Response in
            var buffer: [UInt8] = []
            registry.emit(into: &buffer)
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                body: .init(byteBuffer: .init(bytes: buffer)))
        }
    }
}

/// Builds a JSON response with an explicit status, for routes whose status depends on the outcome.
public enum JSONResponse {
    /// `value` as JSON (``APIJSON``) with `status`.
    public static func make(_ status: HTTPResponse.Status, _ value: some Encodable) throws -> Response {
        let data = try APIJSON.encoder.encode(value)
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: .init(bytes: data)))
    }
}
