import Foundation

/// The languages pages come in. Italian first: the people who use Arianna work in Italian, so it
/// is the default when the browser says nothing we understand.
public enum PageLanguage: String, CaseIterable, Sendable, Codable {
    /// Italian, the default.
    case it
    /// English.
    case en

    /// Used when neither the cookie nor `Accept-Language` names a language we have.
    public static let fallback: PageLanguage = .it

    /// The cookie the language switcher sets. Cookies ignore the port, so one choice made on any
    /// service's page applies to all five when they share a host.
    public static let cookieName = "lang"

    /// The pure rule behind ServiceKit's `PageLanguage.of(_:identity:whenNoneAsked:)`, separate so
    /// it can be tested without a request: the cookie's language if we have it, else the best of
    /// `Accept-Language` (by quality, then order), else Italian. A caller that sent neither gets
    /// `whenNoneAsked`: Italian on pages, English from the JSON API, which has always answered so.
    public static func preferred(
        cookie: String?, acceptLanguage: String?, whenNoneAsked: PageLanguage = fallback
    ) -> PageLanguage {
        if cookie == nil, acceptLanguage == nil { return whenNoneAsked }
        if let cookie, let chosen = PageLanguage(rawValue: cookie.lowercased()) { return chosen }
        guard let acceptLanguage else { return fallback }
        let ranked = acceptLanguage.split(separator: ",").enumerated().compactMap {
            index, part -> (PageLanguage, Double, Int)? in
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = pieces.first, !tag.isEmpty else { return nil }
            let primary = tag.split(separator: "-").first.map { String($0).lowercased() } ?? ""
            guard let language = PageLanguage(rawValue: primary) else { return nil }
            var quality = 1.0
            for parameter in pieces.dropFirst() where parameter.lowercased().hasPrefix("q=") {
                quality = Double(parameter.dropFirst(2)) ?? 0
            }
            return quality > 0 ? (language, quality, index) : nil
        }
        // Highest quality first; the header's own order breaks ties.
        return ranked.min { ($0.1, -$0.2) > ($1.1, -$1.2) }?.0 ?? fallback
    }

    /// The BCP 47 tag for `<html lang>` and date formatting.
    public var localeIdentifier: String {
        switch self {
        case .it: "it_IT"
        case .en: "en_GB"
        }
    }
}
