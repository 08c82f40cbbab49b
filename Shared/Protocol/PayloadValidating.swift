/// A payload (or part of one) with rules beyond what its JSON schema says.
///
/// Decoding checks these rules so that handlers can trust what they receive; a breach turns the
/// message into ``EventDecodingError/invalidPayload(type:reason:)`` and sends it to dead letter.
protocol PayloadValidating {
    /// Reports every breached rule into `check`, naming fields by their JSON path inside `data`.
    func validate(_ check: inout PayloadCheck)
}

extension PayloadValidating {
    /// The first breached rule, or `nil` when the payload is valid.
    var firstProblem: String? {
        var check = PayloadCheck()
        validate(&check)
        return check.problems.first
    }
}

/// Collects rule breaches with field paths, so each payload's rules read as a short list.
struct PayloadCheck {
    /// Every breached rule so far, as "field path: what is wrong", in the order they were checked.
    private(set) var problems: [String] = []
    private var path: String = ""

    /// Records `problem` unless `condition` holds.
    mutating func require(_ condition: Bool, _ problem: String) {
        if !condition { problems.append(problem) }
    }

    /// Identifiers and codes must say something: empty or blank is a producer bug.
    mutating func nonEmpty(_ value: String, _ field: String) {
        let problem = "\(path)\(field) must not be empty"
        require(!value.allSatisfy(\.isWhitespace), problem)
    }

    /// An optional identifier may be absent, but when present it must not be empty.
    mutating func nonEmptyIfPresent(_ value: String?, _ field: String) {
        if let value { nonEmpty(value, field) }
    }

    /// Durations and worked minutes can be zero but never negative.
    mutating func nonNegative(_ value: Int, _ field: String) {
        let problem = "\(path)\(field) must not be negative"
        require(value >= 0, problem)
    }

    /// Quantities must be finite and greater than zero.
    mutating func positive(_ value: Double, _ field: String) {
        let problem = "\(path)\(field) must be greater than zero"
        require(value.isFinite && value > 0, problem)
    }

    /// An interval must end strictly after it starts.
    mutating func ordered<T: Comparable>(_ start: T, _ end: T, _ startField: String, _ endField: String) {
        let problem = "\(path)\(endField) must be after \(path)\(startField)"
        require(end > start, problem)
    }

    /// Checks a nested value, prefixing its problems with `field.`.
    mutating func nested(_ value: some PayloadValidating, _ field: String) {
        let saved = path
        path = "\(saved)\(field)."
        value.validate(&self)
        path = saved
    }

    /// Checks every element of a list, prefixing problems with `field[index].`.
    mutating func each(_ values: [some PayloadValidating], _ field: String) {
        for (index, value) in values.enumerated() {
            nested(value, "\(field)[\(index)]")
        }
    }
}
