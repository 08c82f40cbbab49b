public import Hummingbird

extension Request {
    /// Reads the body as JSON with the API's coding, or answers 400 with a sentence that names
    /// the field at fault: "The body must be <what>: customer.name is required."
    /// (Hummingbird's own `decode` reports a generic message, which does not help a caller.)
    public func decodeJSON<T: Decodable>(
        as type: T.Type, describedAs what: String, limit: Int = 1_048_576
    ) async throws -> T {
        let buffer: ByteBuffer
        do {
            buffer = try await body.collect(upTo: limit)
        } catch {
            throw HTTPError(.contentTooLarge, message: "The body is larger than \(limit / 1024) KiB.")
        }
        do {
            return try APIJSON.decoder.decode(T.self, from: buffer)
        } catch {
            throw HTTPError(.badRequest, message: "The body must be \(what): \(DecodingProblem.describe(error))")
        }
    }
}
