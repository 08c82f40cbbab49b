import HummingbirdBcrypt
import NIOPosix

/// bcrypt, run on NIO's blocking thread pool: a hash takes a few hundred milliseconds of CPU,
/// which must not stall the event loops or the cooperative pool.
struct PasswordHasher: Sendable {
    /// bcrypt's work factor; 12 is ~0.25 s on a modern core.
    var cost: UInt8 = 12

    /// The bcrypt hash of `password`, computed off the event loop.
    func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    /// Whether `password` matches `hash`, computed off the event loop.
    func verify(_ password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }

    /// A hash of nothing anyone knows: verified against when the user name is unknown, so a
    /// wrong name takes as long as a wrong password and does not reveal which names exist.
    static let decoy = "$2b$12$gt4Mpnwx1QVjP/UgjjfVNO1lVdZEvIgyKwwxJCqWFB.xJeBwY4/7."
}
