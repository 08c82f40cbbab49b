/// A term of one of an activity type's palettes (a field kind, a registration type, a trigger, a
/// unit, a base date): a string on the wire with the known terms as constants.
///
/// Deliberately not a Swift `enum`: a consumer built before intake offered a new term still
/// decodes the snapshot (the term is simply not ``isKnown``) instead of dead-lettering it. Intake,
/// which offers the terms, refuses unknown ones in what it is sent.
public protocol PaletteTerm: RawRepresentable, Codable, Hashable, Sendable, CaseIterable, ExpressibleByStringLiteral
where RawValue == String, AllCases == [Self] {
    /// Any term, known or not.
    init(rawValue: String)
}

extension PaletteTerm {
    /// A known term written as a literal, as the constants are.
    public init(stringLiteral value: String) { self.init(rawValue: value) }

    /// Whether this is one of the terms this build knows (`allCases`).
    public var isKnown: Bool { Self.allCases.contains(self) }
}
