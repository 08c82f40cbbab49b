import CLibical
import Foundation

/// A technician's appointments as an RFC 5545 calendar, written with libical (which escapes
/// text and folds long lines), so they appear in the phone's own calendar.
enum CalendarFeedWriter {
    /// One appointment as the feed shows it.
    struct Event: Sendable, Equatable {
        /// Stable across feeds, so a phone updates the event instead of adding one.
        var uid: String
        /// When the appointment starts.
        var start: Date
        /// When it ends.
        var end: Date
        /// The event's title: the appointment's.
        var summary: String
        /// The site's address, which the phone can open in its maps.
        var location: String?
        /// Customer, ticket description and phone, one per line.
        var description: String?
        /// The appointment's page.
        var url: String?
        /// A cancelled appointment stays in the feed marked cancelled, so phones drop it.
        var cancelled: Bool
    }

    /// The `VCALENDAR` text, CRLF line endings.
    static func calendar(named name: String, events: [Event], stamp: Date) -> String {
        let calendar = icalcomponent_new(ICAL_VCALENDAR_COMPONENT)
        defer { icalcomponent_free(calendar) }
        icalcomponent_add_property(calendar, icalproperty_new_version("2.0"))
        icalcomponent_add_property(calendar, icalproperty_new_prodid("-//Arianna//Web report//IT"))
        icalcomponent_add_property(calendar, icalproperty_new_calscale("GREGORIAN"))
        if let property = icalproperty_new_x(name) {
            icalproperty_set_x_name(property, "X-WR-CALNAME")
            icalcomponent_add_property(calendar, property)
        }
        for event in events {
            let component = icalcomponent_new(ICAL_VEVENT_COMPONENT)
            icalcomponent_add_property(component, icalproperty_new_uid(event.uid))
            icalcomponent_add_property(component, icalproperty_new_dtstamp(utc(stamp)))
            icalcomponent_add_property(component, icalproperty_new_dtstart(utc(event.start)))
            icalcomponent_add_property(component, icalproperty_new_dtend(utc(event.end)))
            icalcomponent_add_property(component, icalproperty_new_summary(event.summary))
            if let location = event.location {
                icalcomponent_add_property(component, icalproperty_new_location(location))
            }
            if let description = event.description {
                icalcomponent_add_property(component, icalproperty_new_description(description))
            }
            if let url = event.url { icalcomponent_add_property(component, icalproperty_new_url(url)) }
            icalcomponent_add_property(
                component, icalproperty_new_status(event.cancelled ? ICAL_STATUS_CANCELLED : ICAL_STATUS_CONFIRMED))
            icalcomponent_add_component(calendar, component)
        }
        guard let text = icalcomponent_as_ical_string_r(calendar) else { return "" }
        defer { free(text) }
        return String(cString: text)
    }

    /// An instant as a UTC date-time (`…Z`).
    static func utc(_ date: Date) -> icaltimetype {
        icaltime_from_timet_with_zone(
            time_t(date.timeIntervalSince1970.rounded(.down)), 0, icaltimezone_get_utc_timezone())
    }
}
