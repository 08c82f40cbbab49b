import AriannaProtocol
import Crypto
import Foundation
import GRDB
import IntakeDomain
import ServiceKit

extension IntakeStore {
    /// The key a message is recorded under: its Message-ID, else the SHA-256 of its bytes
    /// (a very long Message-ID is hashed too, so the idempotency key stays under 200 characters).
    static func mailMessageKey(of email: InboundEmail, raw: [UInt8]) -> String {
        if let id = email.messageID, id.count <= 180 { return id }
        let digest = SHA256.hash(data: email.messageID.map { Array($0.utf8) } ?? raw)
        return "sha256:" + digest.map { String(format: "%02x", $0) }.joined()
    }

    /// Turns one email into a ticket, exactly once per message key: the `mailMessage` row, the
    /// ticket (with idempotency key `email:<key>`) and its events commit in one transaction, so
    /// a message seen again — delivered twice, or left in `new/` by a crash after the commit —
    /// only reports what was recorded. A message without a usable sender or text is recorded
    /// as rejected, with the reason.
    ///
    /// An unknown sender becomes a new customer named after the From display name (else the
    /// address), with that email; the ticket's history says "New customer from email" so the
    /// back office can complete or merge the record.
    ///
    /// The message's files are kept with the ticket it opens (see `EmailAttachments`): written
    /// to `folder` before the transaction, their rows inside it, and removed again when the
    /// message opens no new ticket. A file refused by its content (a program named `.pdf`), too
    /// large or past the count limit is left out and named in the ticket's history.
    func receiveEmail(_ raw: [UInt8], activityTypeCode: String, attachments folder: AttachmentFolder) async throws
        -> MailOutcome
    {
        let email = InboundEmail(raw: raw)
        let key = Self.mailMessageKey(of: email, raw: raw)
        let now = clock.now()
        let ids = self.ids
        let settings = self.settings
        let files = EmailAttachments(email.attachments, ids: ids, at: now)
        try files.write(to: folder)
        var keepFiles = false
        defer { if !keepFiles { files.remove(from: folder) } }
        let outcome = try await database.write { [outbox] db in
            if let seen = try MailMessageRecord.fetchOne(db, key: key) {
                return MailOutcome.alreadyProcessed(recorded: seen.outcome, ticketID: seen.ticketID)
            }
            let outcome = try Self.openTicket(
                from: email, key: key, activityTypeCode: activityTypeCode,
                at: now, ids: ids, outbox: outbox, settings: settings, in: db)
            let ticketID: String? =
                switch outcome {
                case .opened(let id, _, _): id
                case .alreadyProcessed(_, let id): id
                case .rejected: nil
                }
            if case .opened(let id, _, _) = outcome { try files.record(onTicket: id, outbox: outbox, in: db) }
            try MailMessageRecord(
                messageKey: key, receivedAt: now, sender: email.from?.address,
                outcome: outcome.recorded, ticketID: ticketID
            ).insert(db)
            return outcome
        }
        if case .opened = outcome { keepFiles = true }
        return outcome
    }

    /// The ticket of one email inside the caller's transaction, or the reason it is refused.
    private static func openTicket(
        from email: InboundEmail, key: String, activityTypeCode: String, at now: Date, ids: IDGenerator,
        outbox: OutboxWriter, settings: IntakeSettings, in db: Database
    ) throws -> MailOutcome {
        guard let sender = email.from, EmailAddress.looksValid(sender.address) else {
            return .rejected("no usable sender address")
        }
        guard !email.subject.isEmpty || !email.body.isEmpty else { return .rejected("the message is empty") }
        let known = try !CustomerRecord.filter(CustomerRecord.Columns.email.collating(.nocase) == sender.address)
            .isEmpty(db)
        let layout =
            try ActivityTypeRecord
            .filter(ActivityTypeRecord.Columns.code == activityTypeCode.uppercased()).fetchOne(db)?.layout ?? []
        let request = NewTicket(
            activityTypeCode: activityTypeCode,
            customer: .init(name: sender.name.isEmpty ? sender.address : sender.name, email: sender.address),
            description: description(of: email),
            customFields: EmailCustomFields.values(from: email.body, layout: layout),
            idempotencyKey: "email:\(key)")
        do {
            let (ticket, created) = try open(
                request, channel: .email, at: now, ids: ids, outbox: outbox,
                correlationID: nil, settings: settings, in: db)
            if !created { return .alreadyProcessed(recorded: "opened", ticketID: ticket.id) }
            if !known {
                try recordHistory(
                    ticket.id, at: now, eventType: "email.newCustomer",
                    summary:
                        "New customer from email: \(sender.name.isEmpty ? sender.address : "\(sender.name) <\(sender.address)>"); check the customer's record.",
                    in: db)
            }
            return .opened(ticketID: ticket.id, number: ticket.number, newCustomer: !known)
        } catch let error as IntakeError {
            return .rejected(error.reasons.joined(separator: " "))
        }
    }

    /// Subject, a blank line, the body; cut to the 4000 characters a description may hold.
    static func description(of email: InboundEmail) -> String {
        let text = [email.subject, email.body].filter { !$0.isEmpty }.joined(separator: "\n\n")
        guard text.count > 4000 else { return text }
        return String(text.prefix(3999)) + "…"
    }
}
