import AriannaProtocol
import Foundation
import GRDB
import Testing

@testable import ServiceKit

extension OperatorSnapshot {
    static func mock(id: String = "op-1") -> OperatorSnapshot {
        OperatorSnapshot(operatorID: id, name: "Mario Rossi", email: nil, groups: ["Technicians"], active: true)
    }
}

@Suite struct OutboxWriterTests {
    @Test func append_storesTheEncodedEnvelope_inTheCallersTransaction() async throws {
        // Given
        let database = try ServiceDatabase.inMemory { _ in }
        let time = Date(timeIntervalSince1970: 1_800_000_000)
        let outbox = OutboxWriter(source: "/arianna/test", clock: .fixed(time), ids: IDGenerator { "event-1" })

        // When
        _ = try await database.write { db in try outbox.append(OperatorSnapshot.mock(), correlationID: "c-1", in: db) }

        // Then
        struct Stored: Sendable {
            let eventID, topic, key: String
            let sentAt: Date?
            let payload: Data
        }
        let stored = try await database.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM outbox").map {
                Stored(
                    eventID: $0["eventID"], topic: $0["topic"], key: $0["messageKey"], sentAt: $0["sentAt"],
                    payload: $0["payload"])
            }
        }
        let row = try #require(stored)
        #expect(row.eventID == "event-1")
        #expect(row.topic == "arianna.setup")
        #expect(row.key == "operator:op-1")
        #expect(row.sentAt == nil)
        let decoded = try EventCodec.decode([UInt8](row.payload))
        #expect(decoded.event == .operatorSnapshot(.mock()))
        #expect(decoded.metadata.source == "/arianna/test")
        #expect(decoded.metadata.correlationid == "c-1")
        #expect(decoded.metadata.time == time)
    }

    @Test func append_isRolledBack_withAFailedTransaction() async throws {
        let database = try ServiceDatabase.inMemory { _ in }
        let outbox = OutboxWriter(source: "/arianna/test")
        struct Boom: Error {}
        await #expect(throws: Boom.self) {
            try await database.write { db in
                try outbox.append(OperatorSnapshot.mock(), in: db)
                throw Boom()
            }
        }
        let count = try await database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox") }
        #expect(count == 0)
    }
}
