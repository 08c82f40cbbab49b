public import Hummingbird

// The views are the API's response bodies, encoded with the service's JSON coding.
extension TicketView: ResponseEncodable {}
extension TicketHistoryEntry: ResponseEncodable {}
extension CustomerWithSites: ResponseEncodable {}
extension WorkList: ResponseEncodable {}
