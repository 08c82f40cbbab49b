import Foundation
import Testing

@testable import ServiceKit

@Suite struct AuthTokenTests {
    static let key = SessionKey(bytes: Array(repeating: 7, count: 32))
    static let now = Date(timeIntervalSince1970: 1_900_000_000)

    static func claims(expiresIn seconds: TimeInterval = 3600) -> SessionClaims {
        SessionClaims(
            sessionID: "s1", userID: "u1", username: "giulia", displayName: "Giulia Bianchi", operatorID: "op-giulia",
            permissions: [.ticketsOpen, .plannerSchedule], practiceIDs: ["p1"], language: .en,
            expiresAt: now.addingTimeInterval(seconds))
    }

    @Test func signAndVerify_roundTripsEveryClaim() throws {
        // given
        let claims = Self.claims()
        // when
        let token = SessionToken.sign(claims, key: Self.key)
        let read = try SessionToken.verify(token, key: Self.key, now: Self.now)
        // then
        #expect(read == claims)
        #expect(token.split(separator: ".").count == 2)
        #expect(!token.contains("=") && !token.contains("+") && !token.contains("/"))
    }

    @Test func verify_refusesAnotherKeysSignature() {
        let token = SessionToken.sign(Self.claims(), key: SessionKey(bytes: Array(repeating: 8, count: 32)))
        #expect(throws: SessionToken.Refusal.badSignature) {
            try SessionToken.verify(token, key: Self.key, now: Self.now)
        }
    }

    @Test func verify_refusesTamperedClaims() throws {
        // given a token whose payload was changed to grant more permissions
        let token = SessionToken.sign(Self.claims(), key: Self.key)
        let signature = try #require(token.split(separator: ".").last)
        var claims = Self.claims()
        claims.permissions = Set(Permission.allCases)
        let forged = Base64URL.encode(try SessionToken.encoder.encode(claims)) + "." + signature
        // then
        #expect(throws: SessionToken.Refusal.badSignature) {
            try SessionToken.verify(forged, key: Self.key, now: Self.now)
        }
    }

    @Test func verify_refusesAnExpiredSession() {
        let token = SessionToken.sign(Self.claims(expiresIn: -1), key: Self.key)
        #expect(throws: SessionToken.Refusal.expired) { try SessionToken.verify(token, key: Self.key, now: Self.now) }
    }

    @Test func verify_refusesGarbageWithoutCrashing() {
        for garbage in [
            "", ".", "abc", "a.b.c", "!!!.???", "e30.", "e30.AAAA", String(repeating: "x", count: 5000) + ".y"
        ] {
            #expect(throws: SessionToken.Refusal.self) {
                try SessionToken.verify(garbage, key: Self.key, now: Self.now)
            }
        }
        // valid signature over something that is not claims
        let payload = Data("{\"hello\":1}".utf8)
        let token = Base64URL.encode(payload) + "." + Base64URL.encode(Self.key.signature(of: payload))
        #expect(throws: SessionToken.Refusal.malformed) { try SessionToken.verify(token, key: Self.key, now: Self.now) }
    }

    @Test func csrfToken_acceptsItsSessionOnly() {
        let token = CSRFToken.make(sessionID: "s1", key: Self.key)
        #expect(CSRFToken.isValid(token, sessionID: "s1", key: Self.key))
        #expect(!CSRFToken.isValid(token, sessionID: "s2", key: Self.key))
        #expect(!CSRFToken.isValid(token, sessionID: "s1", key: SessionKey(bytes: Array(repeating: 9, count: 32))))
        #expect(!CSRFToken.isValid("not base64!", sessionID: "s1", key: Self.key))
        #expect(!CSRFToken.isValid("", sessionID: "s1", key: Self.key))
    }

    @Test func sessionKeyFile_isCreatedOnce_mode0600_andShared() throws {
        // given an empty data root
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("arianna-key-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let url = root.appendingPathComponent("session.key")
        // when two services load it
        let first = try SessionKey.loadOrCreate(at: url)
        let second = try SessionKey.loadOrCreate(at: url)
        // then both sign alike, the file has 32 bytes and only its owner can read it
        let token = SessionToken.sign(Self.claims(), key: first)
        #expect(throws: Never.self) { try SessionToken.verify(token, key: second, now: Self.now) }
        #expect(try Data(contentsOf: url).count == 32)
        let mode = try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func sessionKey_fromOptions_prefersTheEnvironment_andRefusesShortSecrets() throws {
        let secret = String(repeating: "k", count: 40)
        let configuration = try ServiceOptions.parse([]).configuration(
            serviceName: "planner", defaultPort: 8082, environment: ["ARIANNA_SESSION_KEY": secret])
        let token = SessionToken.sign(Self.claims(), key: try SessionKey(secret: secret))
        #expect(throws: Never.self) { try SessionToken.verify(token, key: configuration.sessionKey, now: Self.now) }
        #expect(throws: (any Error).self) {
            try ServiceOptions.parse([]).configuration(
                serviceName: "planner", defaultPort: 8082, environment: ["ARIANNA_SESSION_KEY": "short"])
        }
    }

    @Test func permissions_haveLabelsInBothLanguages_andStableRawValues() {
        #expect(
            Array(Permission.allCases.map(\.rawValue).prefix(6)) == [
                "tickets.open", "tickets.read", "planner.schedule", "setup.edit", "reports.fill", "billing.read"
            ])
        #expect(Set(Permission.allCases.map(\.rawValue)).isSuperset(of: ["billing.edit", "stock.edit"]))
        for permission in Permission.allCases {
            #expect(permission.label(in: .it) != permission.label(in: .en))
        }
    }

    @Test func formField_readsURLEncodedAndMultipart() {
        #expect(FormField.urlEncoded("_csrf", in: "a=1&_csrf=ab%2Dc+d&b=2") == "ab-c d")
        #expect(FormField.urlEncoded("_csrf", in: "a=1") == nil)
        let body =
            "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\nx,y\r\n--XyZ\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\nTOKEN\r\n--XyZ--\r\n"
        #expect(FormField.boundary(of: "multipart/form-data; boundary=XyZ") == "XyZ")
        #expect(FormField.multipart("_csrf", in: body, boundary: "XyZ") == "TOKEN")
    }
}
