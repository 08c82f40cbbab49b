import AriannaProtocol
import Foundation
import ServiceKit

/// What the appointment template shows: the appointment, its history, earlier interventions,
/// and either the report form (with proposed materials) or the closed report.
struct AppointmentPageModel {
    struct HistoryLine {
        var when: String
        var text: String
    }

    struct EarlierIntervention {
        var when: String
        var outcome: String
        var workDone: String
    }

    /// A proposed or reported material line.
    struct Material {
        var code: String
        var description: String
        var quantity: String
        var unit: String
    }

    struct Photo {
        var id: String
        var url: String
        var number: Int
    }

    struct Session {
        var number: Int
        var start: String
        var end: String
        var travel: Int
        var worked: Int
    }

    /// The closed report, read-only.
    struct Report {
        var id: String
        var hasSignature: Bool
        var closedAt: String
        var outcome: String
        var visitNote: String?
        var workDone: String
        var sessions: [Session]
        var totalWorked: Int
        var totalTravel: Int
        var materials: [Material]
        var signedBy: String?
        /// Stored, not computed: templates see stored properties only.
        var hasMaterials: Bool
    }

    /// What the form needs.
    struct Form {
        var appointmentID: String
        /// RFC 3339 instants; the script shows them in the phone's own zone.
        var suggestedStart: String
        var suggestedEnd: String
        var proposed: [Material]
    }

    /// The list's line with the day added to its time range.
    var entry: EntryModel
    var history: [HistoryLine]
    var earlier: [EarlierIntervention]
    var report: Report?
    var form: Form?
    var cancelled: Bool
    /// The photos' addresses, oldest first.
    var photos: [Photo]
    var hasPhotos: Bool
    /// The script's words, JSON.
    var config: String
    /// The ticket's files in intake, oldest first; the controller fills them in.
    var files: [TicketFileLink] = []
    /// The closed report's customer link, for the back office only; the controller fills it in.
    var customerLink: CustomerLink?

    /// The customer's link to the signed PDF and the report whose key the button replaces.
    struct CustomerLink {
        var url: String
        var reportID: String
    }

    init(_ detail: WebReportStore.AppointmentDetail, table: [String: String], language: PageLanguage, format: LocalTimeFormat, now: Date) {
        let item = detail.line.item
        // The page's head is the list's line with the day added: the time range is printed once.
        entry = EntryModel(detail.line, format: format)
        entry.time = "\(format.date(item.start)) \(format.time(item.start))–\(format.time(item.end))"
        history = detail.history.map { line in
            let label: String = switch line.kind {
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
                    Material(code: $0.articleCode, description: $0.description, quantity: Self.quantity($0.quantity), unit: unit($0.articleCode))
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
            let proposed = (typeArticles + components).filter { seen.insert($0.0).inserted }.map { code, description, quantity in
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
        config = Self.scriptJSON(table.filter { ["session", "start", "end", "travel", "remove", "sending", "networkError", "close", "articleCode", "description", "quantity", "unit", "add", "photo", "waiting"].contains($0.key) })
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
