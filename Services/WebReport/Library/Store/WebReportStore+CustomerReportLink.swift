import Foundation
import GRDB
import WebReportDomain

/// The customer's link to their signed report (issue 9 point 4): `/reports/{id}/customer.pdf?key=…`
/// opens the PDF without logging in. The key is a random secret stored on the report, so only
/// web-report can make a working link; the back office replaces it (the old link stops working)
/// when a link went to the wrong person. A wrong or missing key is a bare 404.
extension WebReportStore {
    /// Adds the report's customer key; reports filed before it have none (and no link) until
    /// the back office makes one.
    static func registerCustomerReportLink(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("webreport.v8-customer-report-link") { db in
            // Raw SQL stays: DDL of a migration.
            try db.execute(sql: "ALTER TABLE interventionReport ADD COLUMN customerKey TEXT")
        }
    }

    /// The absolute customer link of a report with `key`, or nil when web-report's address is unknown.
    func customerReportURL(_ reportID: String, key: String) -> String? {
        publicBaseURL.map { "\($0)\(Self.customerReportPath(reportID, key: key))" }
    }

    /// The customer link's path and query.
    static func customerReportPath(_ reportID: String, key: String) -> String {
        "/reports/\(reportID)/customer.pdf?key=\(key)"
    }

    /// A new key for the report's customer link, returned as the new link's path; the previous
    /// link stops working. 404 for an unknown report, 403 when the caller may not touch it.
    func renewCustomerKey(ofReport id: String, access: AppointmentAccess) async throws -> String {
        let key = Self.newFeedToken()
        return try await database.write { db in
            guard let report = try InterventionReportRecord.fetchOne(db, key: id) else {
                throw WebReportError.reportNotFound(id)
            }
            try access.checkAppointment(of: report.operatorID)
            try InterventionReportRecord.filter(key: id).updateAll(
                db, InterventionReportRecord.Columns.customerKey.set(to: key))
            return Self.customerReportPath(id, key: key)
        }
    }

    /// The report to print for the holder of its customer link, or nil when the report is
    /// unknown, has no key or `key` is not its key (the caller answers all three alike).
    func customerPrintable(reportID id: String, key: String) async throws -> PrintableReport? {
        try await database.read { db in
            guard let stored = try Self.customerKey(ofReport: id, in: db),
                Self.sameSecret(stored, key),
                let report = try ReportView.load(id, in: db)
            else { return nil }
            return try Self.printable(report, in: db)
        }
    }

    /// The report's current customer link path, for the back office's page; nil without a key.
    func customerReportPath(ofReport id: String) async throws -> String? {
        try await database.read { db in
            try Self.customerKey(ofReport: id, in: db).map { Self.customerReportPath(id, key: $0) }
        }
    }

    /// The report's customer key; nil for an unknown report or one filed before keys existed.
    static func customerKey(ofReport id: String, in db: Database) throws -> String? {
        try InterventionReportRecord.filter(key: id)
            .select(InterventionReportRecord.Columns.customerKey, as: String.self).fetchOne(db)
    }

    /// Compares two secrets in time that does not depend on where they differ.
    static func sameSecret(_ stored: String, _ given: String) -> Bool {
        let a = Array(stored.utf8)
        let b = Array(given.utf8)
        guard a.count == b.count, !a.isEmpty else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
