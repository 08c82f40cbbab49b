package import Foundation

/// Header value encoding (RFC 5322 and RFC 2047), kept apart from the message's shape.
package enum MailHeader {
    /// English day and month names: RFC 5322 fixes them whatever the reader's language.
    private static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `Mon, 30 Nov 2026 10:15:00 +0100`: the local time and its offset, so readers show the
    /// company's time.
    package static func date(_ date: Date, timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.weekday, .day, .month, .year, .hour, .minute, .second], from: date)
        let offset = timeZone.secondsFromGMT(for: date) / 60
        let sign = offset < 0 ? "-" : "+"
        func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
        return
            "\(days[((c.weekday ?? 1) - 1) % 7]), \(c.day ?? 1) \(months[((c.month ?? 1) - 1) % 12]) \(c.year ?? 1970) "
            + "\(two(c.hour)):\(two(c.minute)):\(two(c.second)) \(sign)\(two(abs(offset) / 60))\(two(abs(offset) % 60))"
    }

    /// `"Display Name" <address>`, or the bare address when there is no name.
    package static func mailbox(name: String, address: String) -> String {
        let name = clean(name)
        guard !name.isEmpty else { return address }
        if isPrintableASCII(name) {
            let quoted = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return "\"\(quoted)\" <\(address)>"
        }
        return "\(encodedWords(name)) <\(address)>"
    }

    /// A free-text header (the subject): as is when it is short printable ASCII, otherwise as
    /// folded UTF-8 encoded words.
    package static func unstructured(_ text: String) -> String {
        let text = clean(text)
        return isPrintableASCII(text) && text.utf8.count <= 900 ? text : encodedWords(text)
    }

    /// A configured value (the sender) with any line break removed.
    package static func singleLine(_ text: String) -> String {
        clean(text)
    }

    /// `=?UTF-8?B?…?=` words of at most 39 bytes of text each (64 characters encoded), split
    /// between characters and folded onto continuation lines, so that even the first line, after
    /// its header name, stays within RFC 5322's 78 characters.
    static func encodedWords(_ text: String) -> String {
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(character.utf8)
            if chunk.count + bytes.count > 39, !chunk.isEmpty {
                words.append("=?UTF-8?B?\(Data(chunk).base64EncodedString())?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?\(Data(chunk).base64EncodedString())?=") }
        return words.joined(separator: "\r\n ")
    }

    private static func clean(_ text: String) -> String {
        text.map { $0.isNewline ? " " : String($0) }.joined().trimmingCharacters(in: .whitespaces)
    }

    private static func isPrintableASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { (0x20...0x7E).contains($0) }
    }
}
