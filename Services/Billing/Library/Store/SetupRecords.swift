import AriannaProtocol
import BillingDomain
import Foundation
import GRDB

/// What billing keeps of an activity type (from `setup.activity-type.v1`): its registration
/// type and its billing articles (R5 billing palette), and its production order setting.
struct ActivityTypeRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "activityType"

    /// Intake's id of the activity type.
    var id: String
    /// The type's code, e.g. `REPAIR`; a ticket may name the type by it.
    var code: String
    /// The type's name as intake shows it.
    var name: String
    /// How its work is billed: a ``RegistrationType`` raw value.
    var registrationType: String
    /// JSON of `[ActivityTypeSnapshot.BillingArticle]`.
    var billingArticles: String
    /// JSON of `ActivityTypeSnapshot.ProductionOrder`, when the type has one.
    var productionOrder: String?
    /// False once intake deactivated the type.
    var active: Bool

    /// The columns the store's queries name.
    enum Columns {
        /// The `code` column: the activity type's code, which a ticket may name its type by.
        static let code = Column(CodingKeys.code)
    }

    /// What billing keeps of `snapshot`.
    init(_ snapshot: ActivityTypeSnapshot) throws {
        id = snapshot.activityTypeID
        code = snapshot.code
        name = snapshot.name
        registrationType =
            RegistrationType.of(
                registrationType: snapshot.registrationType?.rawValue, billable: snapshot.billable
            ).rawValue
        billingArticles = String(decoding: try JSONEncoder().encode(snapshot.billingArticles ?? []), as: UTF8.self)
        productionOrder = try snapshot.productionOrder.map {
            String(decoding: try JSONEncoder().encode($0), as: UTF8.self)
        }
        active = snapshot.active
    }

    /// The type's billing articles; empty if the stored JSON cannot be read.
    var articles: [ActivityTypeSnapshot.BillingArticle] {
        (try? JSONDecoder().decode([ActivityTypeSnapshot.BillingArticle].self, from: Data(billingArticles.utf8))) ?? []
    }

    /// The type's registration; `billable` for a value billing does not know.
    var registration: RegistrationType { RegistrationType(rawValue: registrationType) ?? .billable }
}

/// What billing keeps of a customer (from `setup.customer.v1`), printed on documents.
struct BillingCustomerRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "customer"

    /// Intake's id of the customer, which tickets carry.
    var id: String
    /// The name printed on documents.
    var name: String
    /// The VAT number (partita IVA), when intake has one.
    var vatNumber: String?
    /// The fiscal code (codice fiscale), when intake has one.
    var fiscalCode: String?
    /// The billing address intake sends, else the first active site's.
    var address: String?

    /// What billing keeps of `snapshot`.
    init(_ snapshot: CustomerSnapshot) {
        id = snapshot.customerID
        name = snapshot.name
        vatNumber = snapshot.vatNumber
        fiscalCode = snapshot.fiscalCode
        address = snapshot.billingAddress ?? snapshot.sites.first(where: \.active)?.address
    }
}
