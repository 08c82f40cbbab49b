/// Why billing refused a request, in words a back-office user can act on.
enum BillingError: Error, Equatable, CustomStringConvertible {
    case documentNotFound(String)

    var description: String {
        switch self {
        case .documentNotFound(let id):
            return "There is no billing document '\(id)'."
        }
    }
}
