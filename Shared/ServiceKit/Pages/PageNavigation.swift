public import Foundation

/// The navigation bar that links the five services, so a person feels one application even
/// though each service serves its own pages on its own port.
///
/// Each service's address comes from `ARIANNA_<SERVICE>_URL` (e.g. `ARIANNA_PLANNER_URL=
/// https://planner.example.com`), else `http://127.0.0.1:<port>` with the port from
/// `ARIANNA_<SERVICE>_PORT` or the service's default, which is what `make run` uses. The current
/// service links by path only, so it keeps working whatever host name the user reached it by.
public struct PageNavigation: Sendable {
    /// One service in the bar.
    public struct Entry: Sendable, Equatable {
        /// Service name as in `ServiceDefinition.name` (`intake`, `planner`…).
        public var service: String
        /// Key of its label in `PageStrings`.
        public var labelKey: String
        /// Base URL without a trailing slash (`http://127.0.0.1:8082`).
        public var baseURL: String
        /// The service's main page (`/board` for the planner).
        public var path: String

        /// Creates an entry; `baseURL` loses any trailing slash.
        public init(service: String, labelKey: String, baseURL: String, path: String) {
            self.service = service
            self.labelKey = labelKey
            self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
            self.path = path
        }
    }

    /// The services in bar order.
    public var entries: [Entry]

    /// A bar with exactly these entries (tests, or a deployment with fewer services).
    public init(entries: [Entry]) {
        self.entries = entries
    }

    /// The five services, their default ports and main pages: one list, so the bar and the
    /// ports in `scripts/env.sh` are easy to compare.
    public static let services: [(service: String, labelKey: String, port: Int, path: String)] = [
        ("intake", "navIntake", 8081, "/"),
        ("planner", "navPlanner", 8082, "/board"),
        ("notification", "navNotification", 8083, "/"),
        ("webreport", "navWebReport", 8084, "/"),
        ("billing", "navBilling", 8085, "/")
    ]

    /// The bar as configured by the environment (see the type's documentation).
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> PageNavigation {
        PageNavigation(
            entries: services.map { item in
                let key = item.service.uppercased()
                let port = environment["ARIANNA_\(key)_PORT"].flatMap(Int.init) ?? item.port
                let base =
                    environment["ARIANNA_\(key)_URL"].flatMap { $0.isEmpty ? nil : $0 }
                    ?? "http://127.0.0.1:\(port)"
                return Entry(service: item.service, labelKey: item.labelKey, baseURL: base, path: item.path)
            })
    }

    /// Where an entry's link points when shown on `currentService`'s pages.
    public func href(of entry: Entry, from currentService: String) -> String {
        entry.service == currentService ? entry.path : entry.baseURL + entry.path
    }
}
