import GRDB

/// One material line of a report, in the order the technician listed it.
struct ReportMaterialRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "reportMaterial"

    /// The report the line belongs to.
    var reportID: String
    /// 1-based line number, which keeps the technician's order.
    var position: Int
    /// The article's code in billing's catalogue.
    var articleCode: String
    /// The description as filed.
    var description: String
    /// How many, in the article's unit; greater than zero.
    var quantity: Double

    /// The columns the materials' queries name.
    enum Columns {
        /// The `reportID` column: the report whose material lines are read back.
        static let reportID = Column(CodingKeys.reportID)
        /// The `position` column: the line's 1-based place, the technician's order.
        static let position = Column(CodingKeys.position)
    }
}
