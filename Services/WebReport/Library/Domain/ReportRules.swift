import AriannaProtocol
import AriannaWording
package import Foundation

/// The rules of an intervention report (R18), pure: the same draft, clock and catalogue always
/// give the same answer, and nothing is written until every rule holds.
package enum ReportRules {
    /// Upper bounds that keep a mistyped or hostile report from bloating the store and the events.
    static let maxSessions = 20
    /// A day of travel: more is a typing mistake.
    static let maxTravelMinutes = 1440
    /// One report never covers more than a day of work (the store checks it too).
    static let maxWorkedMinutes = 1440
    /// A long page of text.
    static let maxWorkDoneLength = 10_000
    /// Why another visit is needed, in a paragraph.
    static let maxNoteLength = 2_000
    /// A person's name, with room to spare.
    static let maxSignerLength = 200
    /// More lines than any intervention uses.
    static let maxMaterials = 200
    /// Longer than any code in billing's catalogue.
    static let maxArticleCodeLength = 64
    /// A material's description, in a sentence or two.
    static let maxDescriptionLength = 500
    /// A phone's clock may run a little ahead of the server's: a session ending up to this much
    /// later than the server's now is not "in the future".
    static let clockLeeway: TimeInterval = 120

    /// The checked report, or every broken rule as ``WebReportError/invalidReport(_:)``.
    package static func check(
        _ draft: ReportDraft, now: Date, timeZone: TimeZone, catalogue: ArticleCatalogue
    ) -> Result<CheckedReport, WebReportError> {
        var problems: [Wording] = []
        let sessions = checkSessions(draft.sessions, now: now, timeZone: timeZone, into: &problems)
        let work = draft.workDone.trimmed
        if work.isEmpty {
            problems.append(Wording(it: "Descrivi il lavoro svolto.", en: "Describe the work done."))
        } else if work.count > maxWorkDoneLength {
            problems.append(
                Wording(
                    it: "La descrizione del lavoro supera i \(maxWorkDoneLength) caratteri.",
                    en: "The description of the work done is longer than \(maxWorkDoneLength) characters."))
        }
        let note = draft.visitNote.trimmed
        if draft.outcome == .anotherVisitNeeded && note.isEmpty {
            problems.append(
                Wording(
                    it: "Spiega perché serve un'altra visita.", en: "Say why another visit is needed."))
        }
        if note.count > maxNoteLength {
            problems.append(
                Wording(
                    it: "La nota supera i \(maxNoteLength) caratteri.",
                    en: "The note is longer than \(maxNoteLength) characters."))
        }
        let signer = draft.signedBy?.trimmed ?? ""
        if signer.count > maxSignerLength {
            problems.append(
                Wording(
                    it: "Il nome di chi firma supera i \(maxSignerLength) caratteri.",
                    en: "The signer's name is longer than \(maxSignerLength) characters."))
        }
        var signaturePNG: [UInt8]?
        if let signature = draft.signature, !signature.isEmpty {
            switch SignatureImage.decode(signature) {
            case .image(let bytes): signaturePNG = bytes
            case .refused(let problem): problems.append(problem)
            }
            if signer.isEmpty {
                problems.append(
                    Wording(
                        it: "Scrivi il nome di chi ha firmato.", en: "Write the name of the person who signed."))
            }
        }
        let materials = checkMaterials(draft.materials, catalogue: catalogue, into: &problems)
        guard problems.isEmpty else { return .failure(.invalidReport(problems)) }
        return .success(
            CheckedReport(
                sessions: sessions,
                workedMinutes: sessions.reduce(0) { $0 + $1.workedMinutes },
                travelMinutes: sessions.reduce(0) { $0 + $1.travelMinutes },
                workDone: work, outcome: draft.outcome,
                visitNote: draft.outcome == .anotherVisitNeeded ? note : nil,
                materials: materials, signedBy: signer.isEmpty ? nil : signer, signaturePNG: signaturePNG,
                idempotencyKey: draft.idempotencyKey?.trimmed.isEmpty == false ? draft.idempotencyKey?.trimmed : nil))
    }

    /// Sessions in start order, with a problem for each one that ends before it starts, lies in
    /// the future, has negative travel or overlaps the one before.
    static func checkSessions(
        _ drafts: [ReportDraft.Session], now: Date, timeZone: TimeZone, into problems: inout [Wording]
    ) -> [WorkSession] {
        if drafts.isEmpty {
            problems.append(
                Wording(it: "Aggiungi almeno una sessione di lavoro.", en: "Add at least one work session."))
        }
        if drafts.count > maxSessions {
            problems.append(
                Wording(
                    it: "Un rapportino può avere al massimo \(maxSessions) sessioni.",
                    en: "A report can have at most \(maxSessions) sessions."))
        }
        let format = LocalTimeFormat(timeZone: timeZone)
        for (index, session) in drafts.enumerated() {
            let number = index + 1
            if session.end <= session.start {
                problems.append(
                    Wording(
                        it:
                            "Sessione \(number): la fine (\(format.time(session.end))) deve essere dopo l'inizio (\(format.time(session.start))).",
                        en:
                            "Session \(number): the end (\(format.time(session.end))) must be after the start (\(format.time(session.start)))."
                    ))
            } else if session.end.timeIntervalSince(session.start) < 60 {
                problems.append(
                    Wording(
                        it: "Sessione \(number): dura meno di un minuto.",
                        en: "Session \(number) lasts less than a minute."))
            }
            if session.end > now.addingTimeInterval(clockLeeway) {
                problems.append(
                    Wording(
                        it:
                            "Sessione \(number): finisce nel futuro (\(format.date(session.end)) \(format.time(session.end))).",
                        en:
                            "Session \(number) ends in the future (\(format.date(session.end)) \(format.time(session.end)))."
                    ))
            }
            if !(0...maxTravelMinutes).contains(session.travelMinutes) {
                problems.append(
                    Wording(
                        it: "Sessione \(number): il viaggio deve essere tra 0 e \(maxTravelMinutes) minuti.",
                        en: "Session \(number): travel must be between 0 and \(maxTravelMinutes) minutes."))
            }
        }
        let ordered = drafts.enumerated().sorted { ($0.element.start, $0.offset) < ($1.element.start, $1.offset) }
        for (previous, next) in zip(ordered, ordered.dropFirst())
        where previous.element.end > previous.element.start && next.element.start < previous.element.end {
            problems.append(
                Wording(
                    it: "Le sessioni \(previous.offset + 1) e \(next.offset + 1) si sovrappongono.",
                    en: "Sessions \(previous.offset + 1) and \(next.offset + 1) overlap."))
        }
        let sessions = ordered.map {
            WorkSession(start: $0.element.start, end: $0.element.end, travelMinutes: $0.element.travelMinutes)
        }
        let total = sessions.filter { $0.end > $0.start }.reduce(0) { $0 + $1.workedMinutes }
        if total > maxWorkedMinutes {
            problems.append(
                Wording(
                    it:
                        "Le sessioni sommano \(total) minuti: un rapportino copre al massimo \(maxWorkedMinutes) minuti.",
                    en: "The sessions add up to \(total) minutes: a report covers at most \(maxWorkedMinutes) minutes.")
            )
        }
        return sessions
    }

    /// The material lines as the event carries them, with a problem for each empty or unknown
    /// code and each quantity that is not greater than zero.
    static func checkMaterials(
        _ drafts: [ReportDraft.Material], catalogue: ArticleCatalogue, into problems: inout [Wording]
    ) -> [MaterialLine] {
        if drafts.count > maxMaterials {
            problems.append(
                Wording(
                    it: "Un rapportino può elencare al massimo \(maxMaterials) materiali.",
                    en: "A report can list at most \(maxMaterials) materials."))
        }
        return drafts.enumerated().map { index, material in
            let number = index + 1
            let code = material.articleCode.trimmed
            var description = material.description.trimmed
            if code.isEmpty {
                problems.append(
                    Wording(
                        it: "Materiale \(number): manca il codice articolo.",
                        en: "Material line \(number) needs an article code."))
            } else if code.count > maxArticleCodeLength {
                problems.append(
                    Wording(
                        it: "Materiale \(number): il codice supera i \(maxArticleCodeLength) caratteri.",
                        en:
                            "Material line \(number): the article code is longer than \(maxArticleCodeLength) characters."
                    ))
            } else if catalogue.isKnown {
                if let article = catalogue.articles[code] {
                    if !article.active {
                        problems.append(
                            Wording(
                                it: "Materiale \(number): l'articolo \(code) è fuori catalogo.",
                                en: "Material line \(number): article \(code) has been retired from the catalogue."))
                    }
                    if description.isEmpty { description = article.description }
                } else {
                    problems.append(
                        Wording(
                            it: "Materiale \(number): l'articolo \(code) non è nel catalogo.",
                            en: "Material line \(number): article \(code) is not in the catalogue."))
                }
            }
            if description.count > maxDescriptionLength {
                problems.append(
                    Wording(
                        it: "Materiale \(number): la descrizione supera i \(maxDescriptionLength) caratteri.",
                        en:
                            "Material line \(number): the description is longer than \(maxDescriptionLength) characters."
                    ))
            }
            if !(material.quantity.isFinite && material.quantity > 0) {
                let name = code.isEmpty ? "-" : code
                problems.append(
                    Wording(
                        it: "Materiale \(number) (\(name)): la quantità deve essere maggiore di zero.",
                        en: "Material line \(number) (\(name)): the quantity must be greater than zero."))
            }
            return MaterialLine(articleCode: code, description: description, quantity: material.quantity)
        }
    }
}
