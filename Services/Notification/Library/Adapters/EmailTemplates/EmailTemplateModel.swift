import AriannaWording
import Foundation
import NotificationDomain

/// What a template sees: the job's facts with dates and times already written out in the
/// company's time zone, and blank texts turned into absent ones so `{{#reason}}…{{/reason}}`
/// sections disappear when there is nothing to say. Templates stay logic-free.
struct EmailTemplateModel: Sendable {
    /// Absent when intake sent a blank name; the templates then greet "Cliente" / "Customer".
    let customerName: String?
    /// The ticket's number, when the email is about a ticket.
    let ticketNumber: String?
    /// What the customer reported.
    let description: String?
    /// The appointment's title as the planner shows it.
    let title: String?
    /// The appointment's day, written out in the company's zone.
    let date: String?
    /// The appointment's start time.
    let startTime: String?
    /// The appointment's end time.
    let endTime: String?
    /// A moved appointment's former day.
    let previousDate: String?
    /// A moved appointment's former start time.
    let previousStartTime: String?
    /// A moved appointment's former end time.
    let previousEndTime: String?
    /// The technician who comes.
    let technicianName: String?
    /// Why a ticket or an appointment was cancelled.
    let reason: String?
    /// Whom a staff email greets (a technician, an operator in charge).
    let recipientName: String?
    /// The technician's email is about a moved appointment.
    let isMoved: Bool
    /// The technician's email is about a cancelled appointment.
    let isCancelled: Bool
    /// The signed report's web address; only `http(s)` becomes a link.
    let reportURL: String?
    /// The company's name and the closing lines of customer emails, from the configuration.
    let companyName: String
    /// The closing lines of customer emails.
    let signature: String
    /// The language the email is written in: `{{#en}}…{{/en}}{{^en}}…{{/en}}` picks the
    /// English or the Italian words, so each message is in one language only.
    let en: Bool
    /// The email is in Italian: the negation of ``en``, for templates that test it directly.
    let it: Bool

    /// The model of `facts`, with dates and times in `timeZone` and the company's words.
    init(facts: EmailFacts, timeZone: TimeZone, company: CompanyIdentity = CompanyIdentity()) {
        companyName = company.name
        signature = company.signature
        en = EmailLanguage(facts.language) == .en
        it = !en
        let local = LocalTimeFormat(timeZone: timeZone)
        func present(_ text: String?) -> String? {
            guard let trimmed = text?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else {
                return nil
            }
            return trimmed
        }
        customerName = present(facts.customerName)
        ticketNumber = present(facts.ticketNumber)
        description = present(facts.description)
        title = present(facts.title)
        date = facts.start.map(local.date)
        startTime = facts.start.map(local.time)
        endTime = facts.end.map(local.time)
        previousDate = facts.previousStart.map(local.date)
        previousStartTime = facts.previousStart.map(local.time)
        previousEndTime = facts.previousEnd.map(local.time)
        technicianName = present(facts.technicianName)
        reason = present(facts.reason)
        recipientName = present(facts.recipientName)
        isMoved = facts.isMoved ?? false
        isCancelled = facts.isCancelled ?? false
        // Only a web address becomes a link: a `javascript:` or other scheme never reaches an href.
        reportURL = present(facts.reportURL).flatMap { url in
            let lower = url.lowercased()
            return lower.hasPrefix("https://") || lower.hasPrefix("http://") ? url : nil
        }
    }
}

/// Who the emails come from, as the configuration names it (`ARIANNA_COMPANY_NAME`,
/// `ARIANNA_MAIL_SIGNATURE`): the name signs staff emails, the signature closes customer ones.
struct CompanyIdentity: Sendable, Equatable {
    /// The company's name, signing the staff emails.
    var name: String = "Arianna"
    /// The closing lines of customer emails.
    var signature: String = "Arianna"
}

/// The two languages emails are written in; anything else reads Italian (the company's own).
enum EmailLanguage: String, Sendable, CaseIterable {
    /// Italian (`it`) or English (`en`), as customers' settings name them.
    case it, en

    /// `code` as a language, Italian when absent or unknown.
    init(_ code: String?) {
        self = code.flatMap { EmailLanguage(rawValue: $0.lowercased()) } ?? .it
    }
}
