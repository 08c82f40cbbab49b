public import Hummingbird

extension Request {
    /// Reads the body as JSON with the API's coding, or answers 400 with a sentence that names
    /// the field at fault: "The body must be <what>: customer.name is required."
    /// (Hummingbird's own `decode` reports a generic message, which does not help a caller.)
    /// `what` is language-neutral here, typically a JSON example; the sentence around it is in the
    /// language the caller asked for (English when it asked for none, as the API always answered).
    public func decodeJSON<T: Decodable>(
        as type: T.Type, describedAs what: String, limit: Int = 1_048_576
    ) async throws -> T {
        try await decodeJSON(as: type, describedAs: Wording(it: what, en: what), limit: limit)
    }

    /// As above, with `what` in both languages ("a ticket" / "un ticket").
    public func decodeJSON<T: Decodable>(
        as type: T.Type, describedAs what: Wording, limit: Int = 1_048_576
    ) async throws -> T {
        let language = apiLanguage
        let buffer: ByteBuffer
        do {
            buffer = try await body.collect(upTo: limit)
        } catch {
            let refusal = Wording(
                it: "Il corpo della richiesta supera \(limit / 1024) KiB.",
                en: "The body is larger than \(limit / 1024) KiB.")
            throw HTTPError(.contentTooLarge, message: refusal.text(language))
        }
        do {
            return try APIJSON.decoder.decode(T.self, from: buffer)
        } catch {
            let problem = DecodingProblem.wording(error)
            let refusal = Wording(
                it: "Il corpo deve essere \(what.it): \(problem.it)",
                en: "The body must be \(what.en): \(problem.en)")
            throw HTTPError(.badRequest, message: refusal.text(language))
        }
    }

    /// The language an API refusal answers in: pages' rule (`PageLanguage.of`: the caller's
    /// setting, the `lang` cookie, `Accept-Language`), but English for a caller that asked for
    /// none, which API clients have always received.
    var apiLanguage: PageLanguage { PageLanguage.of(self, whenNoneAsked: .en) }
}
