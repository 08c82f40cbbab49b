import Foundation
import GRDB

/// The photos of an intervention, stored by web-report until the report closes (then they are
/// part of it and can no longer change).
extension WebReportStore {
    /// A stored photo.
    struct Photo: Sendable, Equatable {
        var id: String
        var contentType: String
        var bytes: [UInt8]
    }

    /// Adds a photo to an open appointment; refused when it is not a JPEG or PNG, too large,
    /// one too many, or the report is already closed.
    func addPhoto(_ bytes: [UInt8], toAppointment appointmentID: String, access: AppointmentAccess) async throws -> String {
        let id = ids.next()
        let now = clock.now()
        return try await database.write { db in
            let item = try Self.openItem(appointmentID, access: access, in: db)
            let existing = try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM appointmentPhoto WHERE appointmentID = ?", arguments: [item.appointmentID]) ?? 0
            let kind = try PhotoRules.check(bytes, existing: existing).get()
            try db.execute(
                sql: "INSERT INTO appointmentPhoto (id, appointmentID, contentType, bytes, uploadedAt) VALUES (?, ?, ?, ?, ?)",
                arguments: [id, appointmentID, kind.rawValue, Data(bytes), now])
            return id
        }
    }

    /// Removes a photo while the report is still open.
    func removePhoto(_ photoID: String, ofAppointment appointmentID: String, access: AppointmentAccess) async throws {
        try await database.write { db in
            _ = try Self.openItem(appointmentID, access: access, in: db)
            try db.execute(
                sql: "DELETE FROM appointmentPhoto WHERE id = ? AND appointmentID = ?", arguments: [photoID, appointmentID])
            guard db.changesCount == 1 else { throw WebReportError.photoNotFound(photoID) }
        }
    }

    /// One photo, if the caller may see its appointment.
    func photo(_ photoID: String, ofAppointment appointmentID: String, access: AppointmentAccess) async throws -> Photo {
        try await database.read { db in
            guard let item = try TodoItemRecord.fetchOne(db, key: appointmentID) else {
                throw WebReportError.appointmentNotFound(appointmentID)
            }
            try access.checkAppointment(of: item.operatorID)
            guard let row = try Row.fetchOne(
                db, sql: "SELECT contentType, bytes FROM appointmentPhoto WHERE id = ? AND appointmentID = ?",
                arguments: [photoID, appointmentID])
            else { throw WebReportError.photoNotFound(photoID) }
            let data: Data = row["bytes"]
            return Photo(id: photoID, contentType: row["contentType"], bytes: [UInt8](data))
        }
    }

    /// The photo ids of an appointment, oldest first.
    static func photoIDs(ofAppointment appointmentID: String, in db: Database) throws -> [String] {
        try String.fetchAll(
            db, sql: "SELECT id FROM appointmentPhoto WHERE appointmentID = ? ORDER BY uploadedAt, id", arguments: [appointmentID])
    }

    /// The photos of an appointment with their bytes, oldest first (for the PDF).
    static func photos(ofAppointment appointmentID: String, in db: Database) throws -> [Photo] {
        try Row.fetchAll(
            db, sql: "SELECT id, contentType, bytes FROM appointmentPhoto WHERE appointmentID = ? ORDER BY uploadedAt, id",
            arguments: [appointmentID]
        ).map { row in
            let data: Data = row["bytes"]
            return Photo(id: row["id"], contentType: row["contentType"], bytes: [UInt8](data))
        }
    }

    /// The appointment, if the caller may touch it and its report is still open.
    static func openItem(_ appointmentID: String, access: AppointmentAccess, in db: Database) throws -> TodoItemRecord {
        guard let item = try TodoItemRecord.fetchOne(db, key: appointmentID) else {
            throw WebReportError.appointmentNotFound(appointmentID)
        }
        try access.checkAppointment(of: item.operatorID)
        guard item.status != .cancelled else { throw WebReportError.appointmentCancelled(appointmentID) }
        guard item.status == .open else { throw WebReportError.reportClosed }
        return item
    }
}
