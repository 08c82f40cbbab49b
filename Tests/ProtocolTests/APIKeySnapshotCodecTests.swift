import AriannaProtocol
import Foundation
import Testing

/// `setup.api-key.v1`: what every service learns about an API key, and the rules that keep a bad
/// snapshot from granting anything.
@Suite("API key snapshots on the wire")
struct APIKeySnapshotCodecTests {
    @Test func unlimitedKey_omitsExpiryAndRate_andRoundTrips() throws {
        // Given a key with no expiry, no rate limit, every service
        var snapshot = APIKeySnapshot.mock()
        snapshot.expiresAt = nil
        snapshot.requestsPerMinute = nil
        snapshot.services = []
        let (metadata, bytes) = try encodeWithMockMetadata(.apiKeySnapshot(snapshot))

        // Then the optional members are absent on the wire and it decodes back unchanged
        let data = try #require(try jsonObject(bytes)["data"] as? [String: Any])
        #expect(Set(data.keys) == ["id", "name", "keyHashSHA256", "permissions", "services", "active"])
        #expect(try EventCodec.decode(bytes) == ReceivedEvent(metadata: metadata, event: .apiKeySnapshot(snapshot)))
    }

    @Test(arguments: ["", "abc", String(repeating: "A", count: 64), String(repeating: "g", count: 64)])
    func badHash_isRejected(hash: String) throws {
        var snapshot = APIKeySnapshot.mock()
        snapshot.keyHashSHA256 = hash
        let bytes = try encodeWithMockMetadata(.apiKeySnapshot(snapshot)).bytes
        #expect(throws: EventDecodingError.self) { try EventCodec.decode(bytes) }
    }

    @Test(arguments: [0, -5])
    func nonPositiveRate_isRejected(rate: Int) throws {
        var snapshot = APIKeySnapshot.mock()
        snapshot.requestsPerMinute = rate
        let bytes = try encodeWithMockMetadata(.apiKeySnapshot(snapshot)).bytes
        #expect(throws: EventDecodingError.self) { try EventCodec.decode(bytes) }
    }

    @Test func emptyPermission_isRejected() throws {
        var snapshot = APIKeySnapshot.mock()
        snapshot.permissions.append(" ")
        let bytes = try encodeWithMockMetadata(.apiKeySnapshot(snapshot)).bytes
        #expect(throws: EventDecodingError.self) { try EventCodec.decode(bytes) }
    }
}
