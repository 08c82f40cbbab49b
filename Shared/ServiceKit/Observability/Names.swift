/// Metric names, all in one place so dashboards and code agree.
public enum MetricName {
    public static let outboxPublished = "arianna_outbox_published_total"
    public static let eventsConsumed = "arianna_events_consumed_total"
    public static let eventsDuplicate = "arianna_events_duplicate_total"
    public static let eventsDeadLettered = "arianna_events_dead_lettered_total"
    public static let eventHandlingSeconds = "arianna_event_handling_seconds"
    /// Records applied per consumer transaction (a histogram; 1 means one at a time).
    public static let eventBatchSize = "arianna_event_batch_size"
    /// Records not yet processed per assigned partition (`topic`, `partition`), every 5 s.
    public static let consumerLag = "arianna_consumer_lag"
}

/// Logger metadata keys.
public enum LogKey {
    public static let error = "error"
    public static let eventID = "event.id"
    public static let eventType = "event.type"
    public static let topic = "kafka.topic"
    public static let partition = "kafka.partition"
    public static let offset = "kafka.offset"
}

/// Kafka header names we write.
public enum HeaderName {
    /// The CloudEvents id, also inside the payload; lets tools see it without parsing JSON.
    public static let eventID = "ce_id"
    /// Why a message was dead-lettered.
    public static let deadLetterReason = "arianna.deadletter.reason"
    public static let originTopic = "arianna.origin.topic"
    public static let originPartition = "arianna.origin.partition"
    public static let originOffset = "arianna.origin.offset"
    public static let originGroup = "arianna.origin.group"
    /// `true` on a dead letter whose original was too big to copy whole (see `DeadLetterCopy`).
    public static let deadLetterTruncated = "arianna.deadletter.truncated"
    /// The original value's size in bytes, on a truncated dead letter.
    public static let originalValueBytes = "arianna.deadletter.original-bytes"
    /// The original value's SHA-256 (hex), on a truncated dead letter.
    public static let originalValueSHA256 = "arianna.deadletter.original-sha256"
    /// The original key's size in bytes, on a truncated dead letter.
    public static let originalKeyBytes = "arianna.deadletter.original-key-bytes"
    /// How many headers the original had (the copy keeps the first 64 KiB of them).
    public static let originalHeaderCount = "arianna.deadletter.original-headers"
}
