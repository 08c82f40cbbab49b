import Foundation
import Mustache
import NotificationDomain

/// Renders an email from its kind's two Mustache templates: the plain text and the HTML.
///
/// The text template is the email as a person would write it: its first line is the subject,
/// the rest (after a blank line) the body; it starts with `{{% CONTENT_TYPE: TEXT}}` because it
/// must not be HTML-escaped. The HTML template is the body of the HTML alternative: Mustache's
/// default escaping keeps user data text. Both pick their words with `{{#en}}…{{/en}}{{^en}}…{{/en}}`
/// so a message is in the recipient's language only. They live in `Resources/emails/` beside the code
/// (`<kind>.mustache`, `<kind>.html.mustache`) and ship as resources of the library.
struct EmailRenderer: Sendable {
    /// The text template of each kind (first line = subject).
    let templates: [EmailKind: MustacheTemplate]
    /// The HTML template of each kind.
    let htmlTemplates: [EmailKind: MustacheTemplate]

    /// Why a template could not be loaded or produced an email.
    enum Problem: Error, Equatable, CustomStringConvertible {
        /// A kind has no template in the bundle.
        case missingTemplate(String)
        /// A template does not parse; the name and Mustache's reason.
        case unreadableTemplate(String, String)
        /// A kind's text template rendered no subject line.
        case emptySubject(EmailKind)

        /// The problem as the log and the job's last error show it.
        var description: String {
            switch self {
            case .missingTemplate(let name):
                "the email template Resources/emails/\(name).mustache is missing"
            case .unreadableTemplate(let name, let reason):
                "the email template \(name) cannot be used: \(reason)"
            case .emptySubject(let kind):
                "the email template Resources/emails/\(kind.rawValue).mustache rendered an empty subject line"
            }
        }
    }

    /// An activity type's own pair (checked when saved); without HTML the alternative is made from the text.
    struct Override: Sendable, Equatable {
        /// The text template: first line = subject.
        var text: String
        /// The HTML template; `nil`: made from the text.
        var html: String?
    }

    /// A renderer of these templates, for tests and ``bundled()``.
    init(templates: [EmailKind: MustacheTemplate], htmlTemplates: [EmailKind: MustacheTemplate] = [:]) {
        self.templates = templates
        self.htmlTemplates = htmlTemplates
    }

    /// The shipped text of `kind`'s template in `format` ("" for text, "html"), or `nil`.
    static func shippedText(_ kind: EmailKind, html: Bool) -> String? {
        let name = html ? "\(kind.rawValue).html" : kind.rawValue
        guard
            let url = Bundle.module.url(forResource: name, withExtension: "mustache", subdirectory: "Resources/emails")
        else { return nil }
        return try? String(contentsOf: url, encoding: .utf8)
    }

    /// The templates shipped with the service; throws if any kind lacks one, so a broken build
    /// stops the worker at start-up rather than failing each email.
    static func bundled() throws -> EmailRenderer {
        var templates: [EmailKind: MustacheTemplate] = [:]
        var htmlTemplates: [EmailKind: MustacheTemplate] = [:]
        for kind in EmailKind.allCases {
            for html in [false, true] {
                let name = html ? "\(kind.rawValue).html" : kind.rawValue
                guard let text = shippedText(kind, html: html) else { throw Problem.missingTemplate(name) }
                do {
                    let template = try MustacheTemplate(string: text)
                    if html { htmlTemplates[kind] = template } else { templates[kind] = template }
                } catch {
                    throw Problem.unreadableTemplate("Resources/emails/\(name).mustache", "\(error)")
                }
            }
        }
        return EmailRenderer(templates: templates, htmlTemplates: htmlTemplates)
    }

    /// Subject, text and HTML of a `kind` email about `facts`, with times in `timeZone`;
    /// `override` (an activity type's own pair, already checked when saved) replaces the defaults.
    func render(
        _ kind: EmailKind, facts: EmailFacts, timeZone: TimeZone, company: CompanyIdentity = CompanyIdentity(),
        override: Override? = nil
    ) throws -> EmailContent {
        if let override {
            do {
                return try Self.content(
                    of: try MustacheTemplate(string: override.text),
                    html: try override.html.map { try MustacheTemplate(string: $0) },
                    facts: facts, timeZone: timeZone, company: company)
            } catch {
                throw Problem.unreadableTemplate("the activity type's own \(kind.rawValue)", "\(error)")
            }
        }
        guard let template = templates[kind] else { throw Problem.missingTemplate(kind.rawValue) }
        do {
            return try Self.content(
                of: template, html: htmlTemplates[kind], facts: facts, timeZone: timeZone, company: company)
        } catch {
            throw Problem.emptySubject(kind)
        }
    }

    /// Renders `template` (the first non-blank line is the subject, the rest the body) and `html`
    /// (the HTML body; when absent, the text's words in paragraphs).
    static func content(
        of template: MustacheTemplate, html: MustacheTemplate?, facts: EmailFacts, timeZone: TimeZone,
        company: CompanyIdentity
    ) throws -> EmailContent {
        let model = EmailTemplateModel(facts: facts, timeZone: timeZone, company: company)
        let text = template.render(model).replacingOccurrences(of: "\r\n", with: "\n")
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while let first = lines.first, first.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeFirst() }
        guard let subjectLine = lines.first else { throw EmptySubject() }
        let subject = subjectLine.trimmingCharacters(in: .whitespaces)
        guard !subject.isEmpty else { throw EmptySubject() }
        lines.removeFirst()
        while let first = lines.first, first.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeFirst() }
        while let last = lines.last, last.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeLast() }
        let body = Self.collapsingBlankLines(lines).joined(separator: "\n") + "\n"
        let language = EmailLanguage(facts.language)
        let page =
            html.map { EmailHTML.document(body: $0.render(model), title: subject, language: language) }
            ?? EmailHTML.page(fromText: body, title: subject)
        return EmailContent(subject: subject, body: body, html: page)
    }

    /// At most one blank line in a row: sections that render nothing leave no gaps.
    private static func collapsingBlankLines(_ lines: [String]) -> [String] {
        var result: [String] = []
        for line in lines {
            let blank = line.trimmingCharacters(in: .whitespaces).isEmpty
            if blank, let last = result.last, last.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            result.append(blank ? "" : line)
        }
        return result
    }

    /// A template that rendered no subject line.
    struct EmptySubject: Error {}
}
