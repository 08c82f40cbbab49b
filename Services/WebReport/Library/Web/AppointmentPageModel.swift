import AriannaProtocol
import Foundation
import ServiceKit
import WebReportDomain

/// What the appointment template shows: the appointment, its history, earlier interventions,
/// and either the report form (with proposed materials) or the closed report.
struct AppointmentPageModel {
    /// A line of the ticket's history.
    struct HistoryLine {
        /// Date and time, in the company's zone.
        var when: String
        /// What happened, with the event's detail.
        var text: String
    }

    /// A report of another appointment at the same customer and site.
    struct EarlierIntervention {
        /// The day it was filed.
        var when: String
        /// Its outcome in words.
        var outcome: String
        /// What was done then.
        var workDone: String
    }

    /// A proposed or reported material line.
    struct Material {
        /// The article's code.
        var code: String
        /// Its description in the page's language.
        var description: String
        /// How many, without a trailing `.0`.
        var quantity: String
        /// Its unit of measure, when the catalogue knows it.
        var unit: String
    }

    /// An intervention's photo on the page.
    struct Photo {
        /// The photo's id, for the remove button.
        var id: String
        /// Where the image is served.
        var url: String
        /// 1-based, for its label.
        var number: Int
    }

    /// A work session of the closed report.
    struct Session {
        /// 1-based, in start order.
        var number: Int
        /// Date and time the work began.
        var start: String
        /// Time the work ended.
        var end: String
        /// Minutes of travel.
        var travel: Int
        /// Minutes of work.
        var worked: Int
    }

    /// The closed report, read-only.
    struct Report {
        /// The report's id, in its PDF and signature links.
        var id: String
        /// Whether the signature image is shown.
        var hasSignature: Bool
        /// Date and time it was filed.
        var closedAt: String
        /// Its outcome in words.
        var outcome: String
        /// Why another visit is needed, if it is.
        var visitNote: String?
        /// What was done.
        var workDone: String
        /// The work sessions in start order.
        var sessions: [Session]
        /// The sum of the sessions' minutes.
        var totalWorked: Int
        /// The sum of the sessions' travel.
        var totalTravel: Int
        /// The materials used.
        var materials: [Material]
        /// Who signed for the customer, if anyone did.
        var signedBy: String?
        /// Stored, not computed: templates see stored properties only.
        var hasMaterials: Bool
    }

    /// What the form needs.
    struct Form {
        /// The appointment the form files against.
        var appointmentID: String
        /// RFC 3339 instants; the script shows them in the phone's own zone.
        var suggestedStart: String
        /// The appointment's end, or now if earlier; empty when now is before the start.
        var suggestedEnd: String
        /// The type's articles and the production orders' components, each code once.
        var proposed: [Material]
    }

    /// The list's line with the day added to its time range.
    var entry: EntryModel
    /// The ticket's history, oldest first.
    var history: [HistoryLine]
    /// Earlier reports at the same customer and site, latest first.
    var earlier: [EarlierIntervention]
    /// The closed report, read-only; nil while the appointment is open.
    var report: Report?
    /// The report form; nil once reported or cancelled.
    var form: Form?
    /// Whether the planner cancelled the appointment before any report.
    var cancelled: Bool
    /// The photos' addresses, oldest first.
    var photos: [Photo]
    /// Stored, not computed: templates see stored properties only.
    var hasPhotos: Bool
    /// The script's words, JSON.
    var config: String
    /// The ticket's files in intake, oldest first; the controller fills them in.
    var files: [TicketFileLink] = []
    /// The closed report's customer link, for the back office only; the controller fills it in.
    var customerLink: CustomerLink?

    /// The customer's link to the signed PDF and the report whose key the button replaces.
    struct CustomerLink {
        /// The link the back office sends the customer.
        var url: String
        /// The report whose key the button replaces.
        var reportID: String
    }

    /// The page of `detail` with the words of `table`, times in `format`; the form suggests a session ending at `now`.
    init(
        _ detail: WebReportStore.AppointmentDetail, table: [String: String], language: PageLanguage,
        format: LocalTimeFormat, now: Date
    ) {
        let item = detail.line.item
        // The page's head is the list's line with the day added: the time range is printed once.
        entry = EntryModel(detail.line, format: format)
        entry.time = "\(format.date(item.start)) \(format.time(item.start))–\(format.time(item.end))"
        history = detail.history.map { line in
            let label: String =
                switch line.kind {
                case .opened: table["historyOpened"] ?? ""
                case .scheduled: table["historyScheduled"] ?? ""
                case .moved: table["historyMoved"] ?? ""
                case .appointmentCancelled: table["historyAppointmentCancelled"] ?? ""
                case .reported: table["historyReported"] ?? ""
                case .anotherVisit: table["historyAnotherVisit"] ?? ""
                case .closed: table["historyClosed"] ?? ""
                case .cancelled: table["historyCancelled"] ?? ""
                }
            let detailText = line.detail.trimmed
            return HistoryLine(
                when: "\(format.date(line.at)) \(format.time(line.at))",
                text: detailText.isEmpty ? label : "\(label): \(detailText)")
        }
        earlier = detail.earlier.map { pair in
            EarlierIntervention(
                when: format.date(pair.report.closedAt),
                outcome: Self.outcomeLabel(pair.report.outcome, table),
                workDone: pair.report.workDone)
        }
        let catalogue = detail.catalogue
        func unit(_ code: String) -> String { catalogue.articles[code]?.unit ?? "" }
        report = detail.report.map { report in
            Report(
                id: report.id, hasSignature: report.hasSignature,
                closedAt: "\(format.date(report.closedAt)) \(format.time(report.closedAt))",
                outcome: Self.outcomeLabel(report.outcome, table), visitNote: report.visitNote,
                workDone: report.workDone,
                sessions: report.sessions.enumerated().map { index, session in
                    Session(
                        number: index + 1, start: "\(format.date(session.start)) \(format.time(session.start))",
                        end: format.time(session.end), travel: session.travelMinutes, worked: session.workedMinutes)
                },
                totalWorked: report.workedMinutes, totalTravel: report.travelMinutes,
                materials: report.materials.map {
                    Material(
                        code: $0.articleCode, description: $0.description, quantity: Self.quantity($0.quantity),
                        unit: unit($0.articleCode))
                },
                signedBy: report.signedBy, hasMaterials: !report.materials.isEmpty)
        }
        cancelled = detail.report == nil && item.status == .cancelled
        photos = detail.photoIDs.enumerated().map { index, id in
            Photo(id: id, url: "/appointments/\(item.appointmentID)/photos/\(id)", number: index + 1)
        }
        hasPhotos = !photos.isEmpty
        if detail.report == nil && item.status == .open {
            let typeArticles = (detail.line.type?.billingArticles ?? []).map { ($0.code, $0.description, $0.quantity) }
            let components = detail.billOfMaterials.map { ($0.articleCode, $0.description, $0.quantity) }
            var seen = Set<String>()
            let proposed = (typeArticles + components).filter { seen.insert($0.0).inserted }.map {
                code, description, quantity in
                Material(
                    code: code,
                    description: catalogue.articles[code]?.description(in: language.rawValue) ?? description,
                    quantity: Self.quantity(quantity), unit: unit(code))
            }
            let end = min(item.end, now)
            form = Form(
                appointmentID: item.appointmentID, suggestedStart: APIJSON.format(item.start),
                suggestedEnd: end > item.start ? APIJSON.format(end) : "", proposed: proposed)
        } else {
            form = nil
        }
        config = Self.scriptJSON(
            table.filter {
                [
                    "session", "start", "end", "travel", "remove", "sending", "networkError", "close", "articleCode",
                    "description", "quantity", "unit", "add", "photo", "waiting"
                ].contains($0.key)
            })
    }

    /// "Completed" or "Another visit needed" in the page's language.
    static func outcomeLabel(_ outcome: InterventionOutcome, _ table: [String: String]) -> String {
        (outcome == .completed ? table["outcomeCompleted"] : table["outcomeAnotherVisit"]) ?? outcome.rawValue
    }

    /// `2.5`, `1`: no trailing `.0`.
    static func quantity(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    /// JSON safe inside a `<script type="application/json">` element.
    static func scriptJSON(_ value: [String: String]) -> String {
        let data = (try? APIJSON.encoder.encode(value)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
            .replacingOccurrences(of: "<", with: "\\u003c").replacingOccurrences(of: ">", with: "\\u003e")
            .replacingOccurrences(of: "&", with: "\\u0026")
    }
}
