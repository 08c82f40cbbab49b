package import AriannaProtocol
package import Foundation

/// What a technician submits to close an intervention (SPEC R18): work sessions, the work
/// done, the outcome, the materials and who signed. Decoded from the request body, then checked
/// by ``ReportRules`` before anything is written. Totals are never part of it: they are computed.
package struct ReportDraft: Decodable, Sendable, Equatable {
    /// One stretch of work as entered on the phone.
    package struct Session: Decodable, Sendable, Equatable {
        /// When the work began.
        package var start: Date
        /// When the work ended.
        package var end: Date
        /// Travel to this session in minutes; absent means none.
        package var travelMinutes: Int

        /// A session as tests and the phone's queue build it.
        package init(start: Date, end: Date, travelMinutes: Int = 0) {
            self.start = start
            self.end = end
            self.travelMinutes = travelMinutes
        }

        /// Decodes a session; `travelMinutes` may be left out.
        package init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            start = try container.decode(Date.self, forKey: .start)
            end = try container.decode(Date.self, forKey: .end)
            travelMinutes = try container.decodeIfPresent(Int.self, forKey: .travelMinutes) ?? 0
        }

        private enum CodingKeys: String, CodingKey { case start, end, travelMinutes }
    }

    /// One material line as confirmed on the phone.
    package struct Material: Decodable, Sendable, Equatable {
        /// The article code in billing's catalogue (e.g. `FILTER-01`).
        package var articleCode: String
        /// Free text; may be empty (the catalogue's description is used then).
        package var description: String
        /// In the article's unit; greater than zero.
        package var quantity: Double

        /// A material line as tests build it.
        package init(articleCode: String, description: String = "", quantity: Double) {
            self.articleCode = articleCode
            self.description = description
            self.quantity = quantity
        }

        /// Decodes a material line; `description` may be left out.
        package init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            articleCode = try container.decode(String.self, forKey: .articleCode)
            description = try container.decodeIfPresent(String.self, forKey: .description) ?? ""
            quantity = try container.decode(Double.self, forKey: .quantity)
        }

        private enum CodingKeys: String, CodingKey { case articleCode, description, quantity }
    }

    /// The stretches of work, in any order (the rules sort them).
    package var sessions: [Session]
    /// What was done, in the technician's words; required.
    package var workDone: String
    /// Completed unless the technician says another visit is needed.
    package var outcome: InterventionOutcome
    /// Why another visit is needed; required with that outcome.
    package var visitNote: String
    /// Materials used; absent means none.
    package var materials: [Material]
    /// The customer's representative who signed, if anyone did.
    package var signedBy: String?
    /// Their signature drawn on the phone, as a `data:image/png;base64,…` URL.
    package var signature: String?
    /// Chosen by the phone when the report is first queued: sending it again returns the same
    /// report instead of a second one or a refusal.
    package var idempotencyKey: String?

    /// A draft as tests build it, with the API's defaults.
    package init(
        sessions: [Session], workDone: String, outcome: InterventionOutcome = .completed, visitNote: String = "",
        materials: [Material] = [], signedBy: String? = nil, signature: String? = nil, idempotencyKey: String? = nil
    ) {
        self.sessions = sessions
        self.workDone = workDone
        self.outcome = outcome
        self.visitNote = visitNote
        self.materials = materials
        self.signedBy = signedBy
        self.signature = signature
        self.idempotencyKey = idempotencyKey
    }

    /// Decodes a draft; every member but `sessions` and `workDone` may be left out.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        sessions = try container.decode([Session].self, forKey: .sessions)
        workDone = try container.decode(String.self, forKey: .workDone)
        outcome = try container.decodeIfPresent(InterventionOutcome.self, forKey: .outcome) ?? .completed
        visitNote = try container.decodeIfPresent(String.self, forKey: .visitNote) ?? ""
        materials = try container.decodeIfPresent([Material].self, forKey: .materials) ?? []
        signedBy = try container.decodeIfPresent(String.self, forKey: .signedBy)
        signature = try container.decodeIfPresent(String.self, forKey: .signature)
        idempotencyKey = try container.decodeIfPresent(String.self, forKey: .idempotencyKey)
    }

    private enum CodingKeys: String, CodingKey {
        case sessions, workDone, outcome, visitNote, materials, signedBy, signature, idempotencyKey
    }
}
