import AriannaProtocol
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import IntakeDomain
import ServiceTestSupport
import Testing

@testable import IntakeService
@testable import ServiceKit

/// Intake keeps an activity type's palettes in the Protocol's own types: rows stored before that
/// still read from the SQLite file, what is stored is what `setup.activity-type.v1` announces, and
/// the setup API still refuses terms intake does not offer.
@Suite struct ActivityTypePaletteTests {
    @Test func rowsStoredInTheOldShape_stillRead_andAreAnnouncedAsStored() async throws {
        // Given a type whose follow-up rule was stored nested only, as intake wrote it before
        let fixture = try await IntakeFixture()
        try await fixture.context.database.write { db in
            try db.execute(
                sql: "UPDATE activityType SET followUpRules = ?, layout = ? WHERE id = 'at-repair'",
                arguments: [
                    #"[{"trigger":"onClose","targetActivityTypeCode":"MAINTENANCE","recurrence":{"count":6,"unit":"weeks"},"baseDate":"deadlineDate"}]"#,
                    #"[{"key":"model","label":"Modello","kind":"choice","required":true,"choices":["A","B"]}]"#
                ])
        }

        // When reading it back
        let repair = try await fixture.setup.item(ActivityTypeSetup.self, id: "at-repair")

        // Then the rule and the field read as before, and the snapshot carries them unchanged
        #expect(
            repair.followUpRules == [
                FollowUpRule(
                    trigger: .onClose, targetActivityTypeCode: "MAINTENANCE",
                    recurrence: .init(count: 6, unit: .weeks), baseDate: .deadlineDate)
            ])
        #expect(
            repair.layout == [
                LayoutField(key: "model", label: "Modello", kind: .choice, required: true, choices: ["A", "B"])
            ])
        #expect(repair.snapshot.followUpRules == repair.followUpRules && repair.snapshot.layout == repair.layout)
        #expect(repair.snapshot.registrationType == repair.registrationType)
    }

    @Test func api_termsIntakeDoesNotOffer_are400NamingTheField_andNothingIsWritten() async throws {
        let fixture = try await IntakeFixture()
        let credentials = try await fixture.session([.setupEdit])
        let before = try await fixture.outbox(type: ActivityTypeSnapshot.eventType).count
        let app = Application(router: fixture.router)
        try await app.test(.router) { client in
            let client = client.authenticated(as: credentials)
            let bodies = [
                (#""layout":[{"key":"sig","label":"Firma","kind":"signature"}]"#, "signature"),
                (#""registrationType":"prepaid""#, "prepaid"),
                (
                    #""followUpRules":[{"trigger":"onOpen","targetActivityTypeCode":"REPAIR","recurrence":{"count":1,"unit":"fortnights"},"baseDate":"deadlineDate"}]"#,
                    "fortnights"
                )
            ]
            for (palette, term) in bodies {
                let body =
                    ##"{"code":"NEWTYPE","name":"Nuovo","macroType":"call","expectedDurationMinutes":30,"numberingPrefix":"TCK","colour":"#112233","##
                    + palette + "}"
                try await client.execute(
                    uri: "/api/setup/activity-types", method: .post,
                    headers: [.contentType: "application/json", .acceptLanguage: "en"], body: ByteBuffer(string: body)
                ) { response in
                    #expect(response.status == .badRequest)
                    #expect(String(buffer: response.body).contains("invalid String value \(term)"))
                }
            }
        }
        #expect(try await fixture.outbox(type: ActivityTypeSnapshot.eventType).count == before)
    }
}
