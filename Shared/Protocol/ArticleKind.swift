/// What an article of the catalogue is, which decides how price rules treat it (R5, R19).
public enum ArticleKind: String, Codable, Sendable, Equatable, CaseIterable {
    /// Hours of work (and travel) billed per hour.
    case labour
    /// A part or consumable issued from a warehouse.
    case material
    /// A flat-priced service (call-out fee, inspection…).
    case service
    /// Something production makes from a bill of materials.
    case finishedProduct = "finished-product"
}
