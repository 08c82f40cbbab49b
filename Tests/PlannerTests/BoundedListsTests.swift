import Foundation
import Hummingbird
import HummingbirdTesting
import PlannerDomain
import ServiceTestSupport
import Testing

@testable import PlannerService
@testable import ServiceKit

/// Issue 15: the planner's lists that are not paged are bounded by the domain, and the bound is
/// enforced where the rows are written — an operator's week (7 days × 8 intervals), an activity
/// type's links (1,000 operators, 100 groups) — and an appointment export by its period (92 days).
/// `Tests/Contract/test_paged_lists.py` keeps the allow-list of such lists.
@Suite struct BoundedListsTests {
    func withApp(_ test: @escaping @Sendable (PlannerFixture, any TestClientProtocol) async throws -> Void) async throws
    {
        let fixture = try await PlannerFixture(generate: false)
        let app = Application(router: ServiceRuntime.buildRouter(PlannerService.definition, context: fixture.context))
        try await app.test(.router) { client in try await test(fixture, client.loggedIn(to: fixture.context)) }
    }

    /// `count` one-hour intervals from 00:00, one apart.
    static func day(_ count: Int) -> String {
        (0..<count).map { String(format: #"{"start":"%02d:00","end":"%02d:30"}"#, $0 * 2, $0 * 2) }.joined(
            separator: ",")
    }

    @Test func workingHours_aFullWeekIsAtMost56Rows_andANinthIntervalIsRefused() async throws {
        try await withApp { _, client in
            let full = (1...7).map { #""\#($0)":[\#(Self.day(SetWorkingHours.maximumIntervalsPerDay))]"# }.joined(
                separator: ",")
            let put = try await client.executeRequest(
                uri: "/api/working-hours", method: .put, headers: [.acceptLanguage: "en"],
                body: ByteBuffer(string: #"{"operatorIDs":["op-mario"],"week":{\#(full)}}"#))
            #expect(put.status == .ok, "\(String(buffer: put.body))")
            let got = try await client.executeRequest(
                uri: "/api/working-hours?operatorID=op-mario", method: .get, headers: [:], body: nil)
            let rows = try JSONSerialization.jsonObject(with: Data(buffer: got.body)) as? [Any]
            #expect(rows?.count == 7 * SetWorkingHours.maximumIntervalsPerDay)
            #expect(7 * SetWorkingHours.maximumIntervalsPerDay == 56, "the bound the OpenAPI description states")

            let tooMany = #"{"operatorIDs":["op-mario"],"week":{"2":[\#(Self.day(9))]}}"#
            for (language, message) in [
                ("en", "Tuesday: at most 8 intervals a day, not 9."),
                ("it", "al massimo 8 fasce orarie al giorno, non 9.")
            ] {
                let refused = try await client.executeRequest(
                    uri: "/api/working-hours", method: .put, headers: [.acceptLanguage: language],
                    body: ByteBuffer(string: tooMany))
                #expect(refused.status == .unprocessableContent)
                #expect(String(buffer: refused.body).contains(message), "\(String(buffer: refused.body))")
            }
            let after = try await client.executeRequest(
                uri: "/api/working-hours?operatorID=op-mario", method: .get, headers: [:], body: nil)
            #expect(String(buffer: after.body) == String(buffer: got.body), "nothing half-written")
        }
    }

    @Test func links_moreThanTheBoundAreRefused_nothingWritten() async throws {
        try await withApp { fixture, client in
            try await fixture.addActivityType("at-repair", code: "REPAIR", name: "Repair")
            let ids = (0...SetActivityLinks.maximumOperators).map { #""op-\#($0)""# }.joined(separator: ",")
            let refused = try await client.executeRequest(
                uri: "/api/activity-types/at-repair/links", method: .put,
                headers: [.acceptLanguage: "en"], body: ByteBuffer(string: #"{"operatorIDs":[\#(ids)],"groups":[]}"#))
            #expect(refused.status == .unprocessableContent)
            #expect(String(buffer: refused.body).contains("At most 1000 operators and 100 groups per activity type"))
            let groups = (0...SetActivityLinks.maximumGroups).map { #""G\#($0)""# }.joined(separator: ",")
            let refusedGroups = try await client.executeRequest(
                uri: "/api/activity-types/at-repair/links", method: .put,
                headers: [.acceptLanguage: "it"], body: ByteBuffer(string: #"{"operatorIDs":[],"groups":[\#(groups)]}"#)
            )
            #expect(refusedGroups.status == .unprocessableContent)
            #expect(String(buffer: refusedGroups.body).contains("Al massimo 1000 operatori e 100 gruppi"))
            let links = try await client.executeRequest(
                uri: "/api/activity-types/at-repair/links", method: .get, headers: [:], body: nil)
            #expect(String(buffer: links.body).contains(#""open":true"#))
        }
    }

    @Test func appointmentExport_coversAtMost92Days() async throws {
        try await withApp { _, client in
            let ok = try await client.executeRequest(
                uri: "/appointments/export.csv?from=2030-01-01&to=2030-04-02", method: .get, headers: [:], body: nil)
            #expect(ok.status == .ok, "92 days, both ends included")
            for (language, message) in [
                ("en", "One export covers at most 92 days: split the period."),
                ("it", "Un'esportazione copre al massimo 92 giorni: dividi il periodo.")
            ] {
                let refused = try await client.executeRequest(
                    uri: "/appointments/export.csv?from=2030-01-01&to=2030-04-03", method: .get,
                    headers: [.acceptLanguage: language], body: nil)
                #expect(refused.status == .badRequest)
                #expect(String(buffer: refused.body).contains(message), "\(String(buffer: refused.body))")
            }
        }
    }
}
