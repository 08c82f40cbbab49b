public import Hummingbird

// The records are the API's response bodies, encoded with the service's JSON coding.
extension QueueEntry: ResponseEncodable {}
extension AppointmentRecord: ResponseEncodable {}
extension OperatorRecord: ResponseEncodable {}
extension SuggestionList: ResponseEncodable {}
extension TodoList: ResponseEncodable {}
