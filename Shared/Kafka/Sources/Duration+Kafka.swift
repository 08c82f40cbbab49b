extension Duration {
    /// Whole milliseconds, clamped to what librdkafka's `int` timeouts accept.
    var clampedMilliseconds: Int32 {
        let (seconds, attoseconds) = components
        let (milliseconds, overflow) = seconds.multipliedReportingOverflow(by: 1000)
        if overflow { return seconds > 0 ? .max : 0 }
        return Int32(clamping: max(0, milliseconds + attoseconds / 1_000_000_000_000_000))
    }
}
