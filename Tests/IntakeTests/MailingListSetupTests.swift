import AriannaProtocol
import Foundation
import Hummingbird
import HummingbirdTesting
import ServiceTestSupport
import Testing

@testable import IntakeService

/// Mailing lists (R14) as one more setup kind: validated, stored and published as
/// `setup.mailing-list.v1` for notification, through the generic setup API and pages.
@Suite struct MailingListSetupTests {
    @Test func api_createsAListAndPublishesItsSnapshot() async throws {
        try await SetupRoutesTests().withApp { client, fixture in
            try await client.execute(
                uri: "/api/setup/mailing-lists", method: .post, headers: SetupRoutesTests.jsonHeaders,
                body: SetupRoutesTests.json(
                    ##"{"name":"Ufficio tecnico","addresses":["tecnico@rossi.example"," capo@rossi.example "],"events":["ticket-opened","intervention-completed"]}"##
                )
            ) { response in
                #expect(response.status == .created)
            }
            let published = try await fixture.outbox(type: MailingListSnapshot.eventType)
            #expect(published.count == 1)
            guard case .mailingListSnapshot(let list) = published.first?.event else {
                Issue.record("no mailing list snapshot")
                return
            }
            #expect(list.name == "Ufficio tecnico")
            #expect(list.addresses == ["tecnico@rossi.example", "capo@rossi.example"])
            #expect(list.events == ["ticket-opened", "intervention-completed"])
            #expect(list.practiceIDs.isEmpty && list.activityTypeIDs.isEmpty && list.active)
        }
    }

    @Test func api_refusesBadAddressesUnknownEventsAndAnEmptyList() async throws {
        try await SetupRoutesTests().withApp { client, fixture in
            try await client.execute(
                uri: "/api/setup/mailing-lists", method: .post, headers: SetupRoutesTests.jsonHeaders,
                body: SetupRoutesTests.json(
                    ##"{"name":"Rotta","addresses":["not an address"],"events":["ticket-exploded"],"practiceIDs":["nope"]}"##
                )
            ) { response in
                #expect(response.status == .unprocessableContent)
                let text = String(buffer: response.body)
                #expect(text.contains("'not an address' is not an email address."))
                #expect(text.contains("Unknown event: ticket-exploded."))
                #expect(text.contains("Unknown practice: nope."))
            }
            try await client.execute(
                uri: "/api/setup/mailing-lists", method: .post, headers: SetupRoutesTests.jsonHeaders,
                body: SetupRoutesTests.json(##"{"name":"Vuota","addresses":[],"events":[]}"##)
            ) { response in
                #expect(response.status == .unprocessableContent)
                let text = String(buffer: response.body)
                #expect(text.contains("Give at least one email address."))
                #expect(text.contains("Choose at least one event."))
            }
            #expect(try await fixture.outbox(type: MailingListSnapshot.eventType).isEmpty)
        }
    }

    @Test func page_formCreatesAList() async throws {
        try await SetupRoutesTests().withApp { client, fixture in
            try await client.execute(
                uri: "/setup/mailing-lists/new", method: .get, headers: [.accept: "text/html", .acceptLanguage: "it"]
            ) { response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains("Liste di distribuzione"))
                #expect(html.contains("Richiesta aperta · Ticket opened"))
            }
        }
    }
}
