public import AriannaProtocol

/// A ticket's document number as the numbering sequence of its activity type makes it:
/// `<prefix>/<year>/<counter padded to the sequence's digits, 6 by default>`, e.g.
/// `TCK/2026/000123`, the year in the company's time zone. Counters are gapless per sequence
/// and year (see `IntakeStore.nextNumber`). The shared helper, so billing agrees on the year.
public typealias TicketNumber = YearlyNumber
