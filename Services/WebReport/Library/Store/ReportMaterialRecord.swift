import GRDB

/// One material line of a report, in the order the technician listed it.
struct ReportMaterialRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "reportMaterial"

    var reportID: String
    /// 1-based line number, which keeps the technician's order.
    var position: Int
    var articleCode: String
    var description: String
    var quantity: Double

    enum Columns {
        static let reportID = Column(CodingKeys.reportID)
        static let position = Column(CodingKeys.position)
    }
}
