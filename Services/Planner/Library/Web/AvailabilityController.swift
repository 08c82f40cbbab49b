import Foundation
import Hummingbird
import PlannerDomain
import ServiceKit

/// The availability JSON API (SPEC R6–R9): working hours, operator links, presence rules and
/// their generation, generated presences, company holidays and absences. Bodies are validated
/// before anything is written; refusals carry a sentence a back-office user understands.
struct AvailabilityController {
    /// Where availability is checked and written.
    let store: AvailabilityStore
    /// The company's: local days and times are read in it.
    let timeZone: TimeZone

    /// Registers the routes under `/api`.
    func addRoutes(to router: ServiceRouter) {
        let api = router.group("api").add(middleware: RequirePermission(.plannerSchedule))
        api.put("working-hours", use: setWorkingHours)
        api.get("working-hours", use: workingHours)
        api.put("activity-types/:id/links", use: setLinks)
        api.get("activity-types/:id/links", use: links)
        api.post("presence-rules", use: addPresenceRule)
        api.get("presence-rules", use: presenceRules)
        api.delete("presence-rules/:id", use: deletePresenceRule)
        api.post("presence-rules/generate", use: generate)
        api.get("generation-jobs/:id", use: generationJob)
        api.get("presences", use: presences)
        api.post("holidays", use: addHoliday)
        api.get("holidays", use: holidays)
        api.put("holidays/:day", use: setHoliday)
        api.delete("holidays/:day", use: deleteHoliday)
        api.post("absences", use: addAbsence)
        api.get("absences", use: absences)
        api.put("absences/:id", use: updateAbsence)
        api.delete("absences/:id", use: deleteAbsence)
    }

    // MARK: Working hours

    /// `PUT /api/working-hours`: "set hours" for many operators at once; 200 with the new rows.
    @Sendable func setWorkingHours(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let body = try await request.decodeJSON(
            as: SetWorkingHours.self,
            describedAs:
                #"working hours such as {"operatorIDs":["op-mario"],"week":{"1":[{"start":"08:00","end":"12:00"}]}}"#)
        return try await mapped(request) { try JSONResponse.make(.ok, try await store.setWorkingHours(body)) }
    }

    /// `GET /api/working-hours?operatorID=`.
    @Sendable func workingHours(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let query = PlannerQuery(request, timeZone: timeZone)
        guard let operatorID = query.text("operatorID") else {
            throw query.badRequest(
                Wording(
                    it: "Indica di chi vuoi l'orario di lavoro: ?operatorID=…",
                    en: "Say whose working hours you want: ?operatorID=…"))
        }
        return try await mapped(request) {
            try JSONResponse.make(.ok, try await store.workingHours(operatorID: operatorID))
        }
    }

    // MARK: Links

    /// `PUT /api/activity-types/{id}/links`: replaces who may perform the type.
    @Sendable func setLinks(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let body = try await request.decodeJSON(
            as: SetActivityLinks.self,
            describedAs: #"links such as {"operatorIDs":["op-mario"],"groups":["Technicians"]}"#)
        return try await mapped(request) {
            try JSONResponse.make(.ok, try await store.setLinks(activityTypeID: id, body))
        }
    }

    /// `GET /api/activity-types/{id}/links`.
    @Sendable func links(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        return try await mapped(request) { try JSONResponse.make(.ok, try await store.links(activityTypeID: id)) }
    }

    // MARK: Presence rules and generation

    /// `POST /api/presence-rules`: 201 with the rule.
    @Sendable func addPresenceRule(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let body = try await request.decodeJSON(
            as: NewPresenceRule.self,
            describedAs:
                #"a presence rule such as {"operatorID":"op-mario","zone":"Milano","frequency":"daily","weekdays":[1,2,3,4,5],"start":"08:00","end":"17:00","validFrom":"2030-03-01"}"#
        )
        return try await mapped(request) { try JSONResponse.make(.created, try await store.addPresenceRule(body)) }
    }

    /// `GET /api/presence-rules?operatorID=&limit=&cursor=`: a page of rules by operator, creation, id.
    @Sendable func presenceRules(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let page = try PageRequest(request)
        let operatorID = PlannerQuery(request, timeZone: timeZone).text("operatorID")
        return try JSONResponse.make(.ok, try await store.presenceRules(operatorID: operatorID, page: page))
    }

    /// What deleting a rule removed.
    struct DeletedRule: Codable {
        /// The deleted rule's id.
        let id: String
        /// How many generated presences went with it.
        let removedPresences: Int
    }

    /// `DELETE /api/presence-rules/{id}`: the rule and the presences it generated.
    @Sendable func deletePresenceRule(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        return try await mapped(request) {
            try JSONResponse.make(
                .ok, DeletedRule(id: id, removedPresences: try await store.deletePresenceRule(id: id)))
        }
    }

    /// `POST /api/presence-rules/generate`: 202 with the queued job; poll its `Location`.
    @Sendable func generate(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let body = try await request.decodeJSON(
            as: GeneratePresences.self, describedAs: #"a range such as {"from":"2030-03-01","to":"2030-03-31"}"#)
        return try await mapped(request) {
            let job = try await store.startGeneration(body)
            var response = try JSONResponse.make(.accepted, GenerationJobStatus(job))
            response.headers[.location] = "/api/generation-jobs/\(job.id)"
            return response
        }
    }

    /// `GET /api/generation-jobs/{id}`: state and progress.
    @Sendable func generationJob(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        return try await mapped(request) {
            try JSONResponse.make(.ok, GenerationJobStatus(try await store.generationJob(id: id)))
        }
    }

    /// `GET /api/presences?from=&to=&operatorID=a,b&limit=&cursor=`: generated presences in a range
    /// of at most 62 days, a page at a time by operator, start and id.
    @Sendable func presences(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let page = try PageRequest(request)
        let query = PlannerQuery(request, timeZone: timeZone)
        guard let from = try query.instant("from"), let to = try query.instant("to", endOfDay: true) else {
            throw query.badRequest(
                Wording(
                    it: "Indica l'intervallo: ?from=2030-03-04&to=2030-03-10.",
                    en: "Give the range: ?from=2030-03-04&to=2030-03-10."))
        }
        guard to > from, to.timeIntervalSince(from) <= 62 * 86_400 else {
            throw query.badRequest(
                Wording(
                    it: "L'intervallo deve finire dopo l'inizio e coprire al massimo 62 giorni.",
                    en: "The range must end after it starts and cover at most 62 days."))
        }
        return try JSONResponse.make(
            .ok,
            try await store.presences(
                operatorIDs: query.list("operatorID"), from: from, to: to, page: page))
    }

    // MARK: Holidays

    /// `POST /api/holidays`: 201; 409 when the day already is one.
    @Sendable func addHoliday(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let body = try await request.decodeJSON(
            as: NewHoliday.self, describedAs: #"a holiday such as {"day":"2030-04-25","name":"Liberazione"}"#)
        return try await mapped(request) { try JSONResponse.make(.created, try await store.addHoliday(body)) }
    }

    /// `PUT /api/holidays/{day}`: creates or renames.
    @Sendable func setHoliday(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let day = try Self.day(request, context)
        let body = try await request.decodeJSON(
            as: HolidayName.self, describedAs: #"a holiday name such as {"name":"Liberazione"}"#)
        return try await mapped(request) { try JSONResponse.make(.ok, try await store.setHoliday(day: day, body)) }
    }

    /// `GET /api/holidays?from=&to=&limit=&cursor=` (days, both optional): a page by day.
    @Sendable func holidays(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let page = try PageRequest(request)
        let query = PlannerQuery(request, timeZone: timeZone)
        return try JSONResponse.make(
            .ok, try await store.holidays(from: try query.day("from"), to: try query.day("to"), page: page))
    }

    /// `DELETE /api/holidays/{day}`: 204.
    @Sendable func deleteHoliday(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let day = try Self.day(request, context)
        return try await mapped(request) {
            try await store.deleteHoliday(day: day)
            return Response(status: .noContent)
        }
    }

    /// The `{day}` path parameter as a local day, or 400.
    static func day(_ request: Request, _ context: ServiceRequestContext) throws -> LocalDate {
        let text = try context.parameters.require("day")
        guard let day = LocalDate(text) else {
            throw HTTPError(
                .badRequest,
                message: Wording(
                    it: "'\(text)' non è una data come 2030-04-25.", en: "'\(text)' is not a date such as 2030-04-25."
                ).text(PageLanguage.of(request)))
        }
        return day
    }

    // MARK: Absences

    /// How an absence body looks, named in the 400 for a body that is not one.
    static let absenceExample =
        #"an absence such as {"operatorID":"op-lucia","firstDay":"2030-03-05","reason":"Training"} or with start and end date-times"#

    /// `POST /api/absences`: 201; 409 when it overlaps another absence of the operator.
    @Sendable func addAbsence(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let body = try await request.decodeJSON(as: AbsenceInput.self, describedAs: Self.absenceExample)
        return try await mapped(request) { try JSONResponse.make(.created, try await store.addAbsence(body)) }
    }

    /// `PUT /api/absences/{id}`.
    @Sendable func updateAbsence(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let body = try await request.decodeJSON(as: AbsenceInput.self, describedAs: Self.absenceExample)
        return try await mapped(request) { try JSONResponse.make(.ok, try await store.updateAbsence(id: id, body)) }
    }

    /// `GET /api/absences?operatorID=a,b&from=&to=&limit=&cursor=`: a page by start then id.
    @Sendable func absences(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let page = try PageRequest(request)
        let query = PlannerQuery(request, timeZone: timeZone)
        return try JSONResponse.make(
            .ok,
            try await store.absences(
                operatorIDs: query.list("operatorID"), from: try query.instant("from"),
                to: try query.instant("to", endOfDay: true),
                page: page))
    }

    /// `DELETE /api/absences/{id}`: 204.
    @Sendable func deleteAbsence(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        return try await mapped(request) {
            try await store.deleteAbsence(id: id)
            return Response(status: .noContent)
        }
    }

    private func mapped<T>(_ request: Request, _ work: () async throws -> T) async throws -> T {
        try await PlannerErrorMapping.mapped(request, in: timeZone, work)
    }
}

/// A generation job as the API shows it: the record plus its percentage.
struct GenerationJobStatus: Codable {
    /// The job's id.
    let id: String
    /// The first day generated.
    let from: LocalDate
    /// The last day generated.
    let to: LocalDate
    /// The operators asked for; nil: everybody.
    let operatorIDs: [String]?
    /// Pending, running, done or failed.
    let state: GenerationJobRecord.State
    /// Operator-months done.
    let processed: Int
    /// Operator-months to do.
    let total: Int
    /// Progress in whole percent, for the page's bar.
    let percent: Int
    /// Presences written.
    let created: Int
    /// Presences that already existed.
    let unchanged: Int
    /// Why it failed, when it did.
    let message: String?

    /// The status of `job`.
    init(_ job: GenerationJobRecord) {
        id = job.id
        from = job.fromDay
        to = job.toDay
        operatorIDs = job.operatorIDs
        state = job.state
        processed = job.processed
        total = job.total
        percent = job.percent
        created = job.created
        unchanged = job.unchanged
        message = job.message
    }
}
