import AriannaProtocol
import GRDB
import ServiceKit

/// The company setup a new installation starts with, so the whole flow works before anyone has
/// opened the setup pages: three activity types and three operators. Written once into an empty
/// store, together with the snapshot events that let the other services build their read models.
enum DefaultSetup {
    /// The demo company's activity types, with their palettes.
    static let activityTypes: [ActivityTypeRecord] = [
        ActivityTypeRecord(
            id: "at-repair", code: "REPAIR", name: "Repair call", macroType: .call,
            expectedDurationMinutes: 60, billable: true, colour: "#d62728", numberingPrefix: "TCK", active: true),
        ActivityTypeRecord(
            id: "at-warranty", code: "WARRANTY", name: "Warranty call", macroType: .call,
            expectedDurationMinutes: 90, billable: false, colour: "#2ca02c", numberingPrefix: "TCK", active: true),
        ActivityTypeRecord(
            id: "at-maintenance", code: "MAINTENANCE", name: "Planned maintenance", macroType: .appointment,
            expectedDurationMinutes: 120, billable: true, colour: "#1f77b4", numberingPrefix: "MNT", active: true)
    ]

    /// The demo company's operators.
    static let operators: [OperatorRecord] = [
        OperatorRecord(
            id: "op-mario", name: "Mario Rossi", email: "mario.rossi@example.com",
            groups: ["Technicians North"], active: true),
        OperatorRecord(
            id: "op-lucia", name: "Lucia Bianchi", email: "lucia.bianchi@example.com",
            groups: ["Technicians North"], active: true),
        OperatorRecord(
            id: "op-giulia", name: "Giulia Verdi", email: "giulia.verdi@example.com",
            groups: ["Back office"], active: true)
    ]

    /// Installs the setup if the store has no activity type yet, and the configured company's
    /// other parts (sequences, practices, states, groups, customers) wherever they are missing —
    /// also into a store from before them, once. Running it again changes nothing.
    static func installIfEmpty(_ context: ServiceContext, adminPassword: String? = nil) async throws {
        let outbox = context.outbox
        let installed = try await context.database.write { db -> Bool in
            let completed = try DefaultCompany.installMissing(in: db, outbox: outbox)
            guard try ActivityTypeRecord.fetchCount(db) == 0 else { return completed }
            for type in activityTypes.map(DefaultCompany.configured) {
                try type.insert(db)
                try outbox.append(type.snapshot, in: db)
            }
            for person in operators {
                try person.insert(db)
                try outbox.append(person.snapshot, in: db)
            }
            return true
        }
        if installed {
            context.logger.info("installed the default company setup (or its missing parts)")
        }
        try await DefaultUsers.installIfNone(context, adminPassword: adminPassword)
    }
}
