public import Foundation

/// Web-report: the signed report of a closed intervention, as a PDF the customer may receive.
///
/// Published in the same transaction as ``InterventionClosed`` and *before* it, with the same
/// key, so a consumer sees the document first and can attach it when the closed event asks for
/// the "intervention completed" email. The bytes travel on the bus because services do not call
/// each other over HTTP; the copy is capped at ``maximumBase64Length`` so one message stays well
/// under the broker's default message size: when the report with its photos is larger, web-report
/// sends it without photos and says so in ``photosIncluded``.
public struct InterventionReportIssued: DomainEvent {
    /// The CloudEvents `type` of this payload.
    public static let eventType = "intervention.report-issued.v1"
    /// Published on this topic.
    public static let topic = Topic.interventions
    /// The largest `pdfBase64` accepted (700,000 characters, about 512 KiB of PDF).
    public static let maximumBase64Length = 700_000

    /// The intervention report's id in web-report (non-empty), as in ``InterventionClosed/reportID``.
    public var reportID: String
    /// The appointment the report belongs to (non-empty).
    public var appointmentID: String
    /// The ticket the appointment serves; absent for appointments without a ticket.
    public var ticketID: String?
    /// The name to give the attachment, e.g. `"report-TCK-2026-000123.pdf"` (non-empty).
    public var fileName: String
    /// The PDF, base64-encoded (standard alphabet, padded; non-empty, at most ``maximumBase64Length``).
    public var pdfBase64: String
    /// Whether the photos of the report are in this copy (false when they would not fit).
    public var photosIncluded: Bool
    /// When the report was closed and this copy was produced.
    public var issuedAt: Date

    /// Key: the ticket id when present, else the appointment id — the same as ``InterventionClosed``.
    public var aggregateID: String { ticketID ?? appointmentID }

    /// Memberwise; rules are checked when the event is decoded, not here.
    public init(
        reportID: String, appointmentID: String, ticketID: String?, fileName: String, pdfBase64: String,
        photosIncluded: Bool, issuedAt: Date
    ) {
        self.reportID = reportID
        self.appointmentID = appointmentID
        self.ticketID = ticketID
        self.fileName = fileName
        self.pdfBase64 = pdfBase64
        self.photosIncluded = photosIncluded
        self.issuedAt = issuedAt
    }

    /// The PDF's bytes, or `nil` when `pdfBase64` is not valid base64.
    public var pdf: Data? { Data(base64Encoded: pdfBase64) }
}

extension InterventionReportIssued: PayloadValidating {
    /// The PDF is present, valid base64 and within the size a Kafka message may carry.
    func validate(_ check: inout PayloadCheck) {
        check.nonEmpty(reportID, "reportID")
        check.nonEmpty(appointmentID, "appointmentID")
        check.nonEmptyIfPresent(ticketID, "ticketID")
        check.nonEmpty(fileName, "fileName")
        check.nonEmpty(pdfBase64, "pdfBase64")
        check.require(
            pdfBase64.utf8.count <= Self.maximumBase64Length,
            "pdfBase64 is longer than \(Self.maximumBase64Length) characters")
        check.require(pdf != nil, "pdfBase64 is not valid base64")
    }
}
