import AriannaProtocol
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Logging
import ServiceTestSupport
import Testing

@testable import PlannerService
@testable import ServiceKit

/// A planner store with the whole schema (including the board's counter) and a few rows, for
/// the board's builder, reader and routes.
struct BoardFixture {
    static let timeZone = TimeZone(identifier: "Europe/Rome") ?? .gmt
    /// Monday 2 March 2026, 10:00 in Rome.
    static let now = date(2026, 3, 2, 10, 0)

    let context: ServiceContext

    init() throws {
        let database = try ServiceDatabase.inMemory(migrations: PlannerService.definition.migrations)
        context = ServiceContext(
            configuration: ServiceConfiguration(
                serviceName: "planner", dataDirectory: URL(fileURLWithPath: "/tmp"), httpPort: 0),
            database: database, clock: .fixed(Self.now), logger: Logger(label: "test"))
    }

    static func date(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute))
            ?? .distantPast
    }

    static let mario = OperatorRecord(
        id: "op-mario", name: "Mario Rossi", email: nil, groups: ["Technicians North"], active: true)
    static let lucia = OperatorRecord(
        id: "op-lucia", name: "Lucia Bianchi", email: nil, groups: ["Technicians North"], active: true)
    static let giulia = OperatorRecord(
        id: "op-giulia", name: "Giulia Verdi", email: nil, groups: ["Back office"], active: true)
    static let repair = ActivityTypeRecord(
        id: "at-repair", code: "REPAIR", name: "Repair call", macroType: .call, expectedDurationMinutes: 60,
        billable: true, colour: "#d62728", active: true)

    static func call(_ id: String, state: QueueEntry.State = .unscheduled) -> QueueEntry {
        QueueEntry(
            ticketID: id, number: "TCK/2026/\(id)", activityTypeID: "at-repair", activityTypeName: "Repair call",
            expectedDurationMinutes: 60, customerID: "c-\(id)", customerName: "Bar <Sport>", customerEmail: nil,
            siteZone: "Milano", description: "Fridge broken", openedAt: now, queuedAt: now, state: state)
    }

    static func appointment(
        _ id: String, ticketID: String?, from start: Date, minutes: Int, operatorID: String = "op-mario"
    ) -> AppointmentRecord {
        AppointmentRecord(
            id: id, ticketID: ticketID, ticketNumber: ticketID.map { "TCK/2026/\($0)" }, operatorID: operatorID,
            title: ticketID.map { "TCK/2026/\($0) · Bar <Sport>" } ?? "Team meeting", customerID: nil,
            customerName: nil,
            customerEmail: nil, start: start, end: start.addingTimeInterval(Double(minutes * 60)), state: .scheduled,
            createdAt: now, updatedAt: now)
    }

    /// Mario and Lucia (present 08:00–12:00 and 13:00–17:00 on Monday, Mario absent 15:00–16:00),
    /// Giulia in the back office, one scheduled call at 09:00 and one waiting.
    func seed() async throws {
        try await context.database.write { db in
            for person in [Self.mario, Self.lucia, Self.giulia] { try person.upsert(db) }
            try Self.repair.upsert(db)
            try Self.call("1", state: .scheduled).insert(db)
            try Self.call("2").insert(db)
            try Self.appointment("a1", ticketID: "1", from: Self.date(2026, 3, 2, 9, 0), minutes: 60).insert(db)
            for person in ["op-mario", "op-lucia"] {
                for (from, to) in [(8, 12), (13, 17)] {
                    var presence = PresenceRecord(
                        operatorID: person, zone: "Milano", start: Self.date(2026, 3, 2, from, 0),
                        end: Self.date(2026, 3, 2, to, 0), ruleID: nil)
                    try presence.insert(db)
                }
            }
            try AbsenceRecord(
                id: "abs-1", operatorID: "op-mario", start: Self.date(2026, 3, 2, 15, 0),
                end: Self.date(2026, 3, 2, 16, 0), reason: "Dentist"
            ).insert(db)
        }
    }

    func model(view: BoardQuery.View = .day, group: String? = nil, language: PageLanguage = .en) async throws
        -> BoardModel
    {
        let query = BoardQuery(view: view, day: DateComponents(year: 2026, month: 3, day: 2), group: group)
        let builder = BoardBuilder(
            query: query, language: language, strings: PageStrings.layout.merging(BoardStrings.all),
            timeZone: Self.timeZone, today: Self.now)
        return builder.build(
            try await BoardReader(database: context.database).snapshot(range: builder.range, timeZone: Self.timeZone))
    }
}

@Suite struct BoardBuilderTests {
    @Test func dayView_hasHalfHourCellsOverTheWorkingDay() async throws {
        let fixture = try BoardFixture()
        try await fixture.seed()

        let model = try await fixture.model()

        // The standard working week some operators get is 08:00–17:00; without any it is 08:00–18:00.
        #expect(model.slots.first?.start == APIJSON.format(BoardFixture.date(2026, 3, 2, 8, 0)))
        #expect(model.columns == model.cellsPerDay)
        #expect(model.columns >= 18)
        #expect(model.heading == "Monday 2 March 2026")
    }

    @Test func rows_areTheActiveOperatorsOfTheGroup_byName() async throws {
        let fixture = try BoardFixture()
        try await fixture.seed()

        let all = try await fixture.model()
        let north = try await fixture.model(group: "Technicians North")

        #expect(all.rows.map(\.name) == ["Giulia Verdi", "Lucia Bianchi", "Mario Rossi"])
        #expect(north.rows.map(\.name) == ["Lucia Bianchi", "Mario Rossi"])
        #expect(north.groups.map(\.name) == ["All", "Back office", "Technicians North"])
        #expect(north.groups.filter(\.current).map(\.name) == ["Technicians North"])
    }

    @Test func cells_areWhenPresent_greyWhenAbsent_hatchedOtherwise() async throws {
        let fixture = try BoardFixture()
        try await fixture.seed()

        let model = try await fixture.model()
        let mario = try #require(model.rows.first { $0.operatorID == "op-mario" })
        func shade(at hour: Int, _ minute: Int = 0) throws -> BoardModel.Cell {
            let start = APIJSON.format(BoardFixture.date(2026, 3, 2, hour, minute))
            let index = try #require(model.slots.firstIndex { $0.start == start })
            return mario.cells[index]
        }

        #expect(try shade(at: 8).shade == .present)
        #expect(try shade(at: 11, 30).shade == .present)
        #expect(try shade(at: 12).shade == .away)
        #expect(try shade(at: 15).shade == .absent)
        #expect(try shade(at: 15).reason == "Dentist")
        #expect(try shade(at: 15, 30).label.contains("Mario Rossi"))
        #expect(try shade(at: 16).shade == .present)
    }

    @Test func bars_sitAtTheirTime_inTheirTypesColour() async throws {
        let fixture = try BoardFixture()
        try await fixture.seed()

        let model = try await fixture.model()
        let mario = try #require(model.rows.first { $0.operatorID == "op-mario" })
        let bar = try #require(mario.bars.first)
        let startIndex = try #require(
            model.slots.firstIndex { $0.start == APIJSON.format(BoardFixture.date(2026, 3, 2, 9, 0)) })

        #expect(bar.left == BoardBuilder.percent(Double(startIndex) / Double(model.columns)))
        #expect(bar.width == BoardBuilder.percent(2 / Double(model.columns)))
        #expect(bar.colour == "#d62728")
        #expect(bar.textColour == "#ffffff")
        #expect(bar.timeLabel == "09:00–10:00")
        #expect(bar.state == "scheduled")
        #expect(model.calls.map(\.ticketID) == ["2"])
    }

    @Test func weekView_runsMondayToSunday() async throws {
        let fixture = try BoardFixture()
        try await fixture.seed()

        let model = try await fixture.model(view: .week, language: .it)

        #expect(model.days.count == 7)
        #expect(model.days.first?.date == "2026-03-02")
        #expect(model.days.last?.date == "2026-03-08")
        #expect(model.columns == 7 * model.cellsPerDay)
        #expect(model.heading == "2 marzo – 8 marzo 2026")
    }

    @Test func visibleHours_growToShowAnEarlyAppointment() async throws {
        let fixture = try BoardFixture()
        try await fixture.seed()
        try await fixture.context.database.write { db in
            try BoardFixture.appointment(
                "early", ticketID: nil, from: BoardFixture.date(2026, 3, 2, 6, 45), minutes: 30
            ).insert(db)
        }

        let model = try await fixture.model()

        #expect(model.slots.first?.start == APIJSON.format(BoardFixture.date(2026, 3, 2, 6, 30)))
        let bar = try #require(model.rows.first { $0.operatorID == "op-mario" }?.bars.first { $0.id == "early" })
        #expect(bar.colour == BoardBuilder.directColour)
        #expect(bar.typeName == "Appointment")
    }

    @Test func colours_onlyHexReachesTheStyleAttribute() {
        #expect(BoardBuilder.safeColour("#1F77B4") == "#1f77b4")
        #expect(BoardBuilder.safeColour("#abc") == "#abc")
        #expect(BoardBuilder.safeColour("red;background:url(x)") == BoardBuilder.fallbackColour)
        #expect(BoardBuilder.safeColour("#12345g") == BoardBuilder.fallbackColour)
        #expect(BoardBuilder.textColour(on: "#ffdd57") == "#111111")
        #expect(BoardBuilder.textColour(on: "#1f77b4") == "#ffffff")
    }
}

@Suite struct BoardQueryTests {
    @Test func parse_defaultsToTodaysDayView() throws {
        let query = try BoardQuery.parse(
            view: nil, date: nil, group: "", today: BoardFixture.now, timeZone: BoardFixture.timeZone)
        #expect(query == BoardQuery(view: .day, day: DateComponents(year: 2026, month: 3, day: 2), group: nil))
    }

    @Test func parse_refusesImpossibleDaysAndViews() {
        #expect(throws: HTTPError.self) {
            try BoardQuery.parse(view: "day", date: "2026-02-30", group: nil, today: BoardFixture.now, timeZone: .gmt)
        }
        #expect(throws: HTTPError.self) {
            try BoardQuery.parse(view: "month", date: nil, group: nil, today: BoardFixture.now, timeZone: .gmt)
        }
    }

    @Test func queryString_escapesGroupNames() {
        let query = BoardQuery(view: .week, day: DateComponents(year: 2026, month: 3, day: 2), group: "R&D + Sud")
        #expect(query.queryString() == "view=week&date=2026-03-02&group=R%26D%20%2B%20Sud")
        #expect(query.queryString(group: .some(nil)) == "view=week&date=2026-03-02")
    }
}

@Suite struct BoardVersionTests {
    @Test func version_movesWithEveryChangeTheBoardShows() async throws {
        let fixture = try BoardFixture()
        let reader = BoardReader(database: fixture.context.database)
        let empty = try await reader.version()

        try await fixture.seed()
        let seeded = try await reader.version()
        try await fixture.context.database.write { db in
            try db.execute(sql: "UPDATE appointment SET state = 'cancelled' WHERE id = 'a1'")
        }
        let cancelled = try await reader.version()
        try await fixture.context.database.write { db in
            var presence = PresenceRecord(
                operatorID: "op-mario", zone: "Milano", start: BoardFixture.date(2026, 3, 3, 8, 0),
                end: BoardFixture.date(2026, 3, 3, 12, 0), ruleID: nil)
            try presence.insert(db)
        }
        let presenceAdded = try await reader.version()

        #expect(Set([empty, seeded, cancelled, presenceAdded]).count == 4)
    }
}

@Suite struct BoardRouteTests {
    func withRouter(_ test: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let fixture = try BoardFixture()
        try await fixture.seed()
        let router = ServiceRuntime.buildRouter(PlannerService.definition, context: fixture.context)
        try await Application(router: router).test(.router) { client in
            try await test(client.loggedIn(to: fixture.context, as: .cookie))
        }
    }

    @Test func board_rendersInItalianByDefault() async throws {
        try await withRouter { client in
            try await client.execute(uri: "/board?date=2026-03-02", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                let html = String(buffer: response.body)
                #expect(html.contains("<html lang=\"it\">"))
                #expect(html.contains("Chiamate da pianificare"))
                #expect(html.contains("data-ticket=\"2\""))
                #expect(html.contains("Bar &lt;Sport&gt;"))
                #expect(html.contains("class=\"cell cell--absent\""))
                #expect(html.contains("/assets/planner/board.js?v="))
                #expect(!html.contains("<Sport>"))
            }
        }
    }

    @Test func aCallBackForAnotherVisit_showsTheTechniciansNote_escaped() async throws {
        let fixture = try BoardFixture()
        try await fixture.seed()
        try await fixture.context.database.write { db in
            try db.execute(
                sql: "UPDATE queueEntry SET visitNote = ? WHERE ticketID = '2'",
                arguments: ["Pump <b>to</b> be \"ordered\""])
        }
        let router = ServiceRuntime.buildRouter(PlannerService.definition, context: fixture.context)
        try await Application(router: router).test(.router) { client in
            let client = client.loggedIn(to: fixture.context, as: .cookie)
            try await client.execute(uri: "/board?date=2026-03-02", method: .get, headers: [.acceptLanguage: "en"]) {
                response in
                let html = String(buffer: response.body)
                #expect(
                    html.contains(
                        "<span class=\"card__note-label\">Technician&#39;s note:</span> Pump &lt;b&gt;to&lt;/b&gt; be &quot;ordered&quot;"
                    )
                        || html.contains(
                            "<span class=\"card__note-label\">Technician&#x27;s note:</span> Pump &lt;b&gt;to&lt;/b&gt; be &quot;ordered&quot;"
                        ),
                    "\(html.components(separatedBy: "card__note").dropFirst().first ?? "no note")")
                #expect(!html.contains("<b>to</b>"))
                #expect(
                    html.components(separatedBy: "class=\"card__note\"").count == 2, "only the call with a note has one"
                )
            }
            try await client.execute(uri: "/api/board?date=2026-03-02", method: .get, headers: [.acceptLanguage: "it"])
            { response in
                let json = try #require(
                    try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
                let calls = try #require(json["calls"] as? [[String: Any]])
                #expect(
                    calls.first { $0["ticketID"] as? String == "2" }?["visitNote"] as? String
                        == "Pump <b>to</b> be \"ordered\"")
            }
        }
    }

    /// `board.js` swaps in what `/board/fragment` renders after a live update, so the board's
    /// markup has one copy: the fragment must be the page's main slot itself, byte for byte.
    @Test func boardFragment_isThePagesBoardWithoutTheLayout() async throws {
        try await withRouter { client in
            let query = "/board?view=week&date=2026-03-02&group=Technicians%20North"
            let page = try await client.executeRequest(
                uri: query, method: .get, headers: [.acceptLanguage: "en"], body: nil)
            let fragment = try await client.executeRequest(
                uri: query.replacingOccurrences(of: "/board?", with: "/board/fragment?"), method: .get,
                headers: [.acceptLanguage: "en"], body: nil)
            #expect(fragment.status == .ok)
            #expect(fragment.headers[.contentType] == "text/html; charset=utf-8")
            #expect(fragment.headers[.cacheControl] == "no-store")
            let html = String(buffer: fragment.body)
            #expect(!html.contains("<html"))
            #expect(html.contains("id=\"planner-rows\""))
            #expect(html.contains("data-ticket=\"2\""))
            #expect(html.contains("Calls to schedule"))
            #expect(html.contains("Bar &lt;Sport&gt;"))
            #expect(!html.contains("<Sport>"))
            let main = try #require(
                String(buffer: page.body).components(
                    separatedBy: "<main id=\"main\" class=\"app-main\" tabindex=\"-1\">\n"
                ).dropFirst().first?
                .components(separatedBy: "\n</main>").first)
            #expect(main == html)
        }
    }

    @Test func board_followsAcceptLanguageAndTheCookie() async throws {
        try await withRouter { client in
            try await client.execute(
                uri: "/board?date=2026-03-02", method: .get, headers: [.acceptLanguage: "en-GB,en;q=0.9"]
            ) { response in
                #expect(String(buffer: response.body).contains("Calls to schedule"))
            }
            try await client.execute(
                uri: "/board?date=2026-03-02", method: .get, headers: [.acceptLanguage: "en-GB", .cookie: "lang=it"]
            ) { response in
                #expect(String(buffer: response.body).contains("Chiamate da pianificare"))
            }
        }
    }

    @Test func apiBoard_givesTheSameDataAsJSON() async throws {
        try await withRouter { client in
            try await client.execute(
                uri: "/api/board?view=week&date=2026-03-04&group=Technicians%20North", method: .get,
                headers: [.acceptLanguage: "en"]
            ) { response in
                #expect(response.status == .ok)
                let json = try #require(
                    try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
                #expect(json["view"] as? String == "week")
                #expect((json["rows"] as? [Any])?.count == 2)
                #expect((json["calls"] as? [Any])?.count == 1)
                let rows = try #require(json["rows"] as? [[String: Any]])
                let cell = try #require((rows.first?["cells"] as? [[String: Any]])?.first)
                #expect(cell["label"] == nil)
                #expect(cell["shade"] != nil)
            }
        }
    }

    @Test func board_refusesABadDate() async throws {
        try await withRouter { client in
            try await client.execute(uri: "/board?date=02/03/2026", method: .get, headers: [.acceptLanguage: "en"]) {
                response in
                #expect(response.status == .badRequest)
            }
        }
    }

    @Test func aBadBoardQuery_isExplainedInTheUsersLanguage_englishByDefault() async throws {
        try await withRouter { client in
            try await client.execute(uri: "/api/board?date=02/03/2026", method: .get, headers: [.acceptLanguage: "it"])
            { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("date deve essere un giorno come 2026-03-02"))
            }
            try await client.execute(uri: "/board/fragment?view=month", method: .get, headers: [.acceptLanguage: "en"])
            { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("view must be 'day' or 'week'"))
            }
            #expect(throws: (any Error).self) {
                try BoardQuery.parse(view: nil, date: nil, group: nil, today: BoardFixture.now, timeZone: .gmt)
                    .colouring("rainbow")
            }
        }
    }

    @Test func root_redirectsToTheBoard() async throws {
        try await withRouter { client in
            try await client.execute(uri: "/", method: .get, headers: [.acceptLanguage: "en"]) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/board")
            }
        }
    }
}

@Suite struct BoardRenderingTests {
    @Test func aWeekOfFiftyTechnicians_rendersEveryCellOnce() async throws {
        // Given fifty technicians, each present every weekday with a few appointments.
        let fixture = try BoardFixture()
        try await fixture.context.database.write { db in
            try BoardFixture.repair.upsert(db)
            for index in 0..<50 {
                let id = "op-\(index)"
                try OperatorRecord(id: id, name: "Technician \(index)", email: nil, groups: ["Field"], active: true)
                    .upsert(db)
                for day in 2...6 {
                    var presence = PresenceRecord(
                        operatorID: id, zone: "Milano", start: BoardFixture.date(2026, 3, day, 8, 0),
                        end: BoardFixture.date(2026, 3, day, 17, 0), ruleID: nil)
                    try presence.insert(db)
                    try BoardFixture.appointment(
                        "a-\(index)-\(day)", ticketID: nil, from: BoardFixture.date(2026, 3, day, 9 + index % 6, 0),
                        minutes: 90,
                        operatorID: id
                    ).insert(db)
                }
            }
        }
        let controller = try BoardController.make(context: fixture.context)

        // When the week is rendered.
        let started = ContinuousClock.now
        let model = try await fixture.model(view: .week, group: "Field", language: .it)
        let built = ContinuousClock.now - started
        let html = try controller.renderer.renderHTML(
            "board", page: .init(titleKey: "boardTitle"),
            model: BoardPage(board: model, config: "{}", menu: []), language: .it, currentPath: "/board")
        let elapsed = ContinuousClock.now - started

        // Then every technician has a row with seven days of cells and five bars.
        #expect(model.rows.count == 50)
        #expect(html.components(separatedBy: "class=\"planner__row\"").count - 1 == 50)
        #expect(html.components(separatedBy: "class=\"cell ").count - 1 == 50 * model.columns)
        #expect(html.components(separatedBy: "class=\"bar bar--").count - 1 == 250)
        print(
            "board: 50 technicians × 1 week (\(model.columns) columns) built in \(built), rendered in \(elapsed - built)"
        )
    }
}
