import ArgumentParser
import AriannaProtocol
import Foundation
import Hummingbird
import Logging
import ServiceKit
import WebReportService

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The technician's app as a phone meets it, over real HTTP on loopback against web-report's
/// own router and an on-disk store: the to-do list page of a technician with `items` upcoming
/// appointments (server time and page weight), and the PDF of a signed report with two photos.
struct WebReportBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "webreport", abstract: "To-do list page (200 upcoming items) and report PDF with two photos.")

    /// How many upcoming appointments the technician's to-do list holds.
    @Option(help: "Upcoming appointments on the technician's list.") var items = 200
    /// How many times the to-do list is rendered and timed.
    @Option(help: "Timed renders of the to-do list.") var renders = 50
    /// How many intervention report PDFs are rendered and timed.
    @Option(help: "Timed PDFs.") var pdfs = 20

    /// A 1×1 PNG: the signature and the photos (the PDF's cost is the document, not the pixels).
    static let png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="

    func run() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "arianna-bench-webreport-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let rome = TimeZone(identifier: "Europe/Rome") ?? .gmt
        let configuration = ServiceConfiguration(
            serviceName: "webreport", dataDirectory: folder, httpPort: 0, timeZone: rome)
        let database = try ServiceDatabase(
            url: configuration.databaseURL, migrations: WebReportService.definition.migrations)
        let context = ServiceContext(
            configuration: configuration, database: database, clock: .system, logger: Logger(label: "arianna.bench"))
        guard let handler = WebReportService.definition.makeHandler(context) else {
            throw BenchFailure("web-report has no event handler")
        }

        // Setup, then `items` appointments from now on, spread over the week, plus one in the past to report.
        let now = Date()
        var sequence = 0
        func received<E: DomainEvent>(_ event: E, _ wrap: (E) -> AriannaEvent) -> ReceivedEvent {
            sequence += 1
            return ReceivedEvent(
                metadata: .new(for: event, id: "bench-\(sequence)", source: "/bench", time: now), event: wrap(event))
        }
        var events: [ReceivedEvent] = [
            received(
                ActivityTypeSnapshot(
                    activityTypeID: "at-bench", code: "MAINT", name: "Manutenzione", macroType: .appointment,
                    expectedDurationMinutes: 60, billable: true, colour: "#1f77b4", active: true,
                    billingArticles: [
                        .init(code: "CALL-FEE", description: "Diritto di chiamata", quantity: 1, unitPriceCents: 3_500)
                    ]),
                AriannaEvent.activityTypeSnapshot),
            received(
                CustomerSnapshot(
                    customerID: "cus-bench", name: "Rossi Impianti S.r.l.", email: nil, phone: "+39 02 1234567",
                    active: true,
                    sites: [
                        .init(siteID: "s1", name: "Sede", address: "Via Roma 1, Milano", zone: "Milano", active: true)
                    ]),
                AriannaEvent.customerSnapshot)
        ]
        for index in 0...items {
            let ticketID = "tck-\(index)"
            let start =
                index == 0
                ? now.addingTimeInterval(-3 * 3600) : now.addingTimeInterval(Double(index) * 6 * 86_400 / Double(items))
            let customer = CustomerRef(id: "cus-bench", name: "Rossi Impianti S.r.l.", email: nil)
            events.append(
                received(
                    TicketOpened(
                        ticketID: ticketID, number: "TCK/2030/\(index)",
                        activityType: ActivityTypeRef(
                            id: "at-bench", code: "MAINT", name: "Manutenzione", expectedDurationMinutes: 60,
                            billable: true),
                        customer: customer, siteZone: "Milano", description: "Caldaia da controllare \(index)",
                        channel: .api,
                        openedAt: now.addingTimeInterval(-86_400)), AriannaEvent.ticketOpened))
            events.append(
                received(
                    AppointmentScheduled(
                        appointmentID: "app-\(index)", ticketID: ticketID, ticketNumber: "TCK/2030/\(index)",
                        operatorID: "op-bench",
                        operatorName: "Mario Rossi", title: "TCK/2030/\(index) · Rossi Impianti", customer: customer,
                        start: start, end: start.addingTimeInterval(3600)), AriannaEvent.appointmentScheduled))
        }
        let batch = events
        try await database.write { db in
            for event in batch { try handler.handle(event, in: db) }
        }

        let port = try BoardBench.freePort()
        let router = ServiceRuntime.buildRouter(WebReportService.definition, context: context)
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
        let server = Task { try await app.runService() }
        defer { server.cancel() }
        let base = "http://127.0.0.1:\(port)"
        let mario = SessionCredentials.mint(
            permissions: [.reportsFill], key: configuration.sessionKey, operatorID: "op-bench")
        let sessionConfiguration = URLSessionConfiguration.ephemeral
        sessionConfiguration.httpAdditionalHeaders = ["Authorization": "Bearer \(mario.token)", "Accept": "text/html"]
        let session = URLSession(configuration: sessionConfiguration)
        for _ in 0..<100 {
            if let (_, response) = try? await session.data(from: URL(string: "\(base)/health/live")!),
                (response as? HTTPURLResponse)?.statusCode == 200
            {
                break
            }
            try await Task.sleep(for: .milliseconds(100))
        }

        // The to-do list: server time (request to last byte on loopback) and page weight (HTML
        // plus its stylesheet and scripts, as a phone fetches them the first time).
        let clock = ContinuousClock()
        var times: [Double] = []
        var page = Data()
        var encoding = "none"
        for _ in 0..<renders {
            let t0 = clock.now
            let (data, response) = try await session.data(from: URL(string: "\(base)/todo?range=week")!)
            guard let http = response as? HTTPURLResponse, http.statusCode == 200 else {
                throw BenchFailure("the to-do list answered \(response)")
            }
            times.append((clock.now - t0).milliseconds)
            page = data
            encoding = http.value(forHTTPHeaderField: "Content-Encoding") ?? "none"
        }
        let html = String(decoding: page, as: UTF8.self)
        let shown = html.components(separatedBy: "href=\"/appointments/").count - 1
        var assets = 0
        for asset in Self.assetURLs(in: html) {
            let (data, _) = try await session.data(from: URL(string: base + asset)!)
            assets += data.count
        }
        let weight = page.count + assets
        print(
            """
            webreport: GET /todo week, \(shown) items: \(Percentiles(milliseconds: times)) p95=\(String(format: "%.1f", Self.percentile(0.95, of: times))) ms
            webreport: to-do page weight \(weight) bytes (\(weight / 1024) KiB; goal ≤ 100 KB) = HTML \(page.count) bytes + assets \(assets) bytes; \
            \(page.count / Swift.max(shown, 1)) HTML bytes per item (the page's own markup included); server compression: \(encoding)
            """)

        // A signed report with two photos, then its PDF.
        for _ in 0..<2 {
            var upload = URLRequest(url: URL(string: "\(base)/api/appointments/app-0/photos")!)
            upload.httpMethod = "POST"
            upload.setValue("image/png", forHTTPHeaderField: "Content-Type")
            upload.httpBody = Data(base64Encoded: Self.png)
            let (_, response) = try await session.data(for: upload)
            guard (response as? HTTPURLResponse)?.statusCode == 201 else {
                throw BenchFailure("photo refused: \(response)")
            }
        }
        var filing = URLRequest(url: URL(string: "\(base)/api/appointments/app-0/report")!)
        filing.httpMethod = "POST"
        filing.setValue("application/json", forHTTPHeaderField: "Content-Type")
        filing.httpBody = Data(
            """
            {"sessions": [{"start": "\(APIJSON.format(now.addingTimeInterval(-3 * 3600)))", "end": "\(APIJSON.format(now.addingTimeInterval(-2 * 3600)))", "travelMinutes": 15}],
             "workDone": "Pulizia bruciatore e controllo fumi", "materials": [{"articleCode": "CALL-FEE", "quantity": 1}],
             "signedBy": "Anna Neri", "signature": "data:image/png;base64,\(Self.png)"}
            """.utf8)
        let (filed, filedResponse) = try await session.data(for: filing)
        guard (filedResponse as? HTTPURLResponse)?.statusCode == 201,
            let reportID = (try JSONSerialization.jsonObject(with: filed) as? [String: Any])?["id"] as? String
        else { throw BenchFailure("report refused: \(String(decoding: filed, as: UTF8.self))") }
        var pdfTimes: [Double] = []
        var pdfSize = 0
        for _ in 0..<pdfs {
            let t0 = clock.now
            let (data, response) = try await session.data(from: URL(string: "\(base)/reports/\(reportID)/pdf")!)
            guard (response as? HTTPURLResponse)?.statusCode == 200 else {
                throw BenchFailure("the PDF answered \(response)")
            }
            pdfTimes.append((clock.now - t0).milliseconds)
            pdfSize = data.count
        }
        print(
            "webreport: GET /reports/{id}/pdf, signed, two photos (\(pdfSize / 1024) KiB): \(Percentiles(milliseconds: pdfTimes))"
        )
    }

    /// The `q` quantile of `samples` (nearest rank), in their unit.
    static func percentile(_ q: Double, of samples: [Double]) -> Double {
        let sorted = samples.sorted()
        guard !sorted.isEmpty else { return .nan }
        return sorted[Swift.min(sorted.count - 1, Swift.max(0, Int((q * Double(sorted.count)).rounded(.up)) - 1))]
    }

    /// The stylesheet and script URLs a page links.
    static func assetURLs(in html: String) -> [String] {
        html.components(separatedBy: "\"").filter { $0.hasPrefix("/assets/") }
    }
}
