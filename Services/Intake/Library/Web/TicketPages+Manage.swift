import Foundation
import Hummingbird
import IntakeDomain
import ServiceKit

/// The model of the ticket page's back-office forms (issue 12), kept apart from the read-only page.
extension TicketPages {
    /// A custom field of the edit form, with the ticket's current value.
    struct FieldInput {
        /// The input's name, `field.<key>`.
        let name: String
        /// The field's label from the type's layout.
        let label: String
        /// The ticket's current value.
        let value: String
        /// Whether the ticket cannot be saved without it.
        let required: Bool
        /// A select among `choices`, else a text input.
        let isChoice: Bool
        /// The allowed values of a choice field.
        let choices: [Option]
    }

    /// What the ticket page's back-office forms show: edit, reassign, change state, cancel, each
    /// carrying the ticket's version.
    struct ManageModel {
        /// The ticket's id, in the forms' actions.
        let id: String
        /// The CSRF token of the forms.
        let csrf: String
        /// The version the forms carry, so a change made meanwhile is refused.
        let version: Int
        /// The ticket's description.
        let description: String
        /// Whom to call on site.
        let contact: String
        /// The due date, as a date input shows it.
        let dueDate: String
        /// The zone of the work.
        let siteZone: String
        /// The customer's sites to choose from.
        let sites: [Option]
        /// The type's layout fields with their values.
        let fields: [FieldInput]
        /// The groups the ticket may be reassigned to.
        let groups: [Option]
        /// The operators the ticket may be reassigned to.
        let operators: [Option]
        /// The activity states the ticket may move to.
        let states: [Option]
    }

    /// Nil unless the caller does back-office work (`planner.schedule`) and the ticket is open.
    func manageModel(_ ticket: TicketView, layout: [LayoutField], context: ServiceRequestContext) async throws
        -> ManageModel?
    {
        guard let identity = context.identity, identity.permissions.contains(.plannerSchedule), ticket.state == .open
        else { return nil }
        let choices = try await store.formChoices(forCustomer: ticket.customer.id)
        func options(_ list: [TicketFormChoices.Choice], selected: String?, blank: Bool) -> [Option] {
            (blank ? [Option(value: "", label: "—", selected: selected == nil)] : [])
                + list.map { Option(value: $0.id, label: $0.label, selected: $0.id == selected) }
        }
        return ManageModel(
            id: ticket.id, csrf: identity.csrfToken ?? "", version: ticket.version, description: ticket.description,
            contact: ticket.contact ?? "",
            dueDate: ticket.dueAt.map { TicketLifecyclePages.dayText($0, timeZone: format.timeZone) } ?? "",
            siteZone: ticket.siteZone ?? "",
            sites: options(choices.sites, selected: ticket.siteID, blank: true),
            fields: layout.map { field in
                let value = ticket.customFields[field.key] ?? ""
                let isChoice = field.kind == .choice || field.kind == .boolean
                let allowed = field.kind == .boolean ? ["yes", "no"] : field.choices
                return FieldInput(
                    name: "field.\(field.key)", label: field.label, value: value, required: field.required,
                    isChoice: isChoice,
                    choices: [Option(value: "", label: "", selected: value.isEmpty)]
                        + allowed.map {
                            Option(
                                value: $0, label: $0,
                                selected: $0 == value || (value == "true" && $0 == "yes")
                                    || (value == "false" && $0 == "no"))
                        })
            },
            groups: options(choices.groups, selected: ticket.assignedGroup, blank: true),
            operators: options(choices.operators, selected: ticket.assignedOperatorID, blank: true),
            states: options(choices.states, selected: ticket.activityState?.id, blank: false))
    }
}
