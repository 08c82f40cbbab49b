import AriannaProtocol
import Foundation
import IntakeDomain
import ServiceKit
import Testing

@testable import IntakeService

/// The rules a new ticket must pass (R5, R10), from values only: no store, no clock. The same
/// rules every channel meets through `IntakeStore.open` (covered there by `IntakeStoreTests`,
/// `IntakeRequestTests`, `DeadlineTests`).
@Suite struct TicketOpeningRulesTests {
    let repair = TicketOpeningRules.ActivityType(
        code: "REPAIR", macroType: .call,
        layout: [
            LayoutField(key: "serial", label: "Serial number", kind: .text, required: true),
            LayoutField(key: "underWarranty", label: "Under warranty", kind: .boolean, required: false)
        ])
    let deadline = TicketOpeningRules.ActivityType(code: "CHECK", macroType: .task, layout: [])
    let visit = TicketOpeningRules.ActivityType(code: "VISIT", macroType: .appointment, layout: [])

    func request(
        type: String = "REPAIR", name: String = "Rossi Srl", description: String = "The boiler is leaking.",
        fields: [String: String] = ["serial": "SN-1"], customerID: String? = nil, siteID: String? = nil,
        dueAt: Date? = nil, operatorInChargeID: String? = nil
    ) -> NewTicket {
        var ticket = NewTicket(
            activityTypeCode: type, customer: .init(name: name, email: nil), siteID: siteID, customerID: customerID,
            description: description, customFields: fields, dueAt: dueAt)
        ticket.operatorInChargeID = operatorInChargeID
        return ticket
    }

    func problems(_ request: NewTicket, _ found: TicketOpeningRules.Found) -> [String] {
        do {
            _ = try TicketOpeningRules.check(request, found: found)
            return []
        } catch {
            // `check` throws only `IntakeError`, so `error` is one.
            return error.problems.map(\.en)
        }
    }

    @Test func aValidCall_isAccepted_withItsFieldsAsStored() throws {
        let fields = try TicketOpeningRules.check(
            request(fields: ["serial": " SN-1 ", "underWarranty": "yes"]), found: .init(activityType: repair))
        #expect(fields == ["serial": "SN-1", "underWarranty": "true"])
    }

    @Test func anUnknownType_isRefusedAlone_unlessTheRequestHasProblemsOfItsOwn() {
        #expect(throws: IntakeError.unknownActivityType("NOPE")) {
            try TicketOpeningRules.check(request(type: "NOPE"), found: .init(activityType: nil))
        }
        // A request already wrong in itself lists its own problems, not the missing type.
        #expect(
            problems(request(type: "NOPE", description: " "), .init(activityType: nil)) == [
                "description is required: say what the customer needs."
            ])
    }

    @Test func anAppointmentType_cannotOpenATicket_whateverElseIsWrong() {
        #expect(throws: IntakeError.activityTypeNotACall("VISIT")) {
            try TicketOpeningRules.check(
                request(type: "VISIT", fields: [:], customerID: "cust-gone"), found: .init(activityType: visit))
        }
    }

    @Test func aDeadline_needsItsDueDateAndOperatorInCharge() throws {
        #expect(
            problems(request(type: "CHECK", fields: [:]), .init(activityType: deadline)) == [
                "dueAt: a deadline needs its due date.", "operatorInChargeID: a deadline needs its operator in charge."
            ])
        let complete = request(
            type: "CHECK", fields: [:], dueAt: Date(timeIntervalSince1970: 1_800_000_000),
            operatorInChargeID: "op-mario")
        #expect(
            try TicketOpeningRules.check(
                complete, found: .init(activityType: deadline, operatorInChargeIsActive: true)) == [:])
    }

    @Test func everyReferenceNamed_mustBeActive_andTheSiteTheCustomers() {
        let named = request(customerID: "cust-1", siteID: "site-1", operatorInChargeID: "op-gone")
        #expect(
            problems(named, .init(activityType: repair)) == [
                "operatorInChargeID 'op-gone' is not an active operator.",
                "customerID 'cust-1' is not an active customer.",
                "siteID 'site-1' is not an active site."
            ])
        let closedSite = TicketOpeningRules.Site(name: "Depot", isActive: false, customerID: "cust-1")
        #expect(
            problems(request(siteID: "site-1"), .init(activityType: repair, site: closedSite)) == [
                "siteID 'site-1' is not an active site."
            ])
        let otherCustomers = TicketOpeningRules.Site(name: "Depot", isActive: true, customerID: "cust-2")
        #expect(
            problems(
                request(customerID: "cust-1", siteID: "site-1"),
                .init(activityType: repair, customerIsActive: true, site: otherCustomers)) == [
                    "site 'Depot' belongs to another customer."
                ])
        // Nothing the request does not name is looked at.
        #expect(problems(request(), .init(activityType: repair, operatorInChargeIsActive: false)) == [])
    }

    @Test func theLayout_isChecked_andEveryProblemIsReportedAtOnce() {
        #expect(
            problems(request(description: "", fields: ["colour": "red"]), .init(activityType: repair)) == [
                "description is required: say what the customer needs.",
                "customFields.colour: this activity type has no field 'colour'.",
                "customFields.serial: 'Serial number' is required."
            ])
    }

    @Test func refusals_areWordedInItalianToo() {
        #expect(throws: IntakeError.self) {
            try TicketOpeningRules.check(request(siteID: "site-9"), found: .init(activityType: repair))
        }
        do {
            _ = try TicketOpeningRules.check(request(siteID: "site-9"), found: .init(activityType: repair))
        } catch {
            #expect(error.reasons(in: .it) == ["siteID: 'site-9' non è una sede attiva."])
        }
    }
}
