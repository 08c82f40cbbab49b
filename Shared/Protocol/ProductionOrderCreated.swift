/// Billing/production created the production order of a ticket whose activity type has a
/// production order setting (R5 advanced palette, R18); web-report proposes its components as
/// the materials to issue.
public struct ProductionOrderCreated: DomainEvent {
    /// The CloudEvents `type` of this payload.
    public static let eventType = "production-order.created.v1"
    /// Published on this topic.
    public static let topic = Topic.billing

    /// Billing/production's order id (non-empty).
    public var productionOrderID: String
    /// Human-facing order number (non-empty).
    public var number: String
    /// The ticket the order was created for (non-empty).
    public var ticketID: String
    /// The document type named by the activity type's setting, e.g. `"ODP"`.
    public var documentType: String
    /// The article to make (non-empty).
    public var articleCode: String
    /// How many of the article (greater than zero).
    public var quantity: Double
    /// The article's bill of materials exploded to leaf components, quantities multiplied.
    public var components: [MaterialLine]

    /// Key: the ticket id, so the order stays in order with the ticket's other events.
    public var aggregateID: String { ticketID }

    /// Memberwise; rules are checked when the event is decoded, not here.
    public init(
        productionOrderID: String, number: String, ticketID: String, documentType: String, articleCode: String,
        quantity: Double, components: [MaterialLine]
    ) {
        self.productionOrderID = productionOrderID
        self.number = number
        self.ticketID = ticketID
        self.documentType = documentType
        self.articleCode = articleCode
        self.quantity = quantity
        self.components = components
    }
}

extension ProductionOrderCreated: PayloadValidating {
    /// The order names its ticket, its article and a quantity above zero, with well-formed components.
    func validate(_ check: inout PayloadCheck) {
        check.nonEmpty(productionOrderID, "productionOrderID")
        check.nonEmpty(number, "number")
        check.nonEmpty(ticketID, "ticketID")
        check.nonEmpty(articleCode, "articleCode")
        check.positive(quantity, "quantity")
        check.each(components, "components")
    }
}
