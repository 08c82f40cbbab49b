import Foundation
import GRDB
import IntakeDomain
import ServiceKit
import Testing

@testable import IntakeService

/// Issue 15: ticket search on the FTS5 index (accents and case folded, prefixes), every filter
/// on an index, and the list built in a constant number of queries.
@Suite struct TicketSearchTests {
    static func open(
        _ fixture: IntakeFixture, _ description: String, customer: String = "Panificio Moretti",
        email: String? = nil, fields: [String: String] = [:]
    ) async throws -> TicketView {
        try await fixture.store.openTicket(
            NewTicket(
                activityTypeCode: "REPAIR", customer: .init(name: customer, email: email), siteZone: "Milano",
                description: description, customFields: ["appliance": "Apparecchio"].merging(fields) { $1 }),
            channel: .api
        ).ticket
    }

    static func numbers(_ fixture: IntakeFixture, _ text: String) async throws -> Set<String> {
        Set(try await fixture.store.tickets(matching: TicketSearch(text: text)).map(\.number))
    }

    @Test func fullText_foldsAccentsAndCase_andMatchesPrefixes() async throws {
        let fixture = try await IntakeFixture()
        let leak = try await Self.open(fixture, "Perdita d'acqua sotto la Caldaia", customer: "Caffè Città Alta")
        let boiler = try await Self.open(
            fixture, "La caldaia è in blocco dopo il temporale", email: "ordini@moretti.example")
        let oven = try await Self.open(
            fixture, "Forno spento", customer: "Pasticceria Perdità", fields: ["appliance": "Forno a tunnel Ariston"])
        #expect(try await Self.numbers(fixture, "perdità") == [leak.number, oven.number])
        #expect(try await Self.numbers(fixture, "caldaia") == [leak.number, boiler.number])
        #expect(try await Self.numbers(fixture, "CALDAIA perdita") == [leak.number])
        #expect(try await Self.numbers(fixture, "cald") == [leak.number, boiler.number], "a word being typed")
        #expect(try await Self.numbers(fixture, "caffe citta") == [leak.number], "customer name, accents folded")
        #expect(try await Self.numbers(fixture, "ariston") == [oven.number], "custom-field value")
        #expect(try await Self.numbers(fixture, "moretti.example") == [boiler.number], "customer email")
        #expect(try await Self.numbers(fixture, boiler.number) == [boiler.number], "the number as shown")
        #expect(try await Self.numbers(fixture, "temporale blocco") == [boiler.number], "Italian words in any order")
        #expect(
            try await Self.numbers(fixture, "temporale+blocco") == [boiler.number], "a form's GET sends spaces as +")
        #expect(try await Self.numbers(fixture, "lavatrice").isEmpty)
        #expect(try await Self.numbers(fixture, #"" * ( - : ^"#).count == 3, "punctuation alone filters nothing")
        #expect(try await Self.numbers(fixture, #"caldaia" OR "forno"#).isEmpty, "operators are words, not syntax")
    }

    @Test func fullText_followsEdits_andCustomerRenames() async throws {
        let fixture = try await IntakeFixture()
        let ticket = try await Self.open(fixture, "Lavastoviglie rumorosa", customer: "Officina Rossi")
        try await fixture.context.database.write { db in
            try db.execute(
                sql:
                    "UPDATE ticket SET description = 'Lavatrice che perde', customFields = '{\"model\":\"Zanussi\"}' WHERE id = ?",
                arguments: [ticket.id])
            try db.execute(
                sql: "UPDATE customer SET name = 'Forno Bianchi' WHERE id = ?", arguments: [ticket.customer.id])
        }
        #expect(try await Self.numbers(fixture, "lavastoviglie").isEmpty)
        #expect(try await Self.numbers(fixture, "lavatrice zanussi bianchi") == [ticket.number])
        #expect(try await Self.numbers(fixture, "officina").isEmpty, "the old customer name is gone")
    }

    @Test func migration_indexesTheTicketsAlreadyStored() throws {
        let queue = try DatabaseQueue()
        var migrator = DatabaseMigrator()
        IntakeMigrations.register(in: &migrator)
        try migrator.migrate(queue, upTo: "intake.mailing-lists")
        try queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO activityType (id, code, name, macroType, expectedDurationMinutes, billable, colour, numberingPrefix)
                    VALUES ('t1', 'REPAIR', 'Riparazione', 'call', 60, 1, '#336699', 'TCK');
                    INSERT INTO customer (id, name, email) VALUES ('c1', 'Albergo Città', 'info@albergo.example');
                    INSERT INTO ticket (id, number, activityTypeID, customerID, description, channel, state, openedAt, customFields)
                    VALUES ('k1', 'TCK/2029/000007', 't1', 'c1', 'Perdita in caldaia', 'api', 'open', '2029-05-01 10:00:00.000',
                            '{"appliance":"Vaillant"}');
                    """)
        }
        try migrator.migrate(queue)
        let texts = ["perdità", "città", "vaillant", "000007", "albergo.example"]
        let found = try queue.read { db in
            try texts.map { text in try TicketSearch(text: text).records(in: db).map(\.id) }
        }
        #expect(found == Array(repeating: ["k1"], count: texts.count))
    }

    /// Words with a customer or operator filter are one FTS5 query on the id columns: only that
    /// customer's (operator's) matching tickets, newest first, following a change of operator;
    /// an id that merely starts the same, or a word equal to an id, finds nothing extra.
    @Test func wordsWithACustomerOrOperator_matchInOneFullTextQuery() async throws {
        let fixture = try await IntakeFixture()
        let first = try await Self.open(fixture, "Caldaia in blocco", customer: "Hotel Lago")
        let second = try await Self.open(fixture, "Caldaia che perde", customer: "Hotel Lago")
        let other = try await Self.open(fixture, "Caldaia rumorosa", customer: "Bar Centrale")
        _ = try await Self.open(fixture, "Forno spento", customer: "Hotel Lago")
        let lago = first.customer.id
        try await fixture.context.database.write { db in
            try db.execute(sql: "INSERT INTO operator (id, name, groups) VALUES ('op-7', 'Giulia', '[]')")
            try db.execute(
                sql: "UPDATE ticket SET assignedOperatorID = 'op-7' WHERE id IN (?, ?)",
                arguments: [second.id, other.id])
        }
        func ids(_ search: TicketSearch) async throws -> [String] {
            try await fixture.context.database.read { db in try search.records(in: db).map(\.id) }
        }
        #expect(TicketSearch(text: "caldaia", customerID: lago).readsInIndexOrder)
        #expect(try await ids(TicketSearch(text: "caldaia", customerID: lago)) == [second.id, first.id])
        #expect(try await ids(TicketSearch(text: "caldaia", assignedOperatorID: "op-7")) == [other.id, second.id])
        #expect(
            try await ids(TicketSearch(text: "caldaia", customerID: lago, assignedOperatorID: "op-7")) == [second.id])
        #expect(try await ids(TicketSearch(text: "caldaia", assignedOperatorID: "op-7-old")).isEmpty)
        #expect(try await ids(TicketSearch(text: "caldaia", customerID: lago + "-2")).isEmpty)
        #expect(try await ids(TicketSearch(text: "op-7")).isEmpty, "ids are not words")
        #expect(try await ids(TicketSearch(text: "caldaia", customerID: "--")).isEmpty, "an id with nothing to index")
    }

    /// The plan of each filter alone: it reads an index (never the whole table) and, for the
    /// equality filters, in the list's order (no sort of every match).
    @Test func everyFilter_usesAnIndex() async throws {
        let fixture = try await IntakeFixture()
        let cursor = TicketListPosition(openedAt: IntakeFixture.now, id: "x")
        let cases: [(TicketSearch, String, Bool)] = [
            (TicketSearch(), "ticket_opened", true),
            (TicketSearch(after: cursor), "ticket_opened", true),
            (TicketSearch(state: "open"), "ticket_state_opened", true),
            (TicketSearch(state: "state-x", after: cursor), "ticket_stateID_opened", true),
            (TicketSearch(activityTypeCode: "REPAIR"), "ticket_type_opened", true),
            (TicketSearch(practiceID: "p-1"), "ticket_type", false),
            (TicketSearch(customerID: "c-1", after: cursor), "ticket_customer_opened", true),
            (TicketSearch(assignedGroup: "Back office"), "ticket_group_opened", true),
            (TicketSearch(assignedOperatorID: "op-1"), "ticket_operator_opened", true),
            (TicketSearch(openedFrom: IntakeFixture.now, openedBefore: IntakeFixture.now), "ticket_opened", true),
            (TicketSearch(visiblePracticeIDs: ["p-1"]), "ticket_opened", true),
            // Words: FTS5 returns the matches newest first (its rowid is the list key), each
            // ticket found by its id; a customer or operator filter is part of the same MATCH.
            (TicketSearch(text: "caldaia"), "(id=?)", true),
            (TicketSearch(text: "caldaia", state: "open", limit: 51, afterKey: 5), "(id=?)", true),
            (
                TicketSearch(text: "caldaia", openedFrom: IntakeFixture.now, openedBefore: IntakeFixture.now), "(id=?)",
                true
            ),
            (TicketSearch(text: "caldaia", customerID: "c-1"), "(id=?)", true),
            (TicketSearch(text: "caldaia", assignedOperatorID: "op-1", afterKey: 5), "(id=?)", true)
        ]
        try await fixture.context.database.read { db in
            for (search, index, ordered) in cases {
                let (sql, arguments) = search.statement()
                let plan = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments)
                    .map { $0["detail"] as String }
                #expect(plan.contains { $0.contains("t USING") && $0.contains(index) }, "\(search): \(plan)")
                if search.readsInIndexOrder { #expect(plan.contains { $0.contains("ticketSearch VIRTUAL TABLE") }) }
                #expect(!plan.contains { $0 == "SCAN t" }, "\(search): \(plan)")
                if ordered { #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(search): \(plan)") }
            }
        }
    }

    /// The rows of the list are built from a fixed number of statements, whatever their number.
    @Test func ticketList_issuesTheSameNumberOfQueries_for10And100Rows() async throws {
        let fixture = try await IntakeFixture()
        for index in 0..<100 {
            _ = try await Self.open(fixture, "Guasto \(index)", customer: "Cliente \(index % 7)")
        }
        func statements(limit: Int) async throws -> (rows: Int, statements: Int) {
            try await fixture.context.database.read { db in
                var count = 0
                db.trace(options: .statement) { _ in count += 1 }
                let views = try TicketView.makeAll(try TicketSearch(limit: limit).records(in: db), in: db)
                db.trace(options: [])
                return (views.count, count)
            }
        }
        let ten = try await statements(limit: 10)
        let hundred = try await statements(limit: 100)
        #expect(ten.rows == 10 && hundred.rows == 100)
        #expect(ten.statements == hundred.statements)
        #expect(hundred.statements <= 6)
    }
}
