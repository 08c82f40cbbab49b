import AriannaProtocol
import Foundation
import ServiceKit

/// What the to-do list and appointment templates show about one appointment or deadline.
struct EntryModel: Sendable {
    var isDeadline: Bool
    var time: String
    var title: String
    var customer: String?
    var address: String?
    var mapsHref: String?
    var phone: String?
    var telHref: String?
    var typeName: String?
    /// A checked `#rgb`/`#rrggbb` from intake's setup, used as the item's stripe.
    var colour: String
    var ticketNumber: String?
    var description: String?
    /// The ticket's custom fields, labelled by its type's layout (issue 9).
    var customFields: [CustomField]
    var href: String?

    /// One custom field as the list shows it: "label: value".
    struct CustomField: Sendable, Equatable {
        var label: String
        var value: String
    }

    /// The filled fields in the layout's order; a key the layout no longer has keeps its key as
    /// its label, after the others, so nothing the back office wrote is hidden.
    static func customFields(_ values: [String: String]?, layout: [ActivityTypeSnapshot.LayoutField]?) -> [CustomField] {
        let filled = (values ?? [:]).filter { !$0.value.trimmingCharacters(in: .whitespaces).isEmpty }
        let layout = layout ?? []
        let known = layout.compactMap { field in filled[field.key].map { CustomField(label: field.label, value: $0) } }
        let keys = Set(layout.map(\.key))
        let others = filled.keys.filter { !keys.contains($0) }.sorted().map { CustomField(label: $0, value: filled[$0] ?? "") }
        return known + others
    }

    /// For an appointment whose activity type web-report has not seen.
    static let defaultColour = "#5f6b7a"

    /// A link that opens the address in the phone's maps application (or a map site elsewhere).
    static func mapsHref(_ address: String?) -> String? {
        guard let address, !address.isEmpty else { return nil }
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=?+#")
        return "https://www.google.com/maps/search/?api=1&query=" + (address.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
    }

    /// A `tel:` link with only the characters a dialler understands.
    static func telHref(_ phone: String?) -> String? {
        guard let phone else { return nil }
        let digits = phone.filter { $0.isNumber || $0 == "+" }
        return digits.isEmpty ? nil : "tel:" + digits
    }

    /// An appointment's line.
    init(_ line: WebReportStore.AppointmentLine, format: LocalTimeFormat) {
        let item = line.item
        isDeadline = false
        time = "\(format.time(item.start))–\(format.time(item.end))"
        title = item.title
        customer = line.customer?.name ?? item.customerName
        address = line.customer?.address(inZone: line.ticket?.siteZone)
        mapsHref = Self.mapsHref(address)
        phone = line.customer?.phone
        telHref = Self.telHref(phone)
        typeName = line.type?.name ?? line.ticket?.activityTypeName
        colour = line.type?.colour ?? Self.defaultColour
        ticketNumber = item.ticketNumber
        description = line.ticket?.description
        customFields = Self.customFields(line.ticket?.customFields, layout: line.type?.layout)
        href = "/appointments/\(item.appointmentID)"
    }

    /// A deadline's line.
    init(_ line: WebReportStore.DeadlineLine, format: LocalTimeFormat, dueWord: String) {
        let ticket = line.ticket
        isDeadline = true
        time = ticket.dueAt.map { "\(dueWord) \(format.date($0)) \(format.time($0))" } ?? ""
        title = ticket.activityTypeName
        customer = line.customer?.name ?? ticket.customerName
        address = line.customer?.address(inZone: ticket.siteZone)
        mapsHref = Self.mapsHref(address)
        phone = line.customer?.phone
        telHref = Self.telHref(phone)
        typeName = line.type?.name ?? ticket.activityTypeName
        colour = line.type?.colour ?? Self.defaultColour
        ticketNumber = ticket.number
        description = ticket.description
        customFields = Self.customFields(ticket.customFields, layout: line.type?.layout)
        href = nil
    }
}

/// The to-do list page.
struct TodoPageModel: Sendable {
    /// A day of the list.
    struct Day: Sendable {
        var label: String
        var isToday: Bool
        var overdue: [EntryModel]
        var entries: [EntryModel]
        var isEmpty: Bool
    }

    /// A link of the range switcher or the day navigation.
    struct Link: Sendable {
        var label: String
        var href: String
        var current: Bool
    }

    var whose: String
    /// For the back office: the operators it can pick (with "everyone" first); empty for a technician.
    var operatorChoices: [Link]
    /// Stored, not computed: templates see stored properties only.
    var hasOperatorChoices: Bool
    /// The operator whose calendar feed the page manages; nil for the back office's all-operators list.
    var feedOperatorID: String?
    var ranges: [Link]
    var previousHref: String
    var todayHref: String
    var nextHref: String
    /// The same range as a calendar.
    var calendarHref: String
    var days: [Day]
}
