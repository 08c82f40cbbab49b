/// Why notification refused a request, in words a back-office user can act on.
enum NotificationError: Error, Equatable, CustomStringConvertible {
    case emailNotFound(String)

    var description: String {
        switch self {
        case .emailNotFound(let id):
            return "There is no email '\(id)'."
        }
    }
}
