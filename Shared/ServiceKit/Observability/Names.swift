/// Metric names, all in one place so dashboards and code agree.
public enum MetricName {
    /// Events the outbox relay published (a counter).
    public static let outboxPublished = "arianna_outbox_published_total"
    /// Events a consumer applied (a counter).
    public static let eventsConsumed = "arianna_events_consumed_total"
    /// Events a consumer skipped because its inbox already had them (a counter).
    public static let eventsDuplicate = "arianna_events_duplicate_total"
    /// Records a consumer sent to the dead-letter topic (a counter).
    public static let eventsDeadLettered = "arianna_events_dead_lettered_total"
    /// How long applying one transaction of events took (a timer).
    public static let eventHandlingSeconds = "arianna_event_handling_seconds"
    /// Records applied per consumer transaction (a histogram; 1 means one at a time).
    public static let eventBatchSize = "arianna_event_batch_size"
    /// Records not yet processed per assigned partition (`topic`, `partition`), every 5 s.
    public static let consumerLag = "arianna_consumer_lag"
}

/// Logger metadata keys.
public enum LogKey {
    /// The error being logged, described.
    public static let error = "error"
    /// The CloudEvents id of the event being handled.
    public static let eventID = "event.id"
    /// The CloudEvents type of the event being handled (`ticket.opened.v1`).
    public static let eventType = "event.type"
    /// The Kafka topic a record came from or goes to.
    public static let topic = "kafka.topic"
    /// The Kafka partition of the record.
    public static let partition = "kafka.partition"
    /// The record's offset in its partition.
    public static let offset = "kafka.offset"
}

/// Kafka header names we write.
public enum HeaderName {
    /// The CloudEvents id, also inside the payload; lets tools see it without parsing JSON.
    public static let eventID = "ce_id"
    /// Why a message was dead-lettered.
    public static let deadLetterReason = "arianna.deadletter.reason"
    /// The topic a dead letter was first read from.
    public static let originTopic = "arianna.origin.topic"
    /// The partition a dead letter was first read from.
    public static let originPartition = "arianna.origin.partition"
    /// The offset a dead letter had in its first partition.
    public static let originOffset = "arianna.origin.offset"
    /// The consumer group that gave up on the dead letter.
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
