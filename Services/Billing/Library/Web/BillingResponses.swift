import Hummingbird

// What billing's routes answer as JSON. The conformances live here, in the HTTP layer, so the
// store's records and views stay free of Hummingbird (docs/ARCHITECTURE.md, "A service's anatomy").

extension ArticleRecord: ResponseEncodable {}
extension BillingDocumentSummary: ResponseEncodable {}
extension BillingDocumentView: ResponseEncodable {}
extension PriceRuleRecord: ResponseEncodable {}
extension BOMStore.View: ResponseEncodable {}
extension WarehouseRecord: ResponseEncodable {}
extension StockStore.Level: ResponseEncodable {}
extension ProductionOrderView: ResponseEncodable {}
extension MRPRunRecord: ResponseEncodable {}
