public import Crypto
public import Foundation

/// The secret that signs session tokens and derives CSRF tokens. All five services must hold
/// the same key, since a cookie minted by intake is verified by the planner, web-report…
///
/// Resolution (see `ServiceOptions`): `--session-key` / `ARIANNA_SESSION_KEY` (at least 32
/// characters), else the file `<data root>/session.key`, created with 32 random bytes and mode
/// 0600 by whichever service starts first.
public struct SessionKey: Sendable {
    /// The HMAC-SHA256 key.
    public let symmetricKey: SymmetricKey

    /// Why a key could not be had.
    public enum Problem: Error, CustomStringConvertible {
        /// The configured secret has fewer than 32 bytes (its length).
        case tooShort(Int)
        /// The key file cannot be read or created (its path, the reason).
        case unreadable(String, String)

        /// The sentence the service prints before it refuses to start.
        public var description: String {
            switch self {
            case .tooShort(let count):
                "ARIANNA_SESSION_KEY must be at least 32 characters long (it has \(count))."
            case .unreadable(let path, let reason):
                "the session key file \(path) cannot be read or created: \(reason)"
            }
        }
    }

    /// A key from raw bytes.
    public init(bytes: some Sequence<UInt8>) {
        self.symmetricKey = SymmetricKey(data: Array(bytes))
    }

    /// A key from a configured secret (flag or environment).
    public init(secret: String) throws {
        guard secret.utf8.count >= 32 else { throw Problem.tooShort(secret.utf8.count) }
        self.init(bytes: Array(secret.utf8))
    }

    /// A fresh random key: the default of `ServiceConfiguration` in tests, where nothing is shared.
    public static func random() -> SessionKey {
        SessionKey(bytes: SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) })
    }

    /// The shared key file of a data root: read it, or create it (32 random bytes, mode 0600).
    /// Creation writes a temporary file and hard-links it into place, so when several services
    /// start at once exactly one file wins and everybody reads the same bytes.
    public static func loadOrCreate(at url: URL) throws -> SessionKey {
        let path = url.path
        do {
            if let data = FileManager.default.contents(atPath: path), data.count >= 32 {
                return SessionKey(bytes: data)
            }
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            let temporary = url.deletingLastPathComponent()
                .appendingPathComponent(
                    ".session.key.\(ProcessInfo.processInfo.processIdentifier).\(UUID().uuidString)")
            let bytes = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
            guard
                FileManager.default.createFile(
                    atPath: temporary.path, contents: bytes, attributes: [.posixPermissions: 0o600])
            else { throw Problem.unreadable(path, "could not write \(temporary.path)") }
            defer { try? FileManager.default.removeItem(at: temporary) }
            // link(2) fails if the file exists: someone else won the race, read theirs.
            _ = link(temporary.path, path)
            guard let data = FileManager.default.contents(atPath: path), data.count >= 32 else {
                throw Problem.unreadable(path, "it holds fewer than 32 bytes")
            }
            return SessionKey(bytes: data)
        } catch let problem as Problem {
            throw problem
        } catch {
            throw Problem.unreadable(path, "\(error)")
        }
    }

    /// HMAC-SHA256 of `bytes`.
    func signature(of bytes: some DataProtocol) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: bytes, using: symmetricKey))
    }

    /// Whether `signature` is the HMAC of `bytes`, compared in constant time.
    func isValid(signature: Data, of bytes: some DataProtocol) -> Bool {
        HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: bytes, using: symmetricKey)
    }
}
