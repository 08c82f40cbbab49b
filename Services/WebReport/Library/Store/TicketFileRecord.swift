import AriannaProtocol
import Foundation
import GRDB

/// A file intake keeps with a ticket, as web-report knows it from `ticket.attachment-added.v1`:
/// the name, type and size the appointment page lists. The bytes stay in intake; the page links
/// to intake's download route, which checks the technician's permission itself.
struct TicketFileRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "ticketFile"

    /// Intake's attachment id.
    var attachmentID: String
    /// The ticket the file belongs to.
    var ticketID: String
    /// The file's name as intake sanitised it.
    var fileName: String
    /// The type intake recognised by content.
    var contentType: String
    /// The file's size, shown beside its link.
    var byteCount: Int
    /// When it was attached: the list's order.
    var addedAt: Date

    /// The columns the files' queries name.
    enum Columns {
        /// The `attachmentID` column: intake's attachment id, which orders files attached at the same instant.
        static let attachmentID = Column(CodingKeys.attachmentID)
        /// The `ticketID` column: the ticket whose files the appointment page lists.
        static let ticketID = Column(CodingKeys.ticketID)
        /// The `addedAt` column: when the file was attached, the list's order.
        static let addedAt = Column(CodingKeys.addedAt)
    }
}

extension WebReportMigrations {
    /// The `ticketFile` read model (issue 17); appended after the earlier migrations.
    static func registerTicketFiles(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("webreport.v7-ticket-files") { db in
            // Raw SQL stays: DDL of a migration.
            try db.execute(
                sql: """
                    CREATE TABLE ticketFile (
                        attachmentID TEXT PRIMARY KEY,
                        ticketID TEXT NOT NULL,
                        fileName TEXT NOT NULL,
                        contentType TEXT NOT NULL,
                        byteCount INTEGER NOT NULL CHECK (byteCount >= 0),
                        addedAt DATETIME NOT NULL
                    );
                    CREATE INDEX ticketFile_ticket ON ticketFile(ticketID, addedAt);
                    """)
        }
    }
}

extension WebReportStore {
    /// Records an attached file inside the consumer's transaction; a redelivered event rewrites
    /// the same row.
    static func record(_ added: TicketAttachmentAdded, in db: Database) throws {
        try TicketFileRecord(
            attachmentID: added.attachmentID, ticketID: added.ticketID, fileName: added.fileName,
            contentType: added.contentType, byteCount: added.byteCount, addedAt: added.addedAt
        ).save(db)
    }

    /// The files of a ticket, oldest first. The caller has already checked that the appointment
    /// they belong to is one the caller may see.
    func files(ofTicket ticketID: String) async throws -> [TicketFileRecord] {
        try await database.read { db in
            try TicketFileRecord.filter(TicketFileRecord.Columns.ticketID == ticketID)
                .order(TicketFileRecord.Columns.addedAt, TicketFileRecord.Columns.attachmentID).fetchAll(db)
        }
    }
}
