import Foundation
import GRDB
import ServiceKit

/// The users a new installation starts with, so someone can log in and create the real ones:
/// `admin` (every permission; password `ARIANNA_ADMIN_PASSWORD`, default `arianna-admin`) and
/// three demo users on the default operators, password `arianna-demo`: `giulia` (back office:
/// opens, reads and schedules tickets), `mario` and `lucia` (technicians: web reports, tickets).
/// Written only while the user table is empty — also into a store from before logins existed.
enum DefaultUsers {
    /// The admin's password unless `--admin-password` / `ARIANNA_ADMIN_PASSWORD` gives another.
    static let defaultAdminPassword = "arianna-admin"

    /// bcrypt of the default passwords, computed once (cost 12), so starting a store — and every
    /// test fixture — does not spend a second hashing. `LoginTests` logs in with them.
    static let adminHash = "$2b$12$zfI5FWpGC5v04At5WIPhQu74v1P3vSDpEQJjVAJ.XhshyZFDxD92e"
    /// bcrypt of `arianna-demo` for the three demo users.
    static let demoHashes = [
        "giulia": "$2b$12$gt4Mpnwx1QVjP/UgjjfVNO1lVdZEvIgyKwwxJCqWFB.xJeBwY4/7.",
        "mario": "$2b$12$6Cdt3g39LGIxq8t0XmCI1uY5639Gq987oQhUROUIcXo8vTPa3bjH2",
        "lucia": "$2b$12$q3DzIUeT37I0wXxXz5.HgOYi4DHbi2fN5vftnHkaQ3BSw8o9m1idi"
    ]

    /// The demo company's users (admin, giulia, mario, lucia), the admin with `adminHash`.
    static func users(adminHash: String) -> [UserRecord] {
        [
            UserRecord(
                id: "user-admin", username: "admin", operatorID: nil, passwordHash: adminHash,
                permissions: Permission.allCases, practiceIDs: [], language: nil, active: true),
            UserRecord(
                id: "user-giulia", username: "giulia", operatorID: "op-giulia", passwordHash: demoHashes["giulia"],
                permissions: [.ticketsOpen, .ticketsRead, .plannerSchedule], practiceIDs: [], language: nil,
                active: true),
            UserRecord(
                id: "user-mario", username: "mario", operatorID: "op-mario", passwordHash: demoHashes["mario"],
                permissions: [.ticketsRead, .reportsFill], practiceIDs: [], language: nil, active: true),
            UserRecord(
                id: "user-lucia", username: "lucia", operatorID: "op-lucia", passwordHash: demoHashes["lucia"],
                permissions: [.ticketsRead, .reportsFill], practiceIDs: [], language: nil, active: true)
        ]
    }

    /// Writes the default users when there are none. A demo user whose operator is missing
    /// (a company set up differently) is written without the link.
    static func installIfNone(
        _ context: ServiceContext, adminPassword: String? = nil
    ) async throws {
        guard try await context.database.read({ db in try UserRecord.fetchCount(db) }) == 0 else { return }
        var hash = adminHash
        if let password = adminPassword, !password.isEmpty, password != defaultAdminPassword {
            guard password.count >= UserChange.minimumPasswordLength else {
                throw UserSetupProblem(
                    message:
                        "ARIANNA_ADMIN_PASSWORD must be at least \(UserChange.minimumPasswordLength) characters long.")
            }
            hash = try await PasswordHasher().hash(password)
        }
        let written = try await context.database.write { [hash] db -> Bool in
            guard try UserRecord.fetchCount(db) == 0 else { return false }
            for var user in users(adminHash: hash) {
                if let operatorID = user.operatorID, try !OperatorRecord.exists(db, key: operatorID) {
                    user.operatorID = nil
                }
                try user.insert(db)
            }
            return true
        }
        if written {
            context.logger.info("created the default users admin, giulia, mario and lucia (see README)")
        }
    }

    /// Start-up refused because of the admin password setting.
    struct UserSetupProblem: Error, CustomStringConvertible {
        /// What is wrong with the setting.
        let message: String
        /// The same, for the start-up's error line.
        var description: String { message }
    }
}
