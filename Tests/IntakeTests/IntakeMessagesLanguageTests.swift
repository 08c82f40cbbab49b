import Foundation
import Hummingbird
import HummingbirdTesting
import IntakeDomain
import ServiceTestSupport
import Testing

@testable import IntakeService
@testable import ServiceKit

/// Intake's refusals speak the request's language (`PageLanguage.of`: user setting, `lang`
/// cookie, `Accept-Language`; Italian by default), on the pages and in the JSON API errors:
/// setup data, users and API keys, login and CSV import.
@Suite struct IntakeMessagesLanguageTests {
    static func withApp(
        _ permissions: Set<Permission>,
        _ test: @escaping @Sendable (any TestClientProtocol, IntakeFixture, SessionCredentials) async throws -> Void
    ) async throws {
        let fixture = try await IntakeFixture()
        let credentials = try await fixture.session(permissions)
        try await Application(router: fixture.router).test(.router) { client in
            try await test(client, fixture, credentials)
        }
    }

    static func json(_ language: String) -> HTTPFields { [.contentType: "application/json", .acceptLanguage: language] }

    /// Mustache escapes `'`; compare with it unescaped.
    static func text(_ response: TestResponse) -> String {
        String(buffer: response.body).replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(
            of: "&apos;", with: "'")
    }

    // MARK: Setup data

    @Test func setupAPI_answersInTheRequestsLanguage_422_409_404() async throws {
        try await Self.withApp([.setupEdit]) { base, _, credentials in
            let client = base.authenticated(as: credentials)
            let bad = ByteBuffer(string: ##"{"code":"X Y","name":"","colour":"rosso","position":-1}"##)
            try await client.execute(
                uri: "/api/setup/activity-states", method: .post, headers: Self.json("it"), body: bad
            ) { response in
                #expect(response.status == .unprocessableContent)
                let body = Self.text(response)
                #expect(body.contains("La modifica non può essere salvata:"))
                #expect(
                    body.contains(
                        "Il codice 'X Y' deve iniziare con una lettera e usare solo A–Z, 0–9, - e _ (al massimo 20)."))
                #expect(body.contains("Manca il nome dello stato."))
                #expect(body.contains("Il colore deve essere come #1f77b4 (# e sei cifre esadecimali)."))
                #expect(body.contains("L'ordine deve essere un numero intero da 0 a 9999."))
                #expect(!body.contains("is required"))
            }
            try await client.execute(
                uri: "/api/setup/activity-states", method: .post, headers: Self.json("en"), body: bad
            ) { response in
                #expect(response.status == .unprocessableContent)
                let body = Self.text(response)
                #expect(body.contains("The change cannot be saved:"))
                #expect(body.contains("The state name is required."))
                #expect(body.contains("The order must be a whole number from 0 to 9999."))
                #expect(!body.contains("Manca"))
            }
            let taken = ByteBuffer(string: ##"{"code":"NEW","name":"Nuovo 2","colour":"#000000"}"##)
            try await client.execute(
                uri: "/api/setup/activity-states", method: .post, headers: Self.json("it"), body: taken
            ) { response in
                #expect(response.status == .conflict)
                #expect(Self.text(response).contains("Esiste già uno stato attività con codice 'NEW'."))
            }
            try await client.execute(
                uri: "/api/setup/activity-states", method: .post, headers: Self.json("en"), body: taken
            ) { response in
                #expect(response.status == .conflict)
                #expect(Self.text(response).contains("There is already an activity state with code 'NEW'."))
            }
            try await client.execute(
                uri: "/api/setup/practices/pr-ghost", method: .get, headers: [.acceptLanguage: "it"]
            ) { response in
                #expect(response.status == .notFound)
                #expect(Self.text(response).contains("Non esiste nessuna pratica 'pr-ghost'."))
            }
            try await client.execute(
                uri: "/api/setup/practices/pr-ghost", method: .get, headers: [.acceptLanguage: "en"]
            ) { response in
                #expect(response.status == .notFound)
                #expect(Self.text(response).contains("There is no practice 'pr-ghost'."))
            }
            // no language at all: Italian, the default
            try await client.execute(
                uri: "/api/setup/groups", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"name":""}"#)
            ) { response in
                #expect(response.status == .unprocessableContent)
                #expect(Self.text(response).contains("Manca il nome del gruppo."))
            }
        }
    }

    @Test func setupPage_reRendersTheFormWithItalianOrEnglishProblems() async throws {
        try await Self.withApp([.setupEdit]) { base, _, credentials in
            let client = base.authenticated(as: credentials)
            let form = SetupRoutesTests.form([
                ("code", "NEWTYPE"), ("name", "Nuovo tipo"), ("macroType", "call"),
                ("expectedDurationMinutes", "tanti"),
                ("numberingPrefix", "NOPE"), ("registrationType", "billable"), ("colour", "#112233")
            ])
            for (language, expected) in [
                ("it", ["'tanti' non è un numero intero.", "Non esiste un numeratore attivo con prefisso 'NOPE'."]),
                ("en", ["'tanti' is not a whole number.", "There is no active numbering sequence with prefix 'NOPE'."])
            ] {
                try await client.execute(
                    uri: "/setup/activity-types", method: .post,
                    headers: [
                        .contentType: "application/x-www-form-urlencoded", .accept: "text/html",
                        .acceptLanguage: language
                    ],
                    body: form
                ) { response in
                    #expect(response.status == .unprocessableContent)
                    let html = Self.text(response)
                    for message in expected { #expect(html.contains(message), "\(language): \(message)") }
                }
            }
        }
    }

    // MARK: Users, API keys, login

    @Test func usersAPI_andPage_answerInTheRequestsLanguage() async throws {
        try await Self.withApp([.setupEdit]) { client, _, admin in
            var json = admin.cookieHeaders
            json[.contentType] = "application/json"
            let bad = #"{"username":"x y","password":"short","permissions":["fly"],"language":"de"}"#
            json[.acceptLanguage] = "it"
            let italian = try await client.executeRequest(
                uri: "/api/users", method: .post, headers: json, body: ByteBuffer(string: bad))
            #expect(italian.status == .unprocessableContent)
            let it = Self.text(italian)
            #expect(it.contains("Il nome utente deve avere da 3 a 40 lettere, cifre o . - _ @ (ora è 'x y')."))
            #expect(it.contains("La password deve avere almeno 10 caratteri (ne ha 5)."))
            #expect(it.contains("'fly' non è un permesso"))
            #expect(it.contains("La lingua deve essere 'it' o 'en' (ora è 'de')."))
            json[.acceptLanguage] = "en"
            let english = try await client.executeRequest(
                uri: "/api/users", method: .post, headers: json, body: ByteBuffer(string: bad))
            #expect(Self.text(english).contains("The password must be at least 10 characters long (it has 5)."))
            #expect(!Self.text(english).contains("La password"))
            // the same name twice: 409 in both languages
            json[.acceptLanguage] = "it"
            let taken = try await client.executeRequest(
                uri: "/api/users", method: .post, headers: json,
                body: ByteBuffer(string: #"{"username":"GIULIA","password":"long-enough-1"}"#))
            #expect(taken.status == .conflict)
            #expect(Self.text(taken).contains("Esiste già un utente di nome 'GIULIA'."))
            // API keys
            let key = try await client.executeRequest(
                uri: "/api/api-keys", method: .post, headers: json,
                body: ByteBuffer(string: #"{"name":"","permissions":[]}"#))
            #expect(key.status == .unprocessableContent)
            #expect(Self.text(key).contains("Scegli almeno un permesso per la chiave."))
            json[.acceptLanguage] = "en"
            let keyEn = try await client.executeRequest(
                uri: "/api/api-keys", method: .post, headers: json,
                body: ByteBuffer(string: #"{"name":"","permissions":[]}"#))
            #expect(Self.text(keyEn).contains("Choose at least one permission for the key."))
            // the new-user page, in Italian
            var form = admin.cookieOnlyHeaders
            form[.contentType] = "application/x-www-form-urlencoded"
            form[.acceptLanguage] = "it"
            let page = try await client.executeRequest(
                uri: "/users", method: .post, headers: form,
                body: LoginTests.encoded([("_csrf", admin.csrfToken), ("username", "anna"), ("password", "short")]))
            #expect(page.status == .unprocessableContent)
            #expect(Self.text(page).contains("La password deve avere almeno 10 caratteri (ne ha 5)."))
            form[.acceptLanguage] = "en"
            let pageEn = try await client.executeRequest(
                uri: "/users", method: .post, headers: form,
                body: LoginTests.encoded([("_csrf", admin.csrfToken), ("username", "anna"), ("password", "short")]))
            #expect(Self.text(pageEn).contains("The password must be at least 10 characters long (it has 5)."))
        }
    }

    @Test func loginAPI_answersInTheRequestsLanguage() async throws {
        try await Self.withApp([]) { client, _, _ in
            let body = #"{"username":"giulia","password":"not-her-password"}"#
            let italian = try await client.executeRequest(
                uri: "/api/sessions", method: .post, headers: Self.json("it"),
                body: ByteBuffer(string: body))
            #expect(italian.status == .unauthorized)
            #expect(Self.text(italian).contains("Nome utente o password errati."))
            let english = try await client.executeRequest(
                uri: "/api/sessions", method: .post, headers: Self.json("en"),
                body: ByteBuffer(string: body))
            #expect(english.status == .unauthorized)
            #expect(Self.text(english).contains("Wrong user name or password."))
        }
    }

    // MARK: CSV import

    @Test func csvImport_fileAndRowReasons_inTheRequestsLanguage() async throws {
        try await Self.withApp([.ticketsOpen]) { base, _, credentials in
            let client = base.authenticated(as: credentials)
            let file = "activity_type,customer_name,description,due_date\nREPAIR,Bar Centrale,Perde,someday\nNOPE,X,Y\n"
            try await client.execute(
                uri: "/api/imports/tickets", method: .post,
                headers: [.contentType: "text/csv", .acceptLanguage: "it"],
                body: ByteBuffer(string: file)
            ) { response in
                #expect(response.status == .ok)
                let report = try JSONDecoder().decode(CSVImportReport.self, from: Data(buffer: response.body))
                #expect(report.rejected == 2)
                #expect(
                    report.rows[0].reasons.contains(
                        "due_date 'someday' non è una data: scrivi 2026-03-31, 31/03/2026 o 2026-03-31T09:00:00Z."))
                #expect(report.rows[1].reasons.contains("la riga ha 3 campi ma l'intestazione ha 4 colonne."))
                // the store's own reason, in Italian too
                #expect(report.rows[1].reasons.contains("Non esiste un tipo di attività attivo con codice 'NOPE'."))
            }
            try await client.execute(
                uri: "/api/imports/tickets", method: .post,
                headers: [.contentType: "text/csv", .acceptLanguage: "en"],
                body: ByteBuffer(string: file)
            ) { response in
                #expect(response.status == .ok)
                let report = try JSONDecoder().decode(CSVImportReport.self, from: Data(buffer: response.body))
                #expect(
                    report.rows[0].reasons.contains(
                        "due_date 'someday' is not a date: write 2026-03-31, 31/03/2026 or 2026-03-31T09:00:00Z."))
                #expect(report.rows[1].reasons.contains("the row has 3 fields but the header has 4 columns."))
                #expect(report.rows[1].reasons.contains("There is no active activity type with code 'NOPE'."))
            }
            try await client.execute(
                uri: "/api/imports/tickets", method: .post,
                headers: [.contentType: "text/csv", .acceptLanguage: "it"],
                body: ByteBuffer(string: "a,\"b\nx,y\n")
            ) { response in
                #expect(response.status == .unprocessableContent)
                #expect(Self.text(response).contains("apre un campo tra virgolette che non viene mai chiuso"))
            }
            try await client.execute(
                uri: "/api/imports/tickets", method: .post,
                headers: [.contentType: "text/csv", .acceptLanguage: "en"], body: ByteBuffer()
            ) { response in
                #expect(response.status == .unprocessableContent)
                #expect(Self.text(response).contains("No file was sent"))
            }
        }
    }

    @Test func csvImportPage_showsTheFileProblemInItalian() async throws {
        try await Self.withApp([.ticketsOpen]) { client, _, user in
            let boundary = "----arianna-lang"
            let body =
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(user.csrfToken)\r\n"
                + "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"t.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\nactivity_type\nREPAIR\n\r\n--\(boundary)--\r\n"
            for (language, expected) in [
                ("it", "Nella riga di intestazione mancano le colonne customer_name, description."),
                ("en", "The header row lacks the columns customer_name, description.")
            ] {
                try await client.execute(
                    uri: "/import", method: .post,
                    headers: [
                        .cookie: "arianna_session=\(user.token)",
                        .contentType: "multipart/form-data; boundary=\(boundary)",
                        .acceptLanguage: language
                    ],
                    body: ByteBuffer(string: body)
                ) { response in
                    #expect(response.status == .unprocessableContent)
                    #expect(Self.text(response).contains(expected), "\(language)")
                }
            }
        }
    }
}
