import Foundation
import Mustache
import NotificationDomain

/// Checks a template pair someone typed before it is saved: each must parse and name only
/// variables the emails know, the text must render a subject line on sample data, and the HTML
/// may not print a value unescaped (`{{{…}}}`, `{{&…}}`), so user data stays text. A refusal
/// says why, in Italian and English.
enum TemplateCheck {
    /// Every name a template may use (the fields of ``EmailTemplateModel``).
    static let knownVariables: Set<String> = [
        "customerName", "ticketNumber", "description", "title", "date", "startTime", "endTime", "previousDate",
        "previousStartTime", "previousEndTime", "technicianName", "reason", "recipientName", "isMoved", "isCancelled",
        "reportURL", "companyName", "signature", "it", "en"
    ]

    /// The facts the preview and the check render with.
    static let sampleFacts: EmailFacts = {
        var facts = EmailFacts(
            customerName: "Rossi Impianti S.r.l.", ticketNumber: "TCK/2026/000123",
            description: "La caldaia perde acqua",
            title: "Riparazione caldaia", start: Date(timeIntervalSince1970: 1_796_029_200),
            end: Date(timeIntervalSince1970: 1_796_034_600), previousStart: Date(timeIntervalSince1970: 1_795_942_800),
            previousEnd: Date(timeIntervalSince1970: 1_795_948_200), technicianName: "Giulia Bianchi",
            reason: "Il cliente ha chiesto di rimandare")
        facts.recipientName = "Giulia Bianchi"
        facts.reportURL = "https://report.example/reports/rep-1.pdf"
        return facts
    }()

    /// A refusal with both languages.
    struct Refusal: Error, Equatable, CustomStringConvertible {
        /// The reason in Italian.
        let it: String
        /// The reason in English.
        let en: String
        /// The English reason, for logs and tests.
        var description: String { en }
    }

    /// The names used in `{{name}}`, `{{{name}}}`, `{{&name}}`, `{{#name}}`, `{{^name}}` tags.
    static func variables(in text: String) -> Set<String> {
        var names: Set<String> = []
        var rest = text[...]
        while let open = rest.range(of: "{{") {
            guard let close = rest.range(of: "}}", range: open.upperBound..<rest.endIndex) else { break }
            var tag = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            rest = rest[close.upperBound...]
            if tag.hasPrefix("{") {
                tag.removeFirst()
                if rest.hasPrefix("}") { rest = rest.dropFirst() }
            }
            guard let first = tag.first, !"!%/>=".contains(first) else { continue }
            if "#^&".contains(first) { tag.removeFirst() }
            let name = tag.trimmingCharacters(in: .whitespaces)
            if !name.isEmpty, name != "." { names.insert(String(name.split(separator: ".").first ?? Substring(name))) }
        }
        return names
    }

    /// The rendered sample in `language`, or the reason the pair is refused; without `html` the
    /// HTML alternative is made from the text.
    static func check(
        _ text: String, html: String? = nil, language: EmailLanguage = .it, timeZone: TimeZone
    ) throws(Refusal) -> EmailContent {
        let template = try parsed(text, part: (it: "Il testo", en: "The text"))
        var htmlTemplate: MustacheTemplate?
        if let html {
            if html.contains("{{{") || html.range(of: #"\{\{\s*&"#, options: .regularExpression) != nil {
                throw Refusal(
                    it:
                        "L'HTML non può stampare valori senza escape ({{{…}}} o {{&…}}): i dati degli utenti devono restare testo.",
                    en: "The HTML may not print values unescaped ({{{…}}} or {{&…}}): user data must stay text.")
            }
            htmlTemplate = try parsed(html, part: (it: "L'HTML", en: "The HTML"))
        }
        var facts = sampleFacts
        facts.language = language.rawValue
        do {
            return try EmailRenderer.content(
                of: template, html: htmlTemplate, facts: facts, timeZone: timeZone, company: CompanyIdentity())
        } catch {
            throw Refusal(
                it: "Il testo non produce un oggetto sulla prima riga.",
                en: "The text does not produce a subject on its first line.")
        }
    }

    /// `text` parsed, or why not: too long, unknown variables, bad syntax; `part` names it in the refusal.
    private static func parsed(_ text: String, part: (it: String, en: String)) throws(Refusal) -> MustacheTemplate {
        guard text.utf8.count <= 20_000 else {
            throw Refusal(
                it: "\(part.it) è troppo lungo (al massimo 20.000 caratteri).",
                en: "\(part.en) is too long (at most 20,000 characters).")
        }
        let unknown = variables(in: text).subtracting(knownVariables).sorted()
        guard unknown.isEmpty else {
            let list = unknown.joined(separator: ", ")
            throw Refusal(
                it: "\(part.it): variabili sconosciute: \(list).", en: "\(part.en): unknown variables: \(list).")
        }
        do {
            return try MustacheTemplate(string: text)
        } catch {
            throw Refusal(it: "\(part.it) non si può leggere: \(error).", en: "\(part.en) cannot be read: \(error).")
        }
    }
}
