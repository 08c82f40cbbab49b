import Foundation
import GRDB
import WebReportDomain

/// The technicians' calendar feeds (R15): one secret URL per operator, replaced (which revokes
/// the old one) or deleted on request; the feed lists the operator's appointments from a month
/// back to three months ahead.
extension WebReportStore {
    /// A new secret for `operatorID`'s feed; the previous URL stops working.
    func renewCalendarFeed(of operatorID: String, access: AppointmentAccess) async throws -> String {
        try access.checkList(of: operatorID)
        let token = Self.newFeedToken()
        let now = clock.now()
        try await database.write { db in
            try CalendarFeedRecord(operatorID: operatorID, token: token, createdAt: now).insert(
                db, onConflict: .replace)
        }
        return token
    }

    /// Ends `operatorID`'s feed: its URL answers 404 from now on.
    func revokeCalendarFeed(of operatorID: String, access: AppointmentAccess) async throws {
        try access.checkList(of: operatorID)
        try await database.write { db in
            _ = try CalendarFeedRecord.deleteOne(db, key: operatorID)
        }
    }

    /// The appointments of the feed whose secret is `token`, or nil for an unknown or revoked one.
    func calendarFeed(token: String) async throws -> (operatorID: String, lines: [AppointmentLine])? {
        let now = clock.now()
        return try await database.read { db in
            guard
                let operatorID = try CalendarFeedRecord.filter(CalendarFeedRecord.Columns.token == token).fetchOne(db)?
                    .operatorID
            else { return nil }
            let items =
                try TodoItemRecord
                .filter(TodoItemRecord.Columns.operatorID == operatorID)
                .filter(TodoItemRecord.Columns.start >= now.addingTimeInterval(-30 * 86_400))
                .filter(TodoItemRecord.Columns.start < now.addingTimeInterval(92 * 86_400))
                .order(TodoItemRecord.Columns.start)
                .fetchAll(db)
            let known = try ReadModels.load(for: items, in: db)
            return (operatorID, items.map(known.line))
        }
    }

    /// 32 random bytes, URL-safe: the feed's only protection, so not guessable.
    static func newFeedToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
