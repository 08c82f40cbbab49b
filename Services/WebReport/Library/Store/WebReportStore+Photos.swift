import Foundation
import GRDB
import WebReportDomain

/// The photos of an intervention, stored by web-report until the report closes (then they are
/// part of it and can no longer change).
extension WebReportStore {
    /// A stored photo.
    struct Photo: Sendable, Equatable {
        /// The photo's id, in its URL.
        var id: String
        /// `image/jpeg` or `image/png`: how the page serves it and the PDF draws it.
        var contentType: String
        /// The image as uploaded.
        var bytes: [UInt8]

        /// The photo as stored.
        init(_ record: AppointmentPhotoRecord) {
            id = record.id
            contentType = record.contentType
            bytes = [UInt8](record.bytes)
        }
    }

    /// The photos of one appointment.
    static func photoRows(ofAppointment appointmentID: String) -> QueryInterfaceRequest<AppointmentPhotoRecord> {
        AppointmentPhotoRecord.filter(AppointmentPhotoRecord.Columns.appointmentID == appointmentID)
    }

    /// Adds a photo to an open appointment; refused when it is not a JPEG or PNG, too large,
    /// one too many, or the report is already closed.
    func addPhoto(_ bytes: [UInt8], toAppointment appointmentID: String, access: AppointmentAccess) async throws
        -> String
    {
        let id = ids.next()
        let now = clock.now()
        return try await database.write { db in
            let item = try Self.openItem(appointmentID, access: access, in: db)
            let existing = try Self.photoRows(ofAppointment: item.appointmentID).fetchCount(db)
            let kind = try PhotoRules.check(bytes, existing: existing).get()
            try AppointmentPhotoRecord(
                id: id, appointmentID: appointmentID, contentType: kind.rawValue, bytes: Data(bytes), uploadedAt: now
            ).insert(db)
            return id
        }
    }

    /// Removes a photo while the report is still open.
    func removePhoto(_ photoID: String, ofAppointment appointmentID: String, access: AppointmentAccess) async throws {
        try await database.write { db in
            _ = try Self.openItem(appointmentID, access: access, in: db)
            let deleted = try Self.photoRows(ofAppointment: appointmentID).filter(key: photoID).deleteAll(db)
            guard deleted == 1 else { throw WebReportError.photoNotFound(photoID) }
        }
    }

    /// One photo, if the caller may see its appointment.
    func photo(_ photoID: String, ofAppointment appointmentID: String, access: AppointmentAccess) async throws -> Photo
    {
        try await database.read { db in
            guard let item = try TodoItemRecord.fetchOne(db, key: appointmentID) else {
                throw WebReportError.appointmentNotFound(appointmentID)
            }
            try access.checkAppointment(of: item.operatorID)
            guard let record = try Self.photoRows(ofAppointment: appointmentID).filter(key: photoID).fetchOne(db)
            else { throw WebReportError.photoNotFound(photoID) }
            return Photo(record)
        }
    }

    /// The photo ids of an appointment, oldest first.
    static func photoIDs(ofAppointment appointmentID: String, in db: Database) throws -> [String] {
        try photoRows(ofAppointment: appointmentID)
            .order(AppointmentPhotoRecord.Columns.uploadedAt, AppointmentPhotoRecord.Columns.id)
            .select(AppointmentPhotoRecord.Columns.id, as: String.self)
            .fetchAll(db)
    }

    /// The photos of an appointment with their bytes, oldest first (for the PDF).
    static func photos(ofAppointment appointmentID: String, in db: Database) throws -> [Photo] {
        try photoRows(ofAppointment: appointmentID)
            .order(AppointmentPhotoRecord.Columns.uploadedAt, AppointmentPhotoRecord.Columns.id)
            .fetchAll(db)
            .map(Photo.init)
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
