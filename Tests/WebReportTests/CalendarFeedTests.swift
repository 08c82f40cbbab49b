import AriannaProtocol
import Foundation
import Hummingbird
import HummingbirdTesting
import ServiceKit
import ServiceTestSupport
import Testing

@testable import WebReportService

/// The iCal feed per technician (RFC 5545): a secret URL that works without a session, can be
/// replaced or revoked, and parses with a third-party iCalendar parser (Debian's python3-icalendar).
@Suite("Calendar feed")
struct CalendarFeedTests {
    struct Feed: Decodable { var url: String }

    /// The feed's events as the `icalendar` package reads them.
    struct ParsedEvent: Decodable, Equatable {
        var uid: String
        var start: String
        var end: String
        var summary: String
        var location: String?
        var status: String
    }

    static let parser = """
        import icalendar, json, sys
        calendar = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
        assert calendar.get('version') == '2.0', calendar.get('version')
        events = [{
            'uid': str(e.get('uid')), 'start': e.decoded('dtstart').isoformat(), 'end': e.decoded('dtend').isoformat(),
            'summary': str(e.get('summary')), 'location': str(e['location']) if 'location' in e else None,
            'status': str(e.get('status'))} for e in calendar.walk('VEVENT')]
        print(json.dumps(events))
        """

    static func parse(_ ics: String) throws -> [ParsedEvent] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", parser]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(ics.utf8))
        try input.fileHandleForWriting.close()
        let bytes = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "python3-icalendar could not parse the feed")
        return try JSONDecoder().decode([ParsedEvent].self, from: bytes)
    }

    @Test func theFeed_parses_andCanBeRenewedOrRevoked() async throws {
        // Given two appointments of op-3, one cancelled
        let service = try await TechnicianPagesTests.service()
        try await service.schedule(
            .mock(id: "app-6", start: Instant.afternoonStart, end: Instant.afternoonEnd), eventID: "evt-s6")
        try await service.deliver(
            .mock(AppointmentCancelled.mock(id: "app-6"), id: "evt-c6", as: AriannaEvent.appointmentCancelled))

        try await TechnicianPagesTests.app(service).test(.router) { anonymous in
            let giulia = anonymous.loggedIn(to: service.context, permissions: [.reportsFill], operatorID: "op-3")
            // When she makes her feed's URL
            let first = try await giulia.execute(uri: "/api/operators/op-3/calendar-feed", method: .post) { response in
                #expect(response.status == .created)
                return try APIJSON.decoder.decode(Feed.self, from: Data(response.body.readableBytesView))
            }
            let path = try #require(first.url.range(of: "/calendar/")).lowerBound
            let firstPath = String(first.url[path...])

            // Then a phone without a session reads it, and it parses
            let ics = try await anonymous.execute(uri: firstPath, method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/calendar; charset=utf-8")
                return String(buffer: response.body)
            }
            #expect(ics.contains("\r\n"))
            let events = try Self.parse(ics)
            #expect(
                events == [
                    ParsedEvent(
                        uid: "app-5@arianna-webreport", start: "2026-11-30T09:00:00+00:00",
                        end: "2026-11-30T10:30:00+00:00",
                        summary: "Boiler repair", location: "Via Roma 1, Milano", status: "CONFIRMED"),
                    ParsedEvent(
                        uid: "app-6@arianna-webreport", start: "2026-12-01T14:00:00+00:00",
                        end: "2026-12-01T15:30:00+00:00",
                        summary: "Boiler repair", location: "Via Roma 1, Milano", status: "CANCELLED")
                ])

            // And nobody without a session, nor another technician, may make or revoke her feed
            try await anonymous.execute(uri: "/api/operators/op-3/calendar-feed", method: .post) {
                #expect($0.status == .unauthorized)
            }
            let reader = anonymous.loggedIn(to: service.context, permissions: [.ticketsRead], operatorID: "op-3")
            try await reader.execute(uri: "/api/operators/op-3/calendar-feed", method: .post) {
                #expect($0.status == .forbidden)
            }
            let marco = anonymous.loggedIn(to: service.context, permissions: [.reportsFill], operatorID: "op-4")
            try await marco.execute(uri: "/api/operators/op-3/calendar-feed", method: .post) {
                #expect($0.status == .forbidden)
            }
            try await marco.execute(uri: "/api/operators/op-3/calendar-feed", method: .delete) {
                #expect($0.status == .forbidden)
            }

            // When she renews it, the old URL stops working
            let second = try await giulia.execute(uri: "/api/operators/op-3/calendar-feed", method: .post) { response in
                try APIJSON.decoder.decode(Feed.self, from: Data(response.body.readableBytesView))
            }
            #expect(second.url != first.url)
            try await anonymous.execute(uri: firstPath, method: .get) { #expect($0.status == .notFound) }
            let secondPath = String(second.url[try #require(second.url.range(of: "/calendar/")).lowerBound...])
            try await anonymous.execute(uri: secondPath, method: .get) { #expect($0.status == .ok) }

            // And when she revokes it, no URL works
            try await giulia.execute(uri: "/api/operators/op-3/calendar-feed", method: .delete) {
                #expect($0.status == .noContent)
            }
            try await anonymous.execute(uri: secondPath, method: .get) { #expect($0.status == .notFound) }
        }
    }
}
