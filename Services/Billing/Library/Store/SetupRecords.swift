import AriannaProtocol
import Foundation
import GRDB

/// What billing keeps of an activity type (from `setup.activity-type.v1`): its registration
/// type and its billing articles (R5 billing palette), and its production order setting.
struct ActivityTypeRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "activityType"

    var id: String
    var code: String
    var name: String
    var registrationType: String
    /// JSON of `[ActivityTypeSnapshot.BillingArticle]`.
    var billingArticles: String
    /// JSON of `ActivityTypeSnapshot.ProductionOrder`, when the type has one.
    var productionOrder: String?
    var active: Bool

    init(_ snapshot: ActivityTypeSnapshot) throws {
        id = snapshot.activityTypeID
        code = snapshot.code
        name = snapshot.name
        registrationType = RegistrationType.of(
            registrationType: snapshot.registrationType, billable: snapshot.billable).rawValue
        billingArticles = String(decoding: try JSONEncoder().encode(snapshot.billingArticles ?? []), as: UTF8.self)
        productionOrder = try snapshot.productionOrder.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
        active = snapshot.active
    }

    var articles: [ActivityTypeSnapshot.BillingArticle] {
        (try? JSONDecoder().decode([ActivityTypeSnapshot.BillingArticle].self, from: Data(billingArticles.utf8))) ?? []
    }

    var registration: RegistrationType { RegistrationType(rawValue: registrationType) ?? .billable }
}

/// What billing keeps of a customer (from `setup.customer.v1`), printed on documents.
struct BillingCustomerRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "customer"

    var id: String
    var name: String
    var vatNumber: String?
    var fiscalCode: String?
    /// The billing address intake sends, else the first active site's.
    var address: String?

    init(_ snapshot: CustomerSnapshot) {
        id = snapshot.customerID
        name = snapshot.name
        vatNumber = snapshot.vatNumber
        fiscalCode = snapshot.fiscalCode
        address = snapshot.billingAddress ?? snapshot.sites.first(where: \.active)?.address
    }
}
