package import AriannaProtocol
package import AriannaWording
import Foundation

/// The rules a new ticket must pass before intake writes anything (R5, R10), decided from values
/// only: the request and what the store found for the references it names. Every channel (page,
/// JSON API, Kafka, email, CSV) reaches them through `IntakeStore.open`, so a ticket is refused
/// with the same reasons whichever way it came. Like the planner's `SchedulingRules`: values in,
/// refusals out, no database.
package enum TicketOpeningRules {
    /// The ticket's activity type as the rules need it: the active type with the request's code.
    package struct ActivityType: Sendable, Equatable {
        /// The type's code, named in the refusals.
        var code: String
        /// Call, deadline (task) or appointment: whether the type may open a ticket and what a
        /// deadline needs besides.
        var macroType: ActivityMacroType
        /// The custom fields the type's form asks for; the request's values are checked against them.
        var layout: [LayoutField]

        /// The type as the store read it.
        package init(code: String, macroType: ActivityMacroType, layout: [LayoutField]) {
            self.code = code
            self.macroType = macroType
            self.layout = layout
        }
    }

    /// The site the request names by `siteID`, as stored.
    package struct Site: Sendable, Equatable {
        /// Shown in the refusal when the site belongs to another customer.
        var name: String
        /// A deactivated site takes no new tickets.
        var isActive: Bool
        /// The customer the site belongs to: it must be the request's customer when both are named.
        var customerID: String

        /// The site as the store read it.
        package init(name: String, isActive: Bool, customerID: String) {
            self.name = name
            self.isActive = isActive
            self.customerID = customerID
        }
    }

    /// What the store found for the references a request names. A reference the request does not
    /// name is not looked at, whatever its value here.
    package struct Found: Sendable, Equatable {
        /// The active activity type with the request's code; nil when there is none.
        var activityType: ActivityType?
        /// Whether the operator in charge named by `operatorInChargeID` is an active operator.
        package var operatorInChargeIsActive = false
        /// Whether the customer named by `customerID` exists and is active.
        package var customerIsActive = false
        /// The site named by `siteID`; nil when there is no such site.
        package var site: Site?

        /// What the store found so far; the other references are looked up one by one afterwards.
        package init(
            activityType: ActivityType?, operatorInChargeIsActive: Bool = false, customerIsActive: Bool = false,
            site: Site? = nil
        ) {
            self.activityType = activityType
            self.operatorInChargeIsActive = operatorInChargeIsActive
            self.customerIsActive = customerIsActive
            self.site = site
        }
    }

    /// Checks a request against every rule and answers its custom-field values as they are stored
    /// (normalised by the type's layout), or throws: an unknown type or an appointment type alone,
    /// anything else as every problem at once (`IntakeError.invalidTicket`).
    package static func check(_ request: NewTicket, found: Found) throws(IntakeError) -> [String: String] {
        try check(request, shapeProblems: request.problems(), found: found)
    }

    /// ``check(_:found:)`` with the request's own problems (`NewTicket.problems()`) already
    /// known: the store needs them first, to decide whether an idempotency key may return the
    /// ticket it opened before.
    package static func check(
        _ request: NewTicket, shapeProblems: [Wording], found: Found
    ) throws(IntakeError) -> [String: String] {
        var problems = shapeProblems
        let type = found.activityType
        if type == nil, problems.isEmpty { throw .unknownActivityType(request.activityTypeCode) }
        // Calls and deadlines (tasks) are opened here; appointment types only through follow-ups.
        if let type, type.macroType == .appointment { throw .activityTypeNotACall(type.code) }
        if let type, type.macroType == .task {
            if request.dueAt == nil {
                problems.append(
                    Wording(
                        it: "dueAt: una scadenza ha bisogno della data di scadenza.",
                        en: "dueAt: a deadline needs its due date."))
            }
            if request.operatorInChargeID == nil {
                problems.append(
                    Wording(
                        it: "operatorInChargeID: una scadenza ha bisogno dell'operatore incaricato.",
                        en: "operatorInChargeID: a deadline needs its operator in charge."))
            }
        }
        if let operatorID = request.operatorInChargeID, !found.operatorInChargeIsActive {
            problems.append(
                Wording(
                    it: "operatorInChargeID: '\(operatorID)' non è un operatore attivo.",
                    en: "operatorInChargeID '\(operatorID)' is not an active operator."))
        }
        if let customerID = request.customerID, !found.customerIsActive {
            problems.append(
                Wording(
                    it: "customerID: '\(customerID)' non è un cliente attivo.",
                    en: "customerID '\(customerID)' is not an active customer."))
        }
        if let siteID = request.siteID {
            if let site = found.site, site.isActive {
                if let customerID = request.customerID, site.customerID != customerID {
                    problems.append(
                        Wording(
                            it: "siteID: la sede '\(site.name)' è di un altro cliente.",
                            en: "site '\(site.name)' belongs to another customer."))
                }
            } else {
                problems.append(
                    Wording(
                        it: "siteID: '\(siteID)' non è una sede attiva.",
                        en: "siteID '\(siteID)' is not an active site."))
            }
        }
        // Without a known type there is no layout to check the fields against.
        let fields =
            type.map { CustomFieldCheck.check(request.customFields, against: $0.layout) }
            ?? (values: [:], problems: [Wording]())
        problems += fields.problems
        guard problems.isEmpty, type != nil else { throw .invalidTicket(problems) }
        return fields.values
    }
}
