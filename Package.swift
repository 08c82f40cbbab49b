// swift-tools-version:6.1
import PackageDescription

/// One package, five services. Each service is a library (what tests import) plus a thin
/// executable. librdkafka comes from pkg-config: `make` points PKG_CONFIG_PATH at the
/// project-local build made by `scripts/bootstrap.sh` when the system one is too old.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault")
]

let services: [(library: String, executable: String, folder: String)] = [
    ("IntakeService", "arianna-intake", "Intake"),
    ("PlannerService", "arianna-planner", "Planner"),
    ("NotificationService", "arianna-notification", "Notification"),
    ("WebReportService", "arianna-webreport", "WebReport"),
    ("BillingService", "arianna-billing", "Billing")
]

var targets: [Target] = [
    .systemLibrary(name: "CRdKafka", path: "Shared/Kafka/CRdKafka", pkgConfig: "rdkafka"),
    // XLSX exports (ServiceKit's SpreadsheetXLSX): Debian's libxlsxwriter-dev.
    .systemLibrary(name: "CXlsxWriter", path: "Shared/Spreadsheet/CXlsxWriter", pkgConfig: "xlsxwriter"),
    .systemLibrary(name: "CHaru", path: "Services/WebReport/CHaru"),
    .systemLibrary(name: "CLibical", path: "Services/WebReport/CLibical"),
    // libcurl: notification's SMTP client and MIME writer (Debian libcurl4-openssl-dev).
    .systemLibrary(name: "CCurl", path: "Services/Notification/CCurl", pkgConfig: "libcurl"),
    .target(
        name: "AriannaKafka",
        dependencies: [
            "CRdKafka",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle")
        ],
        path: "Shared/Kafka/Sources",
        swiftSettings: swiftSettings
    ),
    .target(name: "AriannaProtocol", path: "Shared/Protocol", swiftSettings: swiftSettings),
    // The words of pages and refusals (Wording, PageLanguage…): Foundation only, so a service's
    // Domain/ imports it instead of ServiceKit and stays pure (docs/ARCHITECTURE.md, anatomy).
    .target(name: "AriannaWording", path: "Shared/Wording", swiftSettings: swiftSettings),
    // File formats read without I/O (CSVTable, the one CSV reader of intake's and billing's
    // imports): pure like AriannaWording, so a Domain/ refusal may name a reader's problem.
    .target(
        name: "AriannaFiles", dependencies: ["AriannaWording"], path: "Shared/Files", swiftSettings: swiftSettings),
    // The hostile records every consumer must dead-letter (issue 14), shared by the bench and the tests.
    .target(
        name: "AriannaPoisonCorpus",
        dependencies: ["AriannaKafka", "AriannaProtocol", .product(name: "Logging", package: "swift-log")],
        path: "Shared/PoisonCorpus",
        swiftSettings: swiftSettings),
    .target(
        name: "ServiceKit",
        dependencies: [
            "AriannaProtocol", "AriannaKafka", "CXlsxWriter", "AriannaWording",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Mustache", package: "swift-mustache"),
            .product(name: "Crypto", package: "swift-crypto"),
            // gzip for text answers (ResponseCompressionMiddleware); links the system zlib.
            .product(name: "CompressNIO", package: "compress-nio"),
            // multipart/form-data bodies (uploads, CSV import, the CSRF field): Shared/ServiceKit/Forms.
            .product(name: "MultipartKit", package: "multipart-kit")
        ],
        path: "Shared/ServiceKit",
        // The shared page layout and stylesheet every service's pages use.
        resources: [.copy("Pages/Assets")],
        swiftSettings: swiftSettings
    ),
    // Helpers the services' router tests share (a client that presents a session).
    .target(
        name: "ServiceTestSupport",
        dependencies: [
            "ServiceKit", "AriannaProtocol", .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTesting", package: "hummingbird")
        ],
        path: "Tests/Support",
        swiftSettings: swiftSettings
    ),
    // Fixtures (Instant, rome, mocks) come from Tests/Support, shared with the services' tests.
    .testTarget(
        name: "ProtocolTests", dependencies: ["AriannaProtocol", "ServiceTestSupport"], swiftSettings: swiftSettings),
    .testTarget(
        name: "KafkaTests",
        dependencies: ["AriannaKafka", "AriannaPoisonCorpus", .product(name: "Logging", package: "swift-log")],
        swiftSettings: swiftSettings
    ),
    .testTarget(
        name: "ServiceKitTests",
        dependencies: [
            "ServiceKit", "AriannaKafka", "AriannaProtocol", "AriannaPoisonCorpus",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Mustache", package: "swift-mustache"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "CompressNIO", package: "compress-nio")
        ],
        swiftSettings: swiftSettings
    ),
    .testTarget(
        name: "EndToEndTests",
        dependencies: [
            "AriannaProtocol", "AriannaKafka", "AriannaPoisonCorpus", .product(name: "Logging", package: "swift-log")
        ],
        swiftSettings: swiftSettings
    )
]

/// Folders (inside a service's Library) shipped as resources: templates, scripts, styles.
let serviceResources: [String: [String]] = [
    "NotificationService": ["Resources"],
    "PlannerService": ["Resources"],
    "IntakeService": ["Resources"],
    "WebReportService": ["Resources"],
    "BillingService": ["Resources"]
]
/// Every service's `Library/Domain` folder is a module of its own, `<Folder>Domain` (issue 8):
/// it depends only on the pure leaf modules, so the compiler refuses a domain file that reaches
/// for the store, the web or the broker. Its declarations the service uses are `package`.
///
/// The pure leaf modules a domain module may import (besides Foundation).
let domainDependencies: [Target.Dependency] = ["AriannaProtocol", "AriannaWording", "AriannaFiles"]
/// The domain module of a service, as a dependency.
func domainModule(_ folder: String) -> [Target.Dependency] {
    [.target(name: "\(folder)Domain")]
}

/// Libraries that render Mustache templates themselves (the page layout is in ServiceKit).
let servicesUsingMustache: Set<String> = [
    "NotificationService", "PlannerService", "IntakeService", "WebReportService", "BillingService"
]

for service in services {
    var extra: [Target.Dependency] = []
    if servicesUsingMustache.contains(service.library) {
        extra.append(.product(name: "Mustache", package: "swift-mustache"))
    }
    if service.library == "WebReportService" {
        // The intervention report's PDF (Debian libhpdf-dev) and the calendar feeds (libical-dev).
        extra.append("CHaru")
        extra.append("CLibical")
    }
    if service.library == "NotificationService" {
        extra.append("CCurl")
    }
    if service.library == "IntakeService" || service.library == "BillingService" {
        // The CSV imports: tickets (intake) and the article catalogue (billing).
        extra.append("AriannaFiles")
    }
    if service.library == "IntakeService" {
        // Passwords (bcrypt) and API-key hashes (SHA-256).
        extra.append(.product(name: "HummingbirdBcrypt", package: "hummingbird-auth"))
        extra.append(.product(name: "Crypto", package: "swift-crypto"))
    }
    targets.append(
        .target(
            name: "\(service.folder)Domain",
            dependencies: domainDependencies,
            path: "Services/\(service.folder)/Library/Domain",
            swiftSettings: swiftSettings
        ))
    targets.append(
        .target(
            name: service.library,
            dependencies: [
                "ServiceKit", "AriannaProtocol", "AriannaWording",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOPosix", package: "swift-nio")
            ] + extra + domainModule(service.folder),
            path: "Services/\(service.folder)/Library",
            exclude: ["Domain"],
            // Plus every service's OpenAPI document (OpenAPI/openapi.yaml, served at /openapi.yaml).
            resources: ((serviceResources[service.library] ?? []) + ["OpenAPI"]).map { .copy($0) },
            swiftSettings: swiftSettings
        ))
    targets.append(
        .executableTarget(
            name: service.executable,
            dependencies: [
                .target(name: service.library), "ServiceKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser")
            ],
            path: "Services/\(service.folder)/Main",
            swiftSettings: swiftSettings
        ))
    targets.append(
        .testTarget(
            name: "\(service.folder)Tests",
            dependencies: [
                .target(name: service.library), "ServiceKit", "AriannaProtocol", "ServiceTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HummingbirdTesting", package: "hummingbird")
            ]
                // Intake's Kafka channel is tested against the real broker (batches of requests).
                + (service.library == "IntakeService" ? ["AriannaKafka"] : [])
                // Notification's members of one consumer group split a backlog on the real broker (issue 13).
                + (service.library == "NotificationService" ? ["AriannaKafka"] : [])
                // The CSV reader, exercised directly by intake's import tests.
                + (service.library == "IntakeService" ? ["AriannaFiles"] : [])
                + domainModule(service.folder),
            swiftSettings: swiftSettings
        ))
}

// The benchmarks (docs/BENCHMARKS.md) drive the services' libraries in process.
targets.append(
    .executableTarget(
        name: "arianna-bench",
        dependencies: services.flatMap { domainModule($0.folder) } + [
            "AriannaKafka", "AriannaProtocol", "PlannerService", "WebReportService", "BillingService", "ServiceKit",
            "NotificationService", "IntakeService", "AriannaPoisonCorpus",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ArgumentParser", package: "swift-argument-parser")
        ],
        path: "Benchmarks/arianna-bench",
        swiftSettings: swiftSettings
    ))

// The HTTP contract: every service's router against its OpenAPI document (docs/openapi/).
targets.append(
    .testTarget(
        name: "ContractTests",
        dependencies: services.map { .target(name: $0.library) } + services.flatMap { domainModule($0.folder) } + [
            "ServiceKit", "AriannaPoisonCorpus", "AriannaProtocol", .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log")
        ],
        swiftSettings: swiftSettings
    ))

let package = Package(
    name: "Arianna",
    platforms: [.macOS(.v15)],
    products: services.map { .executable(name: $0.executable, targets: [$0.executable]) },
    dependencies: [
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.1.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.80.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.0.0"..<"5.0.0"),
        .package(url: "https://github.com/adam-fowler/compress-nio.git", exact: "1.5.0"),
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.1")
    ],
    targets: targets,
    swiftLanguageModes: [.v6]
)
