import Foundation
import Hummingbird
import HummingbirdTesting
import ServiceKit
import ServiceTestSupport
import Testing
import WebReportDomain

@testable import WebReportService

/// Refusals answer in the language the caller asks for, Italian or English. A refusal that used
/// to be English only (the calendar feed's 404) stays English when the caller names no language.
@Suite("Refusal language")
struct RefusalLanguageTests {
    static func message(_ response: TestResponse) throws -> String {
        try ReportRoutesTests.decode(ReportRoutesTests.ErrorBody.self, response).error.message
    }

    @Test func anUnknownCalendar_isRefusedInItalianWhenAsked_andInEnglishByDefault() async throws {
        let service = try TestService()
        try await ReportRoutesTests.app(service).test(.router) { phone in
            // A phone's calendar that names no language reads English, as it always did
            try await phone.execute(uri: "/calendar/no-such-secret.ics", method: .get) { response in
                #expect(response.status == .notFound)
                let message = try Self.message(response)
                #expect(message == "There is no such calendar.")
            }
            // Asked in Italian (header or the pages' cookie), Italian
            try await phone.execute(
                uri: "/calendar/no-such-secret.ics", method: .get, headers: [.acceptLanguage: "it-IT,it;q=0.9"]
            ) { response in
                #expect(response.status == .notFound)
                let message = try Self.message(response)
                #expect(message == "Questo calendario non esiste.")
            }
            try await phone.execute(uri: "/calendar/no-such-secret.ics", method: .get, headers: [.cookie: "lang=it"]) {
                response in
                let message = try Self.message(response)
                #expect(message == "Questo calendario non esiste.")
            }
            // A language the pages do not have is no request for Italian
            try await phone.execute(uri: "/calendar/no-such-secret.ics", method: .get, headers: [.acceptLanguage: "fr"])
            { response in
                let message = try Self.message(response)
                #expect(message == "There is no such calendar.")
            }
        }
    }

    @Test func aTechniciansRefusal_answersInTheLanguageAsked() async throws {
        let service = try TestService()
        try await ReportRoutesTests.app(service).test(.router) { anonymous in
            let giulia = anonymous.loggedIn(to: service.context, permissions: [.reportsFill], operatorID: "op-3")
            try await giulia.execute(uri: "/api/operators/op-4/todo", method: .get, headers: [.acceptLanguage: "it"]) {
                response in
                #expect(response.status == .forbidden)
                let message = try Self.message(response)
                #expect(message.hasSuffix("può vedere solo la propria lista di attività."))
            }
            try await giulia.execute(uri: "/api/operators/op-4/todo", method: .get, headers: [.acceptLanguage: "en"]) {
                response in
                #expect(response.status == .forbidden)
                let message = try Self.message(response)
                #expect(message.hasSuffix("may read only their own to-do list."))
            }
        }
    }

    @Test func theDomainsSentence_isEnglishUnlessAsked() {
        let refusal = WebReportError.notYourList(user: "Giulia")
        #expect(refusal.message() == "Giulia may read only their own to-do list.")
        #expect(refusal.message(language: .it) == "Giulia può vedere solo la propria lista di attività.")
    }

    @Test(arguments: [
        ("it", true), ("en-GB,en;q=0.8", true), ("fr-FR, it;q=0.5", true),
        ("fr", false), ("it;q=0", false), ("", false)
    ])
    func anAcceptLanguage_asksForAPageLanguage_onlyWhenItNamesOne(header: String, asks: Bool) {
        #expect(WebReportErrorMapping.namesAPageLanguage(header) == asks)
    }
}
