/// The one list of event types we can decode, and how to turn each one's `data` into an ``AriannaEvent``.
///
/// ``EventCodec/knownTypes`` and the decoder both read this list, so they cannot drift apart.
enum EventCatalogue {
    /// One decodable event type.
    struct Entry: Sendable {
        /// The CloudEvents `type` this entry decodes.
        let type: String
        /// The topic its events are published on.
        let topic: Topic
        /// Decodes and validates the `data` member; throws `DecodingError` or ``EventDecodingError``.
        let decode: @Sendable (KeyedDecodingContainer<EnvelopeKey>) throws -> AriannaEvent

        /// The entry of a payload type: decode `data` as `E`, refuse it with the first breached rule,
        /// wrap it.
        static func of<E: DomainEvent & PayloadValidating>(
            _: E.Type, _ wrap: @escaping @Sendable (E) -> AriannaEvent
        ) -> Entry {
            Entry(type: E.eventType, topic: E.topic) { container in
                let payload = try container.decode(E.self, forKey: .data)
                if let problem = payload.firstProblem {
                    throw EventDecodingError.invalidPayload(type: E.eventType, reason: problem)
                }
                return wrap(payload)
            }
        }
    }

    /// Every decodable event type, one line each.
    static let entries: [Entry] = [
        .of(TicketOpened.self) { .ticketOpened($0) },
        .of(TicketClosed.self) { .ticketClosed($0) },
        .of(TicketCancelled.self) { .ticketCancelled($0) },
        .of(TicketEdited.self) { .ticketEdited($0) },
        .of(TicketReassigned.self) { .ticketReassigned($0) },
        .of(TicketStateChanged.self) { .ticketStateChanged($0) },
        .of(AppointmentScheduled.self) { .appointmentScheduled($0) },
        .of(AppointmentMoved.self) { .appointmentMoved($0) },
        .of(AppointmentCancelled.self) { .appointmentCancelled($0) },
        .of(InterventionClosed.self) { .interventionClosed($0) },
        .of(BillingDocumentCreated.self) { .billingDocumentCreated($0) },
        .of(ActivityTypeSnapshot.self) { .activityTypeSnapshot($0) },
        .of(OperatorSnapshot.self) { .operatorSnapshot($0) },
        .of(PracticeSnapshot.self) { .practiceSnapshot($0) },
        .of(ActivityStateSnapshot.self) { .activityStateSnapshot($0) },
        .of(GroupSnapshot.self) { .groupSnapshot($0) },
        .of(CustomerSnapshot.self) { .customerSnapshot($0) },
        .of(SessionEnded.self) { .sessionEnded($0) },
        .of(APIKeySnapshot.self) { .apiKeySnapshot($0) },
        .of(APIKeyUsed.self) { .apiKeyUsed($0) },
        .of(IntakeRequested.self) { .intakeRequested($0) },
        .of(IntakeReplied.self) { .intakeReplied($0) },
        .of(ArticleSnapshot.self) { .articleSnapshot($0) },
        .of(ProductionOrderCreated.self) { .productionOrderCreated($0) },
        .of(BillingDocumentConfirmed.self) { .billingDocumentConfirmed($0) },
        .of(MailingListSnapshot.self) { .mailingListSnapshot($0) },
        .of(TicketAttachmentAdded.self) { .ticketAttachmentAdded($0) },
        .of(InterventionReportIssued.self) { .interventionReportIssued($0) }
    ]

    /// The entries by CloudEvents `type`, for the decoder's lookup.
    static let byType: [String: Entry] = Dictionary(uniqueKeysWithValues: entries.map { ($0.type, $0) })
}
