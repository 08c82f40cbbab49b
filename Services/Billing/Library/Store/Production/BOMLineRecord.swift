import GRDB

/// One component line of an article's bill of materials: how much of `componentCode` one unit
/// of `parentCode` takes, in the order the clerk listed them.
struct BOMLineRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "bomLine"

    /// The article assembled.
    var parentCode: String
    /// 1-based, the order the components were given in.
    var position: Int
    /// The article it takes.
    var componentCode: String
    /// How much of it per unit of the parent (greater than zero).
    var quantity: Double

    /// The columns the store's queries name.
    enum Columns {
        /// The `parentCode` column: the assembled article whose bill of materials is read or replaced.
        static let parentCode = Column(CodingKeys.parentCode)
        /// The `position` column: the component's 1-based place, the order the clerk gave them in.
        static let position = Column(CodingKeys.position)
    }
}
