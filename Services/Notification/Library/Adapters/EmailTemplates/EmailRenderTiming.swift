public import Foundation
import NotificationDomain

/// How long composing one email takes, for `arianna-bench notification-smtp`: the work the
/// worker does per message before handing it to SMTP (template, HTML alternative, calendar
/// invitation), measured apart from the server so the benchmark can show which one sets the pace.
public enum EmailRenderTiming {
    /// Renders `messages` appointment emails, each with its own facts, and returns each one's
    /// time in milliseconds.
    public static func milliseconds(messages: Int, timeZone: TimeZone) throws -> [Double] {
        let renderer = try EmailRenderer.bundled()
        let clock = ContinuousClock()
        var samples: [Double] = []
        samples.reserveCapacity(messages)
        let start = Date(timeIntervalSince1970: 1_900_000_000)
        for index in 0..<max(0, messages) {
            let slot = start.addingTimeInterval(Double(index) * 3600)
            var facts = EmailFacts(
                customerName: "Cliente \(index) S.r.l.", ticketNumber: "TCK/2030/\(index)", title: "Visita \(index)",
                start: slot, end: slot.addingTimeInterval(3600), technicianName: "Mario Rossi")
            facts.appointmentID = "app-\(index)"
            let elapsed = try clock.measure {
                let content = try renderer.render(.appointmentScheduled, facts: facts, timeZone: timeZone)
                let invitation = CalendarInvitation(
                    method: .request, uid: "app-\(index)@arianna.local", sequence: 0, start: slot,
                    end: slot.addingTimeInterval(3600), summary: content.subject, description: nil,
                    organizerName: "Arianna",
                    organizerAddress: "noreply@arianna.local", attendeeName: facts.customerName,
                    attendeeAddress: "cliente\(index)@example.com", stamp: slot)
                _ = invitation.attachment
            }
            samples.append(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)
        }
        return samples
    }
}
