import AriannaProtocol

/// A valid event of a type published on a topic: what the corpus mutates into each poison kind.
/// `PoisonCorpusTests` decodes every base, so a schema change that makes a base invalid is seen
/// (and a poison message can never be poison for the wrong reason).
struct PoisonBase {
    /// The event type, e.g. `ticket.opened.v1`.
    let type: String
    /// The event's valid `data`, as JSON objects.
    let data: [String: Any]

    /// The base event for `topic`: one type its consumers read.
    static func of(_ topic: Topic) -> PoisonBase {
        switch topic {
        case .tickets:
            PoisonBase(
                type: "ticket.cancelled.v1",
                data: [
                    "ticketID": "tck-poison", "number": "TCK/2026/999999", "cancelledAt": "2026-11-30T08:12:40.250Z",
                    "cancelledBy": "Poison Corpus", "reason": "poison base"
                ])
        case .appointments:
            PoisonBase(
                type: "appointment.cancelled.v1",
                data: [
                    "appointmentID": "app-poison", "operatorID": "op-poison", "title": "Poison",
                    "start": "2026-12-02T08:00:00.000Z", "end": "2026-12-02T09:00:00.000Z", "reason": "poison base"
                ])
        case .interventions:
            PoisonBase(
                type: "intervention.closed.v1",
                data: [
                    "appointmentID": "app-poison", "ticketID": "tck-poison", "operatorID": "op-poison",
                    "closedAt": "2026-11-30T11:45:00.000Z", "outcome": "completed", "reportID": "rep-poison",
                    "reportURL": "https://arianna.example/webreport/reports/rep-poison/customer.pdf?key=poison",
                    "signedBy": "Poison Corpus", "workDone": "nothing", "workedMinutes": 10, "travelMinutes": 0,
                    "materials": [] as [Any],
                    "sessions": [
                        ["start": "2026-11-30T11:35:00.000Z", "end": "2026-11-30T11:45:00.000Z", "travelMinutes": 0]
                    ]
                ])
        case .setup:
            PoisonBase(
                type: "setup.operator.v1",
                data: [
                    "operatorID": "op-poison", "name": "Poison Corpus", "email": "poison@corpus.example",
                    "active": true, "groups": ["tecnici"]
                ])
        case .billing:
            PoisonBase(
                type: "catalogue.article.v1",
                data: [
                    "code": "POISON-1", "description": "Poison", "descriptionEN": "Poison", "kind": "material",
                    "unit": "pz", "unitPriceCents": 100, "vatRatePercent": 22, "active": true
                ])
        case .intakeRequests, .intakeReplies, .deadLetter:
            PoisonBase(
                type: "intake.request.v1",
                data: [
                    "requestID": "cc-poison", "system": "poison-corpus", "activityTypeCode": "REPAIR",
                    "customer": ["name": "Poison Corpus", "email": "poison@corpus.example"],
                    "siteZone": "Milano", "description": "poison base"
                ])
        }
    }
}
