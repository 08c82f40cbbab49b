import AriannaProtocol
import Foundation
import Mustache
import ServiceKit

/// What the to-do list and appointment templates show about one appointment or deadline,
/// computed once in Swift so the template only prints: a list of 200 lines renders without
/// looking anything up twice (see ``child(named:)``).
struct EntryModel: Sendable {
    /// Whether the line is a deadline (no page of its own) rather than an appointment.
    var isDeadline: Bool
    /// A deadline already past its due date (flagged on the list).
    var isOverdue = false
    /// `09:00–10:30`, or the due date for a deadline.
    var time: String
    /// The appointment's title, or the deadline's activity type.
    var title: String
    /// The customer's name.
    var customer: String?
    /// The site's address, when known.
    var address: String?
    /// The address in the phone's maps.
    var mapsHref: String?
    /// The customer's phone, when known.
    var phone: String?
    /// The phone number as a `tel:` link.
    var telHref: String?
    /// The activity type's name.
    var typeName: String?
    /// A checked `#rgb`/`#rrggbb` from intake's setup, used as the item's stripe.
    var colour: String
    /// The ticket's number, unless the title already shows it.
    var ticketNumber: String?
    /// What the ticket asks for.
    var description: String?
    /// The ticket's custom fields, labelled by its type's layout (issue 9).
    var customFields: [CustomField]
    /// Stored, not computed: templates see stored properties only.
    var hasCustomFields: Bool
    /// The appointment's page; nil for a deadline.
    var href: String?

    /// One custom field as the list shows it: "label: value".
    struct CustomField: Sendable, Equatable {
        /// The field's label from the type's layout (its key when the layout no longer has it).
        var label: String
        /// What the back office wrote.
        var value: String
    }

    /// The filled fields in the layout's order; a key the layout no longer has keeps its key as
    /// its label, after the others, so nothing the back office wrote is hidden.
    static func customFields(_ values: [String: String]?, layout: [ActivityTypeSnapshot.LayoutField]?) -> [CustomField]
    {
        let filled = (values ?? [:]).filter { !$0.value.trimmingCharacters(in: .whitespaces).isEmpty }
        let layout = layout ?? []
        let known = layout.compactMap { field in filled[field.key].map { CustomField(label: field.label, value: $0) } }
        let keys = Set(layout.map(\.key))
        let others = filled.keys.filter { !keys.contains($0) }.sorted().map {
            CustomField(label: $0, value: filled[$0] ?? "")
        }
        return known + others
    }

    /// For an appointment whose activity type web-report has not seen.
    static let defaultColour = "#5f6b7a"

    /// A link that opens the address in the phone's maps application (or a map site elsewhere);
    /// the short form, since the list repeats it on every line.
    static func mapsHref(_ address: String?) -> String? {
        guard let address, !address.isEmpty else { return nil }
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=?+#")
        return "https://maps.google.com/?q=" + (address.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
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
        // The planner's title usually starts with the ticket's number: not printed twice.
        ticketNumber = item.ticketNumber.flatMap { item.title.contains($0) ? nil : $0 }
        description = line.ticket?.description
        customFields = Self.customFields(line.ticket?.customFields, layout: line.type?.layout)
        hasCustomFields = !customFields.isEmpty
        href = "/appointments/\(item.appointmentID)"
    }

    /// A deadline's line.
    init(_ line: WebReportStore.DeadlineLine, format: LocalTimeFormat, dueWord: String, now: Date) {
        let ticket = line.ticket
        isDeadline = true
        isOverdue = (ticket.dueAt ?? now) < now
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
        hasCustomFields = !customFields.isEmpty
        href = nil
    }
}

/// Mustache reads an entry's values here instead of through `Mirror`, which reflects the
/// whole struct for every tag of every line and was most of the list's rendering time.
extension EntryModel: MustacheParent {
    /// The value of the template's tag `name`; nil for an unknown tag.
    func child(named name: String) -> Any? {
        switch name {
        case "isDeadline": return isDeadline
        case "isOverdue": return isOverdue
        case "time": return time
        case "title": return title
        case "customer": return customer
        case "address": return address
        case "mapsHref": return mapsHref
        case "phone": return phone
        case "telHref": return telHref
        case "typeName": return typeName
        case "colour": return colour
        case "ticketNumber": return ticketNumber
        case "description": return description
        case "customFields": return customFields
        case "hasCustomFields": return hasCustomFields
        case "href": return href
        default: return nil
        }
    }
}
