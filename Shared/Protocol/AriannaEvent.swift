/// Every event type of the catalogue, as one closed enum that handlers `switch` over.
///
/// Adding a case is adding a type to the catalogue (see `EventCatalogue.swift`); the compiler then
/// points at every handler that must decide what to do with it.
public enum AriannaEvent: Sendable, Equatable {
    /// `ticket.opened.v1`: intake opened a ticket.
    case ticketOpened(TicketOpened)
    /// `ticket.closed.v1`: intake closed a ticket; carries what billing needs to bill it without asking
    /// anyone.
    case ticketClosed(TicketClosed)
    /// `ticket.cancelled.v1`: the back office cancelled a ticket.
    case ticketCancelled(TicketCancelled)
    /// `ticket.edited.v1`: the back office edited a ticket's details.
    case ticketEdited(TicketEdited)
    /// `ticket.reassigned.v1`: the back office gave a ticket to another back-office group and/or
    /// operator (R11).
    case ticketReassigned(TicketReassigned)
    /// `ticket.state-changed.v1`: a ticket moved to another activity state (R3) by hand.
    case ticketStateChanged(TicketStateChanged)
    /// `appointment.scheduled.v1`: the planner put an appointment on an operator's planner.
    case appointmentScheduled(AppointmentScheduled)
    /// `appointment.moved.v1`: the planner moved an appointment in time and/or to another operator.
    case appointmentMoved(AppointmentMoved)
    /// `appointment.cancelled.v1`: the planner cancelled an appointment; `start`/`end` are the slot it
    /// freed.
    case appointmentCancelled(AppointmentCancelled)
    /// `intervention.closed.v1`: a technician closed the intervention report of an appointment.
    case interventionClosed(InterventionClosed)
    /// `billing.document.created.v1`: billing created a document (a draft invoice) for a closed
    /// billable ticket.
    case billingDocumentCreated(BillingDocumentCreated)
    /// `setup.activity-type.v1`: the full current state of an activity type, published by intake
    /// whenever it changes.
    case activityTypeSnapshot(ActivityTypeSnapshot)
    /// `setup.operator.v1`: the full current state of an operator (a technician or back-office user who
    /// can be planned), published by intake whenever it changes.
    case operatorSnapshot(OperatorSnapshot)
    /// `setup.practice.v1`: the full current state of a practice (R4).
    case practiceSnapshot(PracticeSnapshot)
    /// `setup.activity-state.v1`: the full current state of an activity state (R3).
    case activityStateSnapshot(ActivityStateSnapshot)
    /// `setup.group.v1`: the full current state of a group of users (R2).
    case groupSnapshot(GroupSnapshot)
    /// `setup.customer.v1`: the full current state of a customer with all their sites, published by
    /// intake whenever the customer or one of their sites changes.
    case customerSnapshot(CustomerSnapshot)
    /// `session.ended.v1`: a web session ended before its expiry.
    case sessionEnded(SessionEnded)
    /// `setup.api-key.v1`: the full current state of an API key, published by intake (where keys are
    /// created, limited and revoked) every time one changes and for every stored key at start-up, so
    /// every service can verify the key itself.
    case apiKeySnapshot(APIKeySnapshot)
    /// `api-key.used.v1`: an API key was used on a service.
    case apiKeyUsed(APIKeyUsed)
    /// `intake.request.v1`: an external call-centre system asks intake to open a ticket (topic
    /// `arianna.intake.requests`).
    case intakeRequested(IntakeRequested)
    /// `intake.reply.v1`: intake's answer to an `intake.request.v1` (topic `arianna.intake.replies`,
    /// key = the request id).
    case intakeReplied(IntakeReplied)
    /// `catalogue.article.v1`: the full current state of one article of billing/production's catalogue,
    /// published every time it changes so web-report can propose and check article codes.
    case articleSnapshot(ArticleSnapshot)
    /// `production-order.created.v1`: billing/production created the production order of a ticket whose
    /// activity type has a production order setting (R5 advanced palette, R18); web-report proposes its
    /// components as the materials to issue.
    case productionOrderCreated(ProductionOrderCreated)
    /// `billing.document.confirmed.v1`: billing confirmed a document.
    case billingDocumentConfirmed(BillingDocumentConfirmed)
    /// `setup.mailing-list.v1`: the full current state of a mailing list (R14).
    case mailingListSnapshot(MailingListSnapshot)
    /// `ticket.attachment-added.v1`: a file was attached to a ticket in intake (from an email, the
    /// ticket page, the call page or the API).
    case ticketAttachmentAdded(TicketAttachmentAdded)
    /// `intervention.report-issued.v1`: the signed report's PDF, published just before `intervention.closed.v1`.
    case interventionReportIssued(InterventionReportIssued)

    /// The CloudEvents `type` of the payload, e.g. `"ticket.opened.v1"`.
    public var eventType: String {
        type(of: payload).eventType
    }

    /// The Kafka message key and CloudEvents `subject` of the payload.
    public var aggregateID: String {
        payload.aggregateID
    }

    /// The topic the payload belongs on.
    public var topic: Topic {
        type(of: payload).topic
    }

    /// The payload without its case, for the generic accessors above.
    var payload: any DomainEvent {
        switch self {
        case .ticketOpened(let event): event
        case .ticketClosed(let event): event
        case .ticketCancelled(let event): event
        case .ticketEdited(let event): event
        case .ticketReassigned(let event): event
        case .ticketStateChanged(let event): event
        case .appointmentScheduled(let event): event
        case .appointmentMoved(let event): event
        case .appointmentCancelled(let event): event
        case .interventionClosed(let event): event
        case .billingDocumentCreated(let event): event
        case .activityTypeSnapshot(let event): event
        case .operatorSnapshot(let event): event
        case .practiceSnapshot(let event): event
        case .activityStateSnapshot(let event): event
        case .groupSnapshot(let event): event
        case .customerSnapshot(let event): event
        case .sessionEnded(let event): event
        case .apiKeySnapshot(let event): event
        case .apiKeyUsed(let event): event
        case .intakeRequested(let event): event
        case .intakeReplied(let event): event
        case .articleSnapshot(let event): event
        case .productionOrderCreated(let event): event
        case .billingDocumentConfirmed(let event): event
        case .mailingListSnapshot(let event): event
        case .ticketAttachmentAdded(let event): event
        case .interventionReportIssued(let event): event
        }
    }
}
