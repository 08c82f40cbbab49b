import ArgumentParser
import Foundation
import Hummingbird
import PlannerDomain
import PlannerService
import ServiceKit

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The board as a back-office user meets it, over real HTTP on loopback against the planner's
/// own router and an on-disk store: the server-side render of a week for 50 technicians, and
/// the drop round trip — POST the appointment (rules checked in the write transaction) and
/// fetch the board fragment that shows it (what the page does after a drop or a live-update
/// ping: `board.js` swaps in `GET /board/fragment`).
struct BoardBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "board", abstract: "Board render (50 technicians × one week) and drop → board updated round trip.")

    /// How many technicians have rows on the planner's week board.
    @Option(help: "Technicians on the board.") var technicians = 50
    /// How many times the week page is rendered and timed.
    @Option(help: "Timed renders of the week page.") var renders = 30
    /// How many appointment drops on the board are timed, each validated and answered with a fragment.
    @Option(help: "Timed drops.") var drops = 100

    func run() async throws {
        let bench = try PlannerBenchStore()
        defer { bench.remove() }
        try await bench.seedOperators(technicians, weekends: false)
        guard let monday = LocalDate("2031-01-06") else { return }
        _ = try await bench.generate(from: monday.description, to: monday.adding(days: 6).description)
        // Three one-hour appointments per technician and working day.
        for index in 1...technicians {
            for day in 0..<5 {
                for hour in [8, 10, 14] {
                    let start = monday.adding(days: day).instant(at: LocalTime(hour: hour), in: PlannerBenchStore.rome)
                    _ = try await bench.planner.schedule(
                        ScheduleRequest(
                            ticketID: nil, operatorID: PlannerBenchStore.operatorID(index), start: start,
                            end: start.addingTimeInterval(3600), title: "Visit \(index)-\(day)-\(hour)"))
                }
            }
        }

        let port = try Self.freePort()
        let router = ServiceRuntime.buildRouter(PlannerService.definition, context: bench.context)
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
        let server = Task { try await app.runService() }
        defer { server.cancel() }
        let base = "http://127.0.0.1:\(port)"
        // A back-office user's session, signed with the bench store's key as intake signs it at
        // login: every board route requires `planner.schedule`. A bearer token needs no CSRF token.
        let backOffice = SessionCredentials.mint(
            permissions: [.plannerSchedule], key: bench.context.configuration.sessionKey, username: "bench")
        let sessionConfiguration = URLSessionConfiguration.ephemeral
        // As a browser asks: the page comes gzipped (ServiceKit's ResponseCompressionMiddleware).
        sessionConfiguration.httpAdditionalHeaders = [
            "Authorization": "Bearer \(backOffice.token)", "Accept-Encoding": "gzip"
        ]
        let session = URLSession(configuration: sessionConfiguration)
        for _ in 0..<100 {
            if let (_, response) = try? await session.data(from: URL(string: "\(base)/health/live")!),
                (response as? HTTPURLResponse)?.statusCode == 200
            {
                break
            }
            try await Task.sleep(for: .milliseconds(100))
        }

        let clock = ContinuousClock()
        let week = "view=week&date=\(monday)&group=Technicians"
        var renderTimes: [Double] = []
        var size = WireSize(wire: 0, plain: 0, encoding: nil)
        for _ in 0..<renders {
            let t0 = clock.now
            let (data, response) = try await session.data(from: URL(string: "\(base)/board?\(week)")!)
            guard let answer = response as? HTTPURLResponse, answer.statusCode == 200 else {
                throw BenchFailure("the board answered \(response)")
            }
            renderTimes.append((clock.now - t0).milliseconds)
            size = WireSize(data, answer)
        }
        print(
            "board: GET /board week × \(technicians) technicians (\(size)): \(Percentiles(milliseconds: renderTimes))")
        let (json, jsonAnswer) = try await session.data(from: URL(string: "\(base)/api/board?\(week)")!)
        if let answer = jsonAnswer as? HTTPURLResponse {
            print("board: GET /api/board week: \(WireSize(json, answer))")
        }
        let (fragment, fragmentAnswer) = try await session.data(from: URL(string: "\(base)/board/fragment?\(week)")!)
        if let answer = fragmentAnswer as? HTTPURLResponse {
            print("board: GET /board/fragment week: \(WireSize(fragment, answer))")
        }

        var roundTrips: [Double] = []
        for attempt in 0..<drops {
            let index = attempt % technicians + 1
            let day = monday.adding(days: attempt / technicians % 5)
            let start = day.instant(at: LocalTime(hour: 16), in: PlannerBenchStore.rome)
            var request = URLRequest(url: URL(string: "\(base)/api/appointments")!)
            request.httpMethod = "POST"
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data(
                #"{"operatorID":"\#(PlannerBenchStore.operatorID(index))","start":"\#(APIJSON.format(start))","end":"\#(APIJSON.format(start.addingTimeInterval(1800)))","title":"Drop \#(attempt)"}"#
                    .utf8)
            let t0 = clock.now
            let (created, response) = try await session.data(for: request)
            guard (response as? HTTPURLResponse)?.statusCode == 201,
                let id = (try JSONSerialization.jsonObject(with: created) as? [String: Any])?["id"] as? String
            else { throw BenchFailure("drop \(attempt) refused: \(String(decoding: created, as: UTF8.self))") }
            let (board, _) = try await session.data(from: URL(string: "\(base)/board/fragment?\(week)")!)
            guard String(decoding: board, as: UTF8.self).contains(id) else {
                throw BenchFailure("the board does not show drop \(attempt)")
            }
            roundTrips.append((clock.now - t0).milliseconds)
        }
        print("board: drop → validated → board fragment showing it: \(Percentiles(milliseconds: roundTrips))")
    }

    /// A TCP port on 127.0.0.1 that is free now, for the in-process planner's HTTP server.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw BenchFailure("socket() failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard ok else { throw BenchFailure("could not find a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// An answer's size on the wire and once decoded. URLSession (libcurl) hands back the decoded
/// body, so the wire size is the `Content-Length` the server declared for the encoded one.
struct WireSize: CustomStringConvertible {
    /// Bytes on the wire: the declared `Content-Length` of the (possibly compressed) answer.
    let wire: Int
    /// Bytes of the decoded body, as the page's markup weighs.
    let plain: Int
    /// The `Content-Encoding` the server chose (`gzip`, …), nil when it sent the body plain.
    let encoding: String?

    /// The given sizes; the running total of several answers starts from zero this way.
    init(wire: Int, plain: Int, encoding: String?) {
        self.wire = wire
        self.plain = plain
        self.encoding = encoding
    }

    /// The sizes of one answer: its decoded `body` and the headers of `response`.
    init(_ body: Data, _ response: HTTPURLResponse) {
        encoding = response.value(forHTTPHeaderField: "Content-Encoding")
        plain = body.count
        wire = response.value(forHTTPHeaderField: "Content-Length").flatMap(Int.init) ?? body.count
    }

    var description: String {
        "\(wire / 1024) KiB on the wire\(encoding.map { " (\($0))" } ?? ""), \(plain / 1024) KiB uncompressed"
    }
}
