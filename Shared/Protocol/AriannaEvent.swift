/// Every event type of the catalogue, as one closed enum that handlers `switch` over.
///
/// Adding a case is adding a type to the catalogue (see `EventCatalogue.swift`); the compiler then
/// points at every handler that must decide what to do with it.
public enum AriannaEvent: Sendable, Equatable {
    case ticketOpened(TicketOpened)
    case ticketClosed(TicketClosed)
    case ticketCancelled(TicketCancelled)
    case ticketEdited(TicketEdited)
    case ticketReassigned(TicketReassigned)
    case ticketStateChanged(TicketStateChanged)
    case appointmentScheduled(AppointmentScheduled)
    case appointmentMoved(AppointmentMoved)
    case appointmentCancelled(AppointmentCancelled)
    case interventionClosed(InterventionClosed)
    case billingDocumentCreated(BillingDocumentCreated)
    case activityTypeSnapshot(ActivityTypeSnapshot)
    case operatorSnapshot(OperatorSnapshot)
    case practiceSnapshot(PracticeSnapshot)
    case activityStateSnapshot(ActivityStateSnapshot)
    case groupSnapshot(GroupSnapshot)
    case customerSnapshot(CustomerSnapshot)
    case sessionEnded(SessionEnded)
    case apiKeySnapshot(APIKeySnapshot)
    case apiKeyUsed(APIKeyUsed)
    case intakeRequested(IntakeRequested)
    case intakeReplied(IntakeReplied)
    case articleSnapshot(ArticleSnapshot)
    case productionOrderCreated(ProductionOrderCreated)
    case billingDocumentConfirmed(BillingDocumentConfirmed)
    case mailingListSnapshot(MailingListSnapshot)
    case ticketAttachmentAdded(TicketAttachmentAdded)
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
