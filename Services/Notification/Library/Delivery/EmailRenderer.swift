import Foundation
import Mustache

/// Renders an email's subject and body from its kind's Mustache template.
///
/// A template is the email as a person would write it: its first line is the subject, the rest
/// (after a blank line) the body. Templates start with `{{% CONTENT_TYPE: TEXT}}` because the
/// mail is plain text and must not be HTML-escaped. They live in `Templates/` beside the code
/// and ship as resources of the library, so editing the wording needs no Swift.
struct EmailRenderer: Sendable {
    let templates: [EmailKind: MustacheTemplate]

    /// Why a template could not be loaded or produced an email.
    enum Problem: Error, Equatable, CustomStringConvertible {
        case missingTemplate(EmailKind)
        case unreadableTemplate(EmailKind, String)
        case emptySubject(EmailKind)

        var description: String {
            switch self {
            case .missingTemplate(let kind):
                "the email template Templates/\(kind.rawValue).mustache is missing"
            case .unreadableTemplate(let kind, let reason):
                "the email template Templates/\(kind.rawValue).mustache cannot be used: \(reason)"
            case .emptySubject(let kind):
                "the email template Templates/\(kind.rawValue).mustache rendered an empty subject line"
            }
        }
    }

    init(templates: [EmailKind: MustacheTemplate]) {
        self.templates = templates
    }

    /// The templates shipped with the service; throws if any kind lacks one, so a broken build
    /// stops the worker at start-up rather than failing each email.
    static func bundled() throws -> EmailRenderer {
        var templates: [EmailKind: MustacheTemplate] = [:]
        for kind in EmailKind.allCases {
            guard let url = Bundle.module.url(forResource: kind.rawValue, withExtension: "mustache", subdirectory: "Templates")
            else { throw Problem.missingTemplate(kind) }
            do {
                templates[kind] = try MustacheTemplate(string: String(contentsOf: url, encoding: .utf8))
            } catch {
                throw Problem.unreadableTemplate(kind, "\(error)")
            }
        }
        return EmailRenderer(templates: templates)
    }

    /// Subject and body of a `kind` email about `facts`, with times in `timeZone`; `override`
    /// (an activity type's own template, already checked when saved) replaces the default.
    func render(
        _ kind: EmailKind, facts: EmailFacts, timeZone: TimeZone, company: CompanyIdentity = CompanyIdentity(),
        override: String? = nil
    ) throws -> EmailContent {
        if let override {
            do {
                return try Self.content(of: try MustacheTemplate(string: override), facts: facts, timeZone: timeZone, company: company)
            } catch {
                throw Problem.unreadableTemplate(kind, "the activity type's own template: \(error)")
            }
        }
        guard let template = templates[kind] else { throw Problem.missingTemplate(kind) }
        do {
            return try Self.content(of: template, facts: facts, timeZone: timeZone, company: company)
        } catch {
            throw Problem.emptySubject(kind)
        }
    }

    /// Renders `template`: the first non-blank line is the subject, the rest the body.
    static func content(
        of template: MustacheTemplate, facts: EmailFacts, timeZone: TimeZone, company: CompanyIdentity
    ) throws -> EmailContent {
        let text = template.render(EmailTemplateModel(facts: facts, timeZone: timeZone, company: company))
            .replacingOccurrences(of: "\r\n", with: "\n")
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while let first = lines.first, first.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeFirst() }
        guard let subjectLine = lines.first else { throw EmptySubject() }
        let subject = subjectLine.trimmingCharacters(in: .whitespaces)
        guard !subject.isEmpty else { throw EmptySubject() }
        lines.removeFirst()
        while let first = lines.first, first.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeFirst() }
        while let last = lines.last, last.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeLast() }
        let body = lines.joined(separator: "\n") + "\n"
        return EmailContent(subject: subject, body: body, html: EmailHTML.page(fromText: body, title: subject))
    }

    /// A template that rendered no subject line.
    struct EmptySubject: Error {}
}
