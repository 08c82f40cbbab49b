import AriannaProtocol
import Foundation
import Hummingbird
import HummingbirdTesting
import ServiceTestSupport
import Testing

@testable import PlannerService
@testable import ServiceKit

/// A technician's appointments for a period as a CSV for Italian Excel: a technician only
/// their own, the back office anyone's.
@Suite struct AppointmentExportTests {
    @Test func aTechniciansAppointments_forAPeriod() async throws {
        let fixture = try await PlannerFixture()
        try await fixture.apply(
            .ticketOpened(
                TicketOpened(
                    ticketID: "t1", number: "TCK/2030/000001",
                    activityType: ActivityTypeRef(
                        id: "at-repair", code: "REPAIR", name: "Repair", expectedDurationMinutes: 60, billable: true),
                    customer: CustomerRef(id: "c-1", name: "Caffè Città", email: nil),
                    siteZone: "Milano", description: "Broken", channel: .api, openedAt: PlannerFixture.start)))
        _ = try await fixture.store.schedule(
            ScheduleRequest(ticketID: "t1", operatorID: "op-mario", start: PlannerFixture.monday))
        let app = Application(router: ServiceRuntime.buildRouter(PlannerService.definition, context: fixture.context))
        try await app.test(.router) { client in
            let mario = client.loggedIn(to: fixture.context, permissions: [.reportsFill], operatorID: "op-mario")
            let own = try await mario.executeRequest(
                uri: "/appointments/export.csv?from=2030-03-01&to=2030-03-31", method: .get,
                headers: [.acceptLanguage: "it"], body: nil)
            #expect(own.status == .ok)
            let bytes = Array(own.body.readableBytesView)
            #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
            let rows = String(decoding: bytes.dropFirst(3), as: UTF8.self).split(separator: "\r\n").map {
                $0.components(separatedBy: ";")
            }
            #expect(rows.first == ["Inizio", "Fine", "Durata (min)", "Tecnico", "Ticket", "Cliente", "Attività"])
            #expect(
                rows.dropFirst().first?.prefix(6) == [
                    "18/03/2030 09:00", "18/03/2030 10:00", "60", "Mario Rossi", "TCK/2030/000001", "Caffè Città"
                ])
            let other = try await mario.executeRequest(
                uri: "/appointments/export.csv?operatorID=op-lucia", method: .get, headers: [:], body: nil)
            #expect(other.status == .forbidden)
            let office = client.loggedIn(to: fixture.context, permissions: [.plannerSchedule])
            let lucia = try await office.executeRequest(
                uri: "/appointments/export.csv?operatorID=op-lucia&from=2030-03-01&to=2030-03-31", method: .get,
                headers: [:], body: nil)
            #expect(lucia.status == .ok)
            #expect(
                String(decoding: Array(lucia.body.readableBytesView), as: UTF8.self).split(separator: "\r\n").count == 1
            )
            let everyone = try await office.executeRequest(
                uri: "/appointments/export.csv?from=2030-03-18&to=2030-03-18", method: .get, headers: [:], body: nil)
            #expect(String(decoding: Array(everyone.body.readableBytesView), as: UTF8.self).contains("Mario Rossi"))
            let anonymous = try await client.executeRequest(
                uri: "/appointments/export.csv", method: .get, headers: [:], body: nil)
            #expect(anonymous.status == .unauthorized)
        }
    }
}
