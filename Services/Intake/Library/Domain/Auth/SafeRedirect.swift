import Foundation

/// Where a login may send the browser afterwards: a local path, or an absolute http(s) URL on
/// the same host as the login page or on one of the five services' configured URLs. Anything
/// else (`//evil.example`, `https://evil.example/`, `javascript:`) becomes `/`: no open redirect.
package struct SafeRedirect: Sendable {
    /// Base URLs of the services (`http://127.0.0.1:8082`).
    var serviceURLs: [String]

    /// A login's redirect rule, trusting the services at `serviceURLs` besides the page's own host.
    package init(serviceURLs: [String]) {
        self.serviceURLs = serviceURLs
    }

    /// Where a login may send the browser after it: `next` when it is a path, on the request's
    /// own host or at one of the services' addresses, else `/`, so a link cannot lead a user who
    /// logs in to another site.
    package func target(_ next: String?, requestHost: String?) -> String {
        guard let next, !next.isEmpty, !next.contains("\\"), !next.contains(where: { $0.isNewline || $0 == "\0" })
        else { return "/" }
        if next.hasPrefix("/") { return next.hasPrefix("//") ? "/" : next }
        guard let url = URLComponents(string: next), let scheme = url.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = url.host?.lowercased(), url.user == nil
        else { return "/" }
        // Same host, any port: cookies ignore the port, so the five services on one host are one site.
        if let requestHost, URLComponents(string: "http://\(requestHost)")?.host?.lowercased() == host { return next }
        for base in serviceURLs {
            guard let known = URLComponents(string: base), known.scheme?.lowercased() == scheme,
                known.host?.lowercased() == host, known.port == url.port
            else { continue }
            return next
        }
        return "/"
    }
}
