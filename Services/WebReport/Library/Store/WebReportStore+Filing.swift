import AriannaProtocol
import Foundation
import GRDB
import ServiceKit
import WebReportDomain

extension WebReportStore {
    /// A filed report and whether this call filed it (false: the same idempotency key had
    /// already filed it, and this is that report).
    struct Filing: Sendable {
        /// The report as filed (now or by the earlier send).
        var report: ReportView
        /// Whether this call filed it: 201 rather than 200.
        var created: Bool
    }

    /// Files the report of an appointment and publishes `intervention.report-issued.v1` (the
    /// signed PDF for the customer's email) then `intervention.closed.v1` (with the customer's
    /// link), all in one transaction; throws ``WebReportError`` (and writes nothing) when the
    /// appointment is unknown, someone else's, cancelled or already reported, or the draft
    /// breaks a rule.
    func fileReport(_ draft: ReportDraft, forAppointment appointmentID: String, access: AppointmentAccess) async throws
        -> Filing
    {
        let now = clock.now()
        let reportID = ids.next()
        let timeZone = self.timeZone
        let customerKey = Self.newFeedToken()
        let link = customerReportURL(reportID, key: customerKey)
        return try await database.write { [outbox] db in
            guard var item = try TodoItemRecord.fetchOne(db, key: appointmentID) else {
                throw WebReportError.appointmentNotFound(appointmentID)
            }
            try access.checkAppointment(of: item.operatorID)
            if let earlier =
                try InterventionReportRecord
                .filter(InterventionReportRecord.Columns.appointmentID == appointmentID)
                .fetchOne(db)
            {
                if let key = draft.idempotencyKey, earlier.idempotencyKey == key {
                    return Filing(report: try ReportView.load(earlier, in: db), created: false)
                }
                let local = LocalTimeFormat(timeZone: timeZone)
                throw WebReportError.alreadyClosed(
                    date: local.date(earlier.closedAt), time: local.time(earlier.closedAt))
            }
            guard item.status != .cancelled else { throw WebReportError.appointmentCancelled(appointmentID) }
            let catalogue = try Self.catalogue(in: db)
            let checked = try ReportRules.check(draft, now: now, timeZone: timeZone, catalogue: catalogue).get()

            let report = InterventionReportRecord(
                id: reportID, appointmentID: appointmentID, ticketID: item.ticketID, operatorID: item.operatorID,
                workDone: checked.workDone, workedMinutes: checked.workedMinutes, closedAt: now,
                outcome: checked.outcome, visitNote: checked.visitNote, travelMinutes: checked.travelMinutes,
                signedBy: checked.signedBy, idempotencyKey: checked.idempotencyKey, customerKey: customerKey)
            try report.insert(db)
            for (index, session) in checked.sessions.enumerated() {
                try ReportSessionRecord(
                    reportID: reportID, position: index + 1, start: session.start, end: session.end,
                    travelMinutes: session.travelMinutes
                ).insert(db)
            }
            for (index, material) in checked.materials.enumerated() {
                try ReportMaterialRecord(
                    reportID: reportID, position: index + 1, articleCode: material.articleCode,
                    description: material.description, quantity: material.quantity
                ).insert(db)
            }
            if let png = checked.signaturePNG {
                try ReportSignatureRecord(reportID: reportID, png: Data(png)).insert(db)
            }
            item.status = .done
            item.updatedAt = now
            try item.update(db)
            if let ticketID = item.ticketID {
                var line = TicketHistoryRecord(
                    id: nil, ticketID: ticketID, at: now,
                    kind: checked.outcome == .completed ? .reported : .anotherVisit,
                    detail: checked.visitNote ?? checked.workDone)
                try line.insert(db)
            }
            let view = try ReportView.load(report, in: db)
            // The document first, with the same key, so notification has it when the closed
            // event asks for the customer's email (every outcome: notification decides whom to write to).
            if let issued = ReportCopyForCustomer.event(
                for: try Self.printable(view, in: db), issuedAt: now, timeZone: timeZone)
            {
                try outbox.append(issued, correlationID: report.ticketID ?? report.id, in: db)
            }
            try outbox.append(
                InterventionClosed(
                    reportID: report.id, appointmentID: appointmentID, ticketID: report.ticketID,
                    operatorID: report.operatorID, workDone: report.workDone, workedMinutes: report.workedMinutes,
                    materials: checked.materials, closedAt: now, outcome: checked.outcome,
                    visitNote: checked.visitNote, sessions: checked.sessions, travelMinutes: checked.travelMinutes,
                    signedBy: checked.signedBy, reportURL: link),
                correlationID: report.ticketID ?? report.id, in: db)
            return Filing(report: view, created: true)
        }
    }

    /// The catalogue as last published by billing (unknown while it has published nothing).
    static func catalogue(in db: Database) throws -> ArticleCatalogue {
        let articles = try ArticleRecord.fetchAll(db)
        return articles.isEmpty ? .unknown : ArticleCatalogue(articles.map(\.catalogueArticle))
    }

    /// The signature's PNG, if the report has one and the caller may see its appointment.
    func signature(ofReport id: String, access: AppointmentAccess) async throws -> [UInt8]? {
        try await database.read { db in
            guard let report = try InterventionReportRecord.fetchOne(db, key: id) else {
                throw WebReportError.reportNotFound(id)
            }
            try access.checkAppointment(of: report.operatorID)
            return try ReportSignatureRecord.fetchOne(db, key: id).map { [UInt8]($0.png) }
        }
    }

    /// One report with its sessions and materials, if the caller may see its appointment.
    func report(id: String, access: AppointmentAccess) async throws -> ReportView {
        try await database.read { db in
            guard let view = try ReportView.load(id, in: db) else { throw WebReportError.reportNotFound(id) }
            try access.checkAppointment(of: view.operatorID)
            return view
        }
    }
}
