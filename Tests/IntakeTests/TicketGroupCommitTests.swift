import AriannaProtocol
import Foundation
import GRDB
import IntakeDomain
import Synchronization
import Testing

@testable import IntakeService
@testable import ServiceKit

/// Group commit of the HTTP channel (issue 13) on a real on-disk SQLite store: several tickets in
/// one transaction, each in its own savepoint, every caller answered after the commit.
@Suite struct TicketGroupCommitTests {
    /// Counts the commits of a store's writer.
    final class CommitCounter: TransactionObserver, Sendable {
        private let count = Mutex(0)
        var commits: Int { count.withLock { $0 } }
        func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool { true }
        func databaseDidChange(with event: DatabaseEvent) {}
        func databaseDidCommit(_ db: Database) { count.withLock { $0 += 1 } }
        func databaseDidRollback(_ db: Database) {}
    }

    @Test func aGroup_commitsTheValidTickets_andAnswersARefusedOneOrADuplicateAlone() async throws {
        let fixture = try await IntakeFixture(onDisk: true)
        var refused = NewTicket.mock(key: "g-refused", email: "nuovo@cliente.example")
        refused.customer.name = "Cliente rifiutato"
        refused.customFields = ["appliance": "Forno", "nonsense": "x"]
        refused.description = " "
        let results = await fixture.store.openTogether([
            TicketOpening(request: .mock(key: "g-1"), channel: .api),
            TicketOpening(request: .mock(type: "NOPE", key: "g-2"), channel: .api),
            TicketOpening(request: .mock(key: "g-1"), channel: .api),
            TicketOpening(request: refused, channel: .api),
            TicketOpening(request: .mock(key: "g-3", email: "altro@cliente.example"), channel: .api)
        ])

        #expect(results.count == 5)
        let first = try results[0].get()
        #expect(first.created)
        #expect(first.ticket.number == "TCK/2030/000001")
        #expect(throws: IntakeError.unknownActivityType("NOPE")) { try results[1].get() }
        // The same key later in the group: the ticket the first opened, not a second one.
        let duplicate = try results[2].get()
        #expect(duplicate.created == false)
        #expect(duplicate.ticket.id == first.ticket.id)
        #expect(throws: IntakeError.self) { try results[3].get() }
        // A refused ticket gives no number back to take: the next one is consecutive.
        let third = try results[4].get()
        #expect(third.created)
        #expect(third.ticket.number == "TCK/2030/000002")

        // Committed: exactly the two tickets and their events; nothing of the refused ones.
        let (tickets, opened, strayCustomers) = try await fixture.context.database.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT count(*) FROM ticket") ?? -1,
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM outbox WHERE eventType = ?", arguments: [TicketOpened.eventType])
                    ?? -1,
                try Int.fetchOne(db, sql: "SELECT count(*) FROM customer WHERE name = 'Cliente rifiutato'") ?? -1
            )
        }
        #expect(tickets == 2)
        #expect(opened == 2)
        #expect(strayCustomers == 0)
    }

    @Test func concurrentOpenings_shareCommits_andEachCallerSeesItsTicketCommitted() async throws {
        let fixture = try await IntakeFixture(onDisk: true)
        let counter = CommitCounter()
        try await fixture.context.database.writer.write { db in db.add(transactionObserver: counter) }
        let before = counter.commits
        let groups = TicketOpeningGroups(store: fixture.store, maxGroup: 16)
        let store = fixture.store

        let numbers = try await withThrowingTaskGroup(of: String.self) { group in
            for index in 0..<100 {
                group.addTask {
                    let opened = try await groups.open(.mock(key: "c-\(index % 90)"), channel: .api)
                    // Answered after the commit: another connection of the pool already reads it.
                    #expect(try await store.ticket(id: opened.ticket.id).number == opened.ticket.number)
                    return opened.ticket.number
                }
            }
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }

        // 90 distinct keys: 90 tickets numbered 1…90; the 10 repeated keys got their first ticket.
        #expect(numbers.count == 100)
        #expect(Set(numbers) == Set((1...90).map { TicketNumber(prefix: "TCK", year: 2030, counter: $0).description }))
        let commits = counter.commits - before
        #expect(commits >= 100 / 16)
        #expect(commits < 100)
        #expect(try await fixture.outbox(type: TicketOpened.eventType).count == 90)
    }

    @Test func aLoneRequest_isOpenedAtOnce_andARefusedOneThrowsItsReasons() async throws {
        let fixture = try await IntakeFixture(onDisk: true)
        let groups = TicketOpeningGroups(store: fixture.store)
        #expect(try await groups.open(.mock(), channel: .api).ticket.number == "TCK/2030/000001")
        await #expect(throws: IntakeError.activityTypeNotACall("MAINTENANCE")) {
            try await groups.open(.mock(type: "MAINTENANCE"), channel: .api)
        }
        #expect(try await groups.open(.mock(), channel: .api).ticket.number == "TCK/2030/000002")
    }
}
