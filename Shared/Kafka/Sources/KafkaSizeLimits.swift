/// The record sizes Arianna's clients accept, set deliberately rather than left to librdkafka's
/// defaults (docs/ARCHITECTURE.md, "Record size limits"; docs/asyncapi.yaml, the dead-letter
/// channel).
///
/// - Producing: no event Arianna writes is near 1,000,000 bytes (the largest,
///   `intervention.report-issued.v1`, carries at most 700,000 base64 characters), so the
///   producers keep librdkafka's 1,000,000-byte `message.max.bytes`, now explicit: a bug that
///   builds a bigger event fails at the producer, not at every consumer.
/// - Consuming: a hostile or buggy producer may still put a bigger record on the broker (Tansu
///   0.6 takes the corpus's 1 MiB one). The consumers fetch up to ``maximumFetchBytes`` per partition
///   and per request and accept responses up to ``maximumReceiveBytes``, so such a record is
///   read (and dead-lettered) instead of stalling its partition; anything larger than the
///   consumers accept is refused by the broker configuration a deployment should set to match.
public enum KafkaSizeLimits {
    /// The largest record a service produces, and the largest event a consumer applies: a
    /// bigger one is poison (librdkafka `message.max.bytes`, producer side).
    public static let maximumEventBytes = 1_000_000
    /// What one fetch may bring per partition and per request (librdkafka
    /// `max.partition.fetch.bytes` and `fetch.max.bytes`): 16 MiB.
    public static let maximumFetchBytes = 16 << 20
    /// The largest broker response a consumer accepts (librdkafka `receive.message.max.bytes`,
    /// which must exceed `fetch.max.bytes` by at least 512).
    public static let maximumReceiveBytes = maximumFetchBytes + (1 << 20)
    /// The limit tools that play a hostile producer (the poison corpus) set, to publish the
    /// 1 MiB poison message.
    public static let hostileProducerMessageBytes = 4 << 20
}
