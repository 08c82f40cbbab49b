import AriannaProtocol
import Foundation
import Testing

/// Why the wire's timestamps are not written with Foundation's `Date.ISO8601FormatStyle`
/// (issue 8): the millisecond contract of `RFC3339`. If a later Foundation rounds and reads
/// every RFC 3339 form, these tests fail and the switch can be reconsidered.
@Suite struct RFC3339LibraryTests {
    static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    @Test func ourCodec_roundTripsWholeMilliseconds() {
        for text in ["2076-07-15T08:29:31.488Z", "2051-10-10T20:07:12.748Z", "1999-12-31T23:59:59.999Z"] {
            #expect(RFC3339.date(from: text).map(RFC3339.string(from:)) == text)
        }
    }

    @Test func formatStyle_losesAMillisecond_onTheSameInstants() throws {
        let date = try #require(RFC3339.date(from: "2076-07-15T08:29:31.488Z"))
        #expect(date.formatted(Self.style) == "2076-07-15T08:29:31.487Z")
    }

    @Test func formatStyle_refusesLowerCaseSeparators_andAcceptsAnImpossibleDay() {
        #expect((try? Self.style.parse("2026-11-29t10:15:00.123z")) == nil)
        #expect(RFC3339.date(from: "2026-11-29t10:15:00.123z") != nil)
        #expect((try? Date.ISO8601FormatStyle().parse("2026-02-29T00:00:00Z")) != nil)
        #expect(RFC3339.date(from: "2026-02-29T00:00:00Z") == nil)
    }
}
