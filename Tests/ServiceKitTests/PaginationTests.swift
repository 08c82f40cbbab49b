import Foundation
import ServiceKit
import Testing

@Suite("Keyset pagination: PageCursor, PageRequest, Page")
struct PaginationTests {
    @Test func cursor_roundTripsThroughItsToken() throws {
        let cursor = PageCursor(["2026-11-30T08:00:00.000Z", "tck-00042"])

        let read = try #require(PageCursor(token: cursor.token))

        #expect(read == cursor)
        #expect(read.date(at: 0) == APIJSON.parse("2026-11-30T08:00:00.000Z"))
        #expect(!cursor.token.contains("="), "base64url without padding, safe in a query string")
    }

    @Test(arguments: [
        "not-base64!", "e30", Base64URLSample.emptyArray, Base64URLSample.numbers, String(repeating: "A", count: 3000)
    ])
    func cursor_refusesWhatItDidNotIssue(token: String) {
        #expect(PageCursor(token: token) == nil)
    }

    @Test func request_defaultsAndCaps() throws {
        #expect(try PageRequest(limit: nil, cursor: nil, defaultLimit: 50, maximum: 200) == PageRequest(limit: 50))
        #expect(try PageRequest(limit: "200", cursor: "", maximum: 200).limit == 200)
        #expect(throws: PageRequestError.badLimit("201", maximum: 200)) {
            try PageRequest(limit: "201", cursor: nil, maximum: 200)
        }
        #expect(throws: PageRequestError.badLimit("0", maximum: 200)) { try PageRequest(limit: "0", cursor: nil) }
        #expect(throws: PageRequestError.badLimit("ten", maximum: 200)) { try PageRequest(limit: "ten", cursor: nil) }
        #expect(throws: PageRequestError.badCursor) { try PageRequest(limit: nil, cursor: "garbage!") }
    }

    @Test func error_isBilingual() {
        let error = PageRequestError.badCursor
        #expect(error.wording.it.contains("cursor non è valido"))
        #expect(error.wording.en.contains("cursor is not valid"))
    }

    @Test func page_keepsTheLimitAndPointsAfterTheLastRowKept() throws {
        let request = PageRequest(limit: 2)
        let rows = ["a", "b", "c"]  // fetched with fetchLimit = 3

        let page = Page(fetched: rows, request: request) { PageCursor([$0]) }

        #expect(request.fetchLimit == 3)
        #expect(page.items == ["a", "b"])
        #expect(page.nextCursor == PageCursor(["b"]))
        let last = Page(fetched: ["d"], request: request) { PageCursor([$0]) }
        #expect(last.nextCursor == nil)
        let json = try #require(String(data: try APIJSON.encoder.encode(last), encoding: .utf8))
        #expect(json == #"{"items":["d"]}"#)
    }
}

/// Tokens that are valid base64url but not a cursor.
private enum Base64URLSample {
    /// `[]`
    static let emptyArray = "W10"
    /// `[1,2]`
    static let numbers = "WzEsMl0"
}
