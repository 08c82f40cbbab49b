/// Why intake refused a request, in words a back-office user or an integrator can act on.
public enum IntakeError: Error, Equatable, CustomStringConvertible {
    case invalidTicket([String])
    case unknownActivityType(String)
    case activityTypeNotACall(String)
    case ticketNotFound(String)

    /// One sentence per problem, for replies that list them separately.
    public var reasons: [String] {
        if case .invalidTicket(let problems) = self { return problems }
        return [description]
    }

    public var description: String {
        switch self {
        case .invalidTicket(let problems):
            return "The ticket cannot be opened: " + problems.joined(separator: " ")
        case .unknownActivityType(let code):
            return "There is no active activity type with code '\(code)'."
        case .activityTypeNotACall(let code):
            return "Activity type '\(code)' is not a call type, so it cannot open a ticket."
        case .ticketNotFound(let id):
            return "There is no ticket '\(id)'."
        }
    }
}
