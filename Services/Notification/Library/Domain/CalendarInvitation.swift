package import Foundation

/// An iCalendar (RFC 5545) invitation for one appointment, attached to the appointment's
/// emails so the customer's and technician's calendars update themselves (iTIP, RFC 5546):
/// `METHOD:REQUEST` when scheduled or moved, `METHOD:CANCEL` when cancelled, always with the
/// same `UID` and a `SEQUENCE` that grows with each change, which is how a calendar knows the
/// newer message replaces the older one.
///
/// Written by hand rather than with libical: the object is one small VEVENT, and the rules that
/// matter (CRLF, 75-octet folding between characters, TEXT escaping, UTC times) are below and
/// checked by a third-party parser (Python's `icalendar`) in the tests.
package struct CalendarInvitation: Sendable, Equatable {
    /// What the invitation asks of the calendar (iTIP).
    package enum Method: String, Sendable {
        /// Add or update the event (scheduled, moved).
        case request = "REQUEST"
        /// Remove the event (cancelled).
        case cancel = "CANCEL"
    }

    /// Whether the calendar adds or removes the event.
    package let method: Method
    /// Stable per appointment: `<appointmentID>@<sender's domain>`.
    package let uid: String
    /// Grows with each change, so a calendar keeps the newest version.
    package let sequence: Int
    /// The appointment's start.
    package let start: Date
    /// The appointment's end.
    package let end: Date
    /// The event's title in the calendar.
    package let summary: String
    /// The event's notes (the ticket's description), if any.
    package let description: String?
    /// The company: name and address of the `From:` header.
    package let organizerName: String
    /// The company's address, the organizer calendars reply to.
    package let organizerAddress: String
    /// Whom this copy is for.
    package let attendeeName: String
    /// The address of the person this copy is for.
    package let attendeeAddress: String
    /// `DTSTAMP`: when this version was written.
    package let stamp: Date

    /// The invitation of one appointment for one attendee, as the email worker builds it.
    package init(
        method: Method, uid: String, sequence: Int, start: Date, end: Date, summary: String, description: String?,
        organizerName: String, organizerAddress: String, attendeeName: String, attendeeAddress: String, stamp: Date
    ) {
        self.method = method
        self.uid = uid
        self.sequence = sequence
        self.start = start
        self.end = end
        self.summary = summary
        self.description = description
        self.organizerName = organizerName
        self.organizerAddress = organizerAddress
        self.attendeeName = attendeeName
        self.attendeeAddress = attendeeAddress
        self.stamp = stamp
    }

    /// The calendar object, lines ending in CRLF.
    package var text: String {
        var lines = [
            "BEGIN:VCALENDAR",
            "PRODID:-//Arianna//Notification//IT",
            "VERSION:2.0",
            "CALSCALE:GREGORIAN",
            "METHOD:\(method.rawValue)",
            "BEGIN:VEVENT",
            "UID:\(Self.escapeText(uid))",
            "SEQUENCE:\(sequence)",
            "DTSTAMP:\(Self.utc(stamp))",
            "DTSTART:\(Self.utc(start))",
            "DTEND:\(Self.utc(end))",
            "SUMMARY:\(Self.escapeText(summary))"
        ]
        if let description, !description.isEmpty { lines.append("DESCRIPTION:\(Self.escapeText(description))") }
        lines += [
            "ORGANIZER;CN=\(Self.parameter(organizerName)):mailto:\(organizerAddress)",
            "ATTENDEE;CN=\(Self.parameter(attendeeName));ROLE=REQ-PARTICIPANT;RSVP=FALSE:mailto:\(attendeeAddress)",
            "STATUS:\(method == .cancel ? "CANCELLED" : "CONFIRMED")",
            "TRANSP:OPAQUE",
            "END:VEVENT",
            "END:VCALENDAR"
        ]
        return lines.map(Self.fold).joined(separator: "\r\n") + "\r\n"
    }

    /// The attachment carrying it; the method is repeated in the MIME type as RFC 6047 asks.
    package var attachment: MailAttachment {
        MailAttachment(
            fileName: method == .cancel ? "annullamento.ics" : "invito.ics",
            contentType: "text/calendar; charset=utf-8; method=\(method.rawValue)", data: Array(text.utf8))
    }

    /// `20261130T090000Z`.
    static func utc(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(
            format: "%04d%02d%02dT%02d%02d%02dZ", c.year ?? 1970, c.month ?? 1, c.day ?? 1,
            c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }

    /// TEXT values (RFC 5545 §3.3.11): backslash, semicolon and comma escaped, line breaks as `\n`.
    static func escapeText(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "\\": result += "\\\\"
            case ";": result += "\\;"
            case ",": result += "\\,"
            case "\r\n", "\n", "\r": result += "\\n"
            default:
                if character.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) {
                    result.append(character)
                }
            }
        }
        return result
    }

    /// A parameter value (a CN): quoted, since names contain spaces, commas or colons; a DQUOTE
    /// cannot appear inside one, so it becomes an apostrophe; controls are dropped.
    static func parameter(_ text: String) -> String {
        let clean = text.unicodeScalars
            .filter { $0.value >= 0x20 && $0.value != 0x7F }
            .map { $0 == "\"" ? "'" : String($0) }
            .joined()
        return "\"\(clean)\""
    }

    /// Folds a content line after at most 75 octets, never inside a UTF-8 character (§3.1).
    static func fold(_ line: String) -> String {
        var result = ""
        var octets = 0
        for character in line {
            let size = character.utf8.count
            if octets + size > 75 {
                result += "\r\n "
                octets = 1
            }
            result.append(character)
            octets += size
        }
        return result
    }
}
