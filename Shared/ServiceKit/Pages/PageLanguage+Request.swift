public import AriannaWording
public import Hummingbird

/// Reading the language from a request is HTTP work, so it lives here and not in the pure
/// `AriannaWording` module that `Domain/` files import.
extension PageLanguage {
    /// The user's language for `request`, the one rule pages and the API share: the logged-in
    /// user's own setting (session claim), else the `lang` cookie, else the first language of
    /// `Accept-Language` (by quality) that we have, else Italian; `whenNoneAsked` when the caller
    /// sent no setting, cookie or header at all (the API passes English).
    public static func of(
        _ request: Request, identity: RequestIdentity? = RequestIdentity.current,
        whenNoneAsked: PageLanguage = fallback
    ) -> PageLanguage {
        if let chosen = identity?.user?.language { return chosen }
        return preferred(
            cookie: request.cookies[cookieName]?.value,
            acceptLanguage: request.headers[.acceptLanguage], whenNoneAsked: whenNoneAsked)
    }
}
