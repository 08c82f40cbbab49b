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

/// The setup JSON API and admin pages over the real router with its authentication.
@Suite struct SetupRoutesTests {
    func withApp(
        _ permissions: Set<Permission> = [.setupEdit],
        _ test: @escaping @Sendable (any TestClientProtocol, IntakeFixture) async throws -> Void
    ) async throws {
        let fixture = try await IntakeFixture()
        let credentials = try await fixture.session(permissions)
        let app = Application(router: fixture.router)
        try await app.test(.router) { client in try await test(client.authenticated(as: credentials), fixture) }
    }

    static func json(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }
    /// English answers, so the existing checks read the English messages (the default is Italian).
    static let jsonHeaders: HTTPFields = [.contentType: "application/json", .acceptLanguage: "en"]
    static let formHeaders: HTTPFields = [
        .contentType: "application/x-www-form-urlencoded", .accept: "text/html", .acceptLanguage: "en"
    ]

    static func form(_ pairs: [(String, String)]) -> ByteBuffer {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return ByteBuffer(
            string: pairs.map {
                "\($0.0.addingPercentEncoding(withAllowedCharacters: allowed)!)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed)!)"
            }
            .joined(separator: "&"))
    }

    // MARK: Permission

    @Test func api_withoutSetupEdit_is403_andAnonymousIs401() async throws {
        try await withApp([.ticketsRead]) { client, _ in
            try await client.execute(uri: "/api/setup/groups", method: .get) { response in
                #expect(response.status == .forbidden)
            }
        }
        let fixture = try await IntakeFixture()
        let app = Application(router: fixture.router)
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/setup/groups", method: .get) { response in
                #expect(response.status == .unauthorized)
            }
            try await client.execute(uri: "/setup", method: .get, headers: [.accept: "text/html"]) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location]?.hasPrefix("/login?next=") == true)
            }
        }
    }

    // MARK: JSON API

    @Test func api_createListSearchUpdateDeactivate() async throws {
        try await withApp { client, fixture in
            try await client.execute(
                uri: "/api/setup/practices", method: .post, headers: Self.jsonHeaders,
                body: Self.json(##"{"code":"field","name":"Field service"}"##)
            ) { response in
                #expect(response.status == .created)
                let object = try #require(
                    try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
                #expect(object["code"] as? String == "FIELD")
            }
            let id = try #require(try await fixture.setup.list(PracticeSetup.self, query: "FIELD").first?.id)
            try await client.execute(uri: "/api/setup/practices?q=field", method: .get) { response in
                let page = try #require(
                    try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
                let list = try #require(page["items"] as? [[String: Any]])
                #expect(list.map { $0["id"] as? String } == [id])
            }
            try await client.execute(
                uri: "/api/setup/practices/\(id)", method: .patch, headers: Self.jsonHeaders,
                body: Self.json(##"{"name":"Servizio in campo"}"##)
            ) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains(#""name":"Servizio in campo""#))
            }
            try await client.execute(uri: "/api/setup/practices/\(id)/deactivate", method: .post) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains(#""active":false"#))
            }
            try await client.execute(uri: "/api/setup/practices?active=false", method: .get) { response in
                #expect(String(buffer: response.body).contains(id))
            }
            try await client.execute(uri: "/api/setup/practices/\(id)", method: .delete) { response in
                #expect(response.status == .notFound || response.status == .methodNotAllowed)
            }
            let stored = try await fixture.context.database.read { db in try PracticeRecord.fetchOne(db, key: id) }
            #expect(stored?.active == false)
            #expect(try await fixture.outbox(type: PracticeSnapshot.eventType).count == 3 + 3)
        }
    }

    @Test func api_invalid_is422WithEveryFieldProblem() async throws {
        try await withApp { client, _ in
            try await client.execute(
                uri: "/api/setup/activity-types", method: .post, headers: Self.jsonHeaders,
                body: Self.json(
                    ##"{"code":"X Y","macroType":"call","expectedDurationMinutes":0,"numberingPrefix":"TCK","colour":"#zzzzzz","followUpRules":[{"trigger":"onOpen","targetActivityTypeCode":"NONE","recurrence":{"count":0,"unit":"days"},"baseDate":"deadlineDate"}]}"##
                )
            ) { response in
                #expect(response.status == .unprocessableContent)
                let object = try #require(
                    try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
                let error = try #require(object["error"] as? [String: Any])
                let fields = (error["fields"] as? [[String: String]] ?? []).compactMap { $0["field"] }
                #expect(
                    Set(fields) == [
                        "code", "name", "expectedDurationMinutes", "colour",
                        "followUpRules[0].targetActivityTypeCode", "followUpRules[0].recurrence.count"
                    ])
                #expect((error["message"] as? String)?.hasPrefix("The change cannot be saved:") == true)
            }
        }
    }

    @Test func api_takenCode_is409_andBadJSONIs400() async throws {
        try await withApp { client, _ in
            try await client.execute(
                uri: "/api/setup/activity-states", method: .post, headers: Self.jsonHeaders,
                body: Self.json(##"{"code":"NEW","name":"Nuovo 2","colour":"#000000"}"##)
            ) { response in
                #expect(response.status == .conflict)
                #expect(String(buffer: response.body).contains("There is already an activity state with code 'NEW'."))
            }
            try await client.execute(
                uri: "/api/setup/activity-states", method: .post, headers: Self.jsonHeaders,
                body: Self.json(##"{"position":"first"}"##)
            ) { response in
                #expect(response.status == .badRequest)
            }
            try await client.execute(uri: "/api/setup/groups?active=maybe", method: .get) { response in
                #expect(response.status == .badRequest)
            }
        }
    }

    @Test func api_sequences_showTheirFormat() async throws {
        try await withApp { client, _ in
            try await client.execute(
                uri: "/api/setup/sequences", method: .post, headers: Self.jsonHeaders,
                body: Self.json(##"{"prefix":"INT","name":"Interventi","padding":6}"##)
            ) { response in
                #expect(response.status == .created)
                #expect(String(buffer: response.body).contains(#""format":"INT/2030/000123""#))
            }
        }
    }

    @Test func activityTypesAPI_showsOnlyTheUsersPractices() async throws {
        let fixture = try await IntakeFixture()
        _ = try await fixture.setup.create(ActivityTypeSetup.self, .mock(code: "OFFER"))
        // a user of the sales practice
        let claims = SessionClaims(
            sessionID: "s-sales", userID: "u-sales", username: "sales", displayName: "Sales",
            permissions: [.ticketsRead], practiceIDs: ["pr-sales"],
            expiresAt: IntakeFixture.now.addingTimeInterval(3600))
        let credentials = SessionCredentials(claims: claims, key: fixture.context.configuration.sessionKey)
        try await fixture.context.database.write { db in
            try UserRecord(
                id: "u-sales", username: "sales", operatorID: nil, passwordHash: nil, permissions: [.ticketsRead],
                practiceIDs: ["pr-sales"], language: nil, active: true
            ).insert(db)
            try SessionRecord(
                id: "s-sales", userID: "u-sales", createdAt: IntakeFixture.now, expiresAt: claims.expiresAt,
                endedAt: nil
            ).insert(db)
        }
        let app = Application(router: fixture.router)
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/activity-types", method: .get, headers: credentials.cookieOnlyHeaders) {
                response in
                #expect(response.status == .ok)
                let page = try #require(
                    try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
                let list = try #require(page["items"] as? [[String: Any]])
                #expect(list.compactMap { $0["code"] as? String } == ["OFFER"])
            }
        }
    }

    // MARK: Pages

    @Test func pages_indexAndListRenderInBothLanguages() async throws {
        try await withApp { client, _ in
            try await client.execute(uri: "/setup", method: .get, headers: [.accept: "text/html", .cookie: "lang=it"]) {
                response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains("Tabelle di setup"))
                #expect(html.contains("href=\"/setup/activity-types\""))
            }
            try await client.execute(
                uri: "/setup/activity-states", method: .get, headers: [.accept: "text/html", .cookie: "lang=en"]
            ) { response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains("Activity states"))
                #expect(html.contains("In lavorazione"))
                #expect(html.contains("background: #2ca02c"))
            }
            try await client.execute(
                uri: "/setup/customers/new", method: .get, headers: [.accept: "text/html", .cookie: "lang=it"]
            ) { response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains("action=\"/setup/customers\""))
                #expect(html.contains("name=\"sites.__i__.zone\""))
                #expect(html.contains("Aggiungi riga"))
            }
            try await client.execute(
                uri: "/setup/activity-types/at-maintenance", method: .get, headers: [.accept: "text/html"]
            ) { response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains("name=\"followUpRules.0.recurrence.count\" value=\"3\""))
                #expect(html.contains("name=\"productionOrder.articleCode\" value=\"KIT-MAINT\""))
                #expect(html.contains("name=\"_csrf\" value=\""))
                #expect(html.contains("/assets/intake/setup.js"))
            }
        }
    }

    @Test func pages_badForm_reRendersWithMessagesAndInput_andWritesNothing() async throws {
        try await withApp { client, fixture in
            let before = try await fixture.outboxCounts()
            try await client.execute(
                uri: "/setup/activity-types", method: .post, headers: Self.formHeaders,
                body: Self.form([
                    ("code", "NEWTYPE"), ("name", "Nuovo tipo <b>"), ("macroType", "call"),
                    ("expectedDurationMinutes", "tanti"), ("numberingPrefix", "TCK"), ("registrationType", "billable"),
                    ("colour", "#112233"),
                    ("layout.0.key", ""), ("layout.0.label", ""),  // a blank row: ignored
                    ("layout.3.key", "Bad Key"), ("layout.3.label", "Etichetta"), ("layout.3.kind", "text")
                ])
            ) { response in
                #expect(response.status == .unprocessableContent)
                let html = String(buffer: response.body)
                #expect(html.contains("&#39;tanti&#39; is not a whole number."))
                // the other problems are listed too, though nothing was written
                #expect(html.contains("must start with a-z"))
                #expect(html.contains("value=\"Nuovo tipo &lt;b&gt;\""))
                #expect(!html.contains("<b>\""))
            }
            try await client.execute(
                uri: "/setup/activity-types", method: .post, headers: Self.formHeaders,
                body: Self.form([
                    ("code", "NEWTYPE"), ("name", "Nuovo tipo"), ("macroType", "call"),
                    ("expectedDurationMinutes", "30"), ("numberingPrefix", "TCK"), ("registrationType", "billable"),
                    ("colour", "#112233"),
                    ("layout.3.key", "Bad Key"), ("layout.3.label", "Etichetta"), ("layout.3.kind", "text")
                ])
            ) { response in
                #expect(response.status == .unprocessableContent)
                let html = String(buffer: response.body)
                // the row comes back renumbered, with its message
                #expect(html.contains("name=\"layout.0.key\" value=\"Bad Key\" aria-invalid=\"true\""))
                #expect(
                    html.contains("the key &#39;Bad Key&#39; must start with a-z")
                        || html.contains("the key 'Bad Key' must start with a-z"))
            }
            #expect(try await fixture.outboxCounts() == before)
            #expect(try await fixture.setup.list(ActivityTypeSetup.self).count == 3)
        }
    }

    @Test func pages_goodForm_savesAllThreePalettes_andRedirects() async throws {
        try await withApp { client, fixture in
            try await client.execute(
                uri: "/setup/activity-types", method: .post, headers: Self.formHeaders,
                body: Self.form([
                    ("code", "INSTALL"), ("name", "Installazione"), ("practiceID", "pr-sales"),
                    ("macroType", "appointment"),
                    ("expectedDurationMinutes", "90"), ("numberingPrefix", "MNT"), ("notifyAssignee", "on"),
                    ("layout.0.key", "model"), ("layout.0.label", "Modello"), ("layout.0.kind", "choice"),
                    ("layout.0.required", "on"), ("layout.0.choices", "A, B"),
                    ("registrationType", "underContract"), ("colour", "#abcdef"),
                    ("billingArticles.0.code", "INST"), ("billingArticles.0.description", "Posa"),
                    ("billingArticles.0.quantity", "1,5"), ("billingArticles.0.unitPriceCents", "4000"),
                    ("productionOrder.documentType", "ODP"), ("productionOrder.articleCode", "KIT-1"),
                    ("productionOrder.quantity", "2"),
                    ("followUpRules.0.trigger", "onClose"), ("followUpRules.0.targetActivityTypeCode", "maintenance"),
                    ("followUpRules.0.recurrence.count", "6"), ("followUpRules.0.recurrence.unit", "months"),
                    ("followUpRules.0.baseDate", "closingDate")
                ])
            ) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/setup/activity-types?done=saved")
            }
            let saved = try #require(try await fixture.setup.list(ActivityTypeSetup.self, query: "INSTALL").first)
            #expect(saved.practiceID == "pr-sales")
            #expect(saved.notifyAssignee)
            #expect(
                saved.layout == [
                    LayoutField(key: "model", label: "Modello", kind: .choice, required: true, choices: ["A", "B"])
                ])
            #expect(saved.registrationType == .underContract && !saved.billable)
            #expect(
                saved.billingArticles == [
                    BillingArticle(code: "INST", description: "Posa", quantity: 1.5, unitPriceCents: 4000)
                ])
            #expect(
                saved.productionOrder == ProductionOrderSetting(documentType: "ODP", articleCode: "KIT-1", quantity: 2))
            #expect(
                saved.followUpRules == [
                    FollowUpRule(
                        trigger: .onClose, targetActivityTypeCode: "MAINTENANCE",
                        recurrence: .init(count: 6, unit: .months), baseDate: .closingDate)
                ])

            // Editing it with the production order emptied and notify unchecked clears both
            try await client.execute(
                uri: "/setup/activity-types/\(saved.id)", method: .post, headers: Self.formHeaders,
                body: Self.form([
                    ("code", "INSTALL"), ("name", "Installazione"), ("practiceID", ""), ("macroType", "appointment"),
                    ("expectedDurationMinutes", "90"), ("numberingPrefix", "MNT"),
                    ("registrationType", "underContract"), ("colour", "#abcdef"),
                    ("productionOrder.documentType", ""), ("productionOrder.articleCode", ""),
                    ("productionOrder.quantity", "")
                ])
            ) { response in
                #expect(response.status == .seeOther)
            }
            let edited = try await fixture.setup.item(ActivityTypeSetup.self, id: saved.id)
            #expect(edited.productionOrder == nil)
            #expect(!edited.notifyAssignee)
            #expect(edited.practiceID == nil)
            #expect(edited.layout.isEmpty && edited.billingArticles.isEmpty && edited.followUpRules.isEmpty)
        }
    }

    @Test func pages_deactivate_keepsTheRowAndRedirects() async throws {
        try await withApp { client, fixture in
            try await client.execute(
                uri: "/setup/customers/cus-ferri/deactivate", method: .post, headers: Self.formHeaders,
                body: Self.form([])
            ) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/setup/customers?done=deactivated")
            }
            let customer = try await fixture.setup.item(CustomerSetupKind.self, id: "cus-ferri")
            #expect(customer.customer.active == false)
            #expect(customer.sites.count == 1)
        }
    }

    @Test func pages_operatorGroupsAreCheckboxes_andSaveAsAList() async throws {
        try await withApp { client, fixture in
            try await client.execute(
                uri: "/setup/operators/op-giulia", method: .post, headers: Self.formHeaders,
                body: Self.form([
                    ("name", "Giulia Verdi"), ("email", "giulia.verdi@example.com"),
                    ("groups", "Back office"), ("groups", "Technicians North")
                ])
            ) { response in
                #expect(response.status == .seeOther)
            }
            #expect(
                try await fixture.setup.item(OperatorSetup.self, id: "op-giulia").groups == [
                    "Back office", "Technicians North"
                ])
        }
    }
}
