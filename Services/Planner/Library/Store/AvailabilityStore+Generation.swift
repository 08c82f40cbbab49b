import Foundation
import GRDB
public import PlannerDomain

// "Generate recurrences" (R8): presence rules become presences for a range of days. It runs as
// a job so a large range shows progress and never holds the single SQLite writer for long: the
// operator-months are written in transactions of at most `chunkRows` presences (a few
// milliseconds each), each also advancing the job's counters, so the board's drops get the
// writer between any two of them. Each transaction first reads which of its presences exist
// (one index range per operator-month) and inserts only the others, so a run that creates
// nothing binds nothing.

extension AvailabilityStore {
    /// Queues a generation and returns the pending job (the API answers 202 with it). One job
    /// at a time: a second request while one is pending or running is refused.
    public func startGeneration(_ request: GeneratePresences) async throws -> GenerationJobRecord {
        try request.validate()
        let now = clock.now()
        let id = ids.next()
        let operatorIDs = request.operatorIDs.map { Array(Set($0)).sorted() }
        let months = request.months.count
        return try await database.write { db in
            if let active =
                try GenerationJobRecord
                .filter(
                    [GenerationJobRecord.State.pending.rawValue, GenerationJobRecord.State.running.rawValue]
                        .contains(GenerationJobRecord.Columns.state)
                )
                .fetchOne(db)
            {
                throw AvailabilityError.generationRunning(jobID: active.id)
            }
            if let operatorIDs { try Self.requireOperators(operatorIDs, in: db) }
            let operators = try operatorIDs?.count ?? OperatorRecord.fetchCount(db)
            let job = GenerationJobRecord(
                id: id, fromDay: request.from, toDay: request.to, operatorIDs: operatorIDs,
                total: operators * months, createdAt: now, updatedAt: now)
            try job.insert(db)
            return job
        }
    }

    /// A job, for its progress.
    public func generationJob(id: String) async throws -> GenerationJobRecord {
        try await database.read { db in
            guard let job = try GenerationJobRecord.fetchOne(db, key: id) else {
                throw AvailabilityError.generationJobNotFound(id)
            }
            return job
        }
    }

    /// Runs every pending job, oldest first, and returns them finished. Called by
    /// `PresenceGenerationWorker`; tests call it directly.
    @discardableResult
    public func runPendingGenerations() async throws -> [GenerationJobRecord] {
        var finished: [GenerationJobRecord] = []
        while let job = try await database.read({ db in
            try GenerationJobRecord.filter(
                GenerationJobRecord.Columns.state == GenerationJobRecord.State.pending.rawValue
            )
            .order(GenerationJobRecord.Columns.createdAt).fetchOne(db)
        }) {
            finished.append(try await run(job))
        }
        return finished
    }

    /// Puts jobs interrupted by a stop back in the queue; generation is idempotent, so running
    /// them again from the start only writes what is missing.
    public func requeueInterruptedGenerations() async throws {
        _ = try await database.write { db in
            try GenerationJobRecord
                .filter(GenerationJobRecord.Columns.state == GenerationJobRecord.State.running.rawValue)
                .updateAll(
                    db,
                    GenerationJobRecord.Columns.state.set(to: GenerationJobRecord.State.pending.rawValue),
                    GenerationJobRecord.Columns.processed.set(to: 0),
                    GenerationJobRecord.Columns.created.set(to: 0),
                    GenerationJobRecord.Columns.unchanged.set(to: 0))
        }
    }

    /// Runs one job to the end; a failure is recorded on the job and rethrown.
    func run(_ pending: GenerationJobRecord) async throws -> GenerationJobRecord {
        var job = pending
        let chosen = pending.operatorIDs
        let operatorIDs = try await database.read { db in
            try chosen
                ?? String.fetchAll(
                    db, OperatorRecord.select(OperatorRecord.Columns.id).order(OperatorRecord.Columns.id))
        }
        let months = GeneratePresences(from: job.fromDay, to: job.toDay).months
        job.state = .running
        job.total = operatorIDs.count * months.count
        job.processed = 0
        job.created = 0
        job.unchanged = 0
        job.updatedAt = clock.now()
        try await save(job)
        var instants = LocalInstants(timeZone: timeZone)
        do {
            // Every rule in one read, instead of one read per operator.
            let rulesByOperator = try await database.read { db in
                let request =
                    chosen.map { PresenceRuleRecord.filter($0.contains(PresenceRuleRecord.Columns.operatorID)) }
                    ?? PresenceRuleRecord.all()
                return Dictionary(grouping: try request.fetchAll(db), by: \.operatorID)
            }
            var chunk: [OperatorMonth] = []
            var chunkRows = 0
            for operatorID in operatorIDs {
                let rules = rulesByOperator[operatorID] ?? []
                for month in months {
                    let rows = Self.presences(of: rules, from: month.from, to: month.to, using: &instants)
                    chunk.append(OperatorMonth(operatorID: operatorID, rows: rows.map(GeneratedPresence.init)))
                    chunkRows += rows.count
                    if chunkRows >= Self.chunkRows {
                        job = try await write(chunk, advancing: job)
                        chunk.removeAll(keepingCapacity: true)
                        chunkRows = 0
                    }
                }
            }
            if !chunk.isEmpty { job = try await write(chunk, advancing: job) }
            job.state = .done
            job.updatedAt = clock.now()
            try await save(job)
            return job
        } catch {
            job.state = .failed
            job.message =
                "Generation stopped after \(job.processed) of \(job.total) operator-months; run it again to finish (nothing is generated twice)."
            job.updatedAt = clock.now()
            try? await save(job)
            throw error
        }
    }

    /// The presences `rules` generate for days [from, to] (pure, through the instant cache).
    static func presences(
        of rules: [PresenceRuleRecord], from: LocalDate, to: LocalDate, using instants: inout LocalInstants
    ) -> [PresenceRecord] {
        var rows: [PresenceRecord] = []
        for rule in rules {
            let recurrence = rule.recurrence
            for dayNumber in from.dayNumber...to.dayNumber {
                let day = LocalDate(dayNumber: dayNumber)
                guard recurrence.occurs(on: day) else { continue }
                let slot = recurrence.slot(on: day, using: &instants)
                guard slot.end > slot.start else { continue }
                rows.append(
                    PresenceRecord(
                        operatorID: rule.operatorID, zone: rule.zone, start: slot.start, end: slot.end, ruleID: rule.id)
                )
            }
        }
        return rows
    }

    /// Presences per write transaction: about 2,000 rows hold the writer for a few milliseconds.
    static let chunkRows = 2_000

    /// The presences of one operator-month, with the text of their dates as the store keeps it.
    struct OperatorMonth {
        /// Whose presences.
        let operatorID: String
        /// The month's presences as the rules generate them.
        let rows: [GeneratedPresence]
    }

    /// A presence to write, its dates already in `DatabaseDateText` form (the unique key compares text).
    struct GeneratedPresence {
        /// Where the operator is.
        let zone: String
        /// When the presence begins, as the store writes dates.
        let start: String
        /// When it ends, as the store writes dates.
        let end: String
        /// The rule that generated it.
        let ruleID: String?

        /// The presence `record` describes, its dates formatted once.
        init(_ record: PresenceRecord) {
            zone = record.zone
            start = DatabaseDateText.format(record.start)
            end = DatabaseDateText.format(record.end)
            ruleID = record.ruleID
        }
    }

    /// `presence_unique`'s columns after the operator: what makes two presences the same.
    struct PresenceKey: Hashable {
        /// When the presence begins, as stored.
        let start: String
        /// When it ends, as stored.
        let end: String
        /// Where.
        let zone: String
    }

    /// One chunk of operator-months: inserts what is missing and advances the job, in one
    /// transaction. The presences already stored are read first from `presence_unique` (one index
    /// range per operator-month) and skipped; `INSERT OR IGNORE` still guards the unique key
    /// against two rules generating the same presence.
    private func write(_ chunk: [OperatorMonth], advancing job: GenerationJobRecord) async throws -> GenerationJobRecord
    {
        let now = clock.now()
        return try await database.write { db in
            var job = job
            // Raw on purpose: a year of presences binds millions of rows; cached statements and text dates (measured).
            let existing = try db.cachedStatement(sql: Self.existingPresencesSQL)
            let insert = try db.cachedStatement(
                sql: """
                    INSERT OR IGNORE INTO presence (operatorID, zone, start, "end", ruleID) VALUES (?, ?, ?, ?, ?)
                    """)
            var created = 0
            var generated = 0
            for month in chunk {
                generated += month.rows.count
                guard let first = month.rows.map(\.start).min(), let last = month.rows.map(\.start).max() else {
                    continue
                }
                var stored = Set<PresenceKey>()
                let rows = try Row.fetchCursor(existing, arguments: [month.operatorID, first, last])
                while let row = try rows.next() {
                    stored.insert(PresenceKey(start: row[0], end: row[1], zone: row[2]))
                }
                for row in month.rows
                where !stored.contains(PresenceKey(start: row.start, end: row.end, zone: row.zone)) {
                    insert.setUncheckedArguments([month.operatorID, row.zone, row.start, row.end, row.ruleID])
                    try insert.execute()
                    created += db.changesCount
                }
            }
            job.processed += chunk.count
            job.created += created
            job.unchanged += generated - created
            job.updatedAt = now
            try job.update(
                db,
                columns: [
                    GenerationJobRecord.Columns.processed, GenerationJobRecord.Columns.created,
                    GenerationJobRecord.Columns.unchanged, GenerationJobRecord.Columns.updatedAt
                ])
            return job
        }
    }

    /// The stored presences of one operator with a start in [?, ?]: a range of `presence_unique`,
    /// answered from the index alone (checked by `PresenceGenerationPlanTests`).
    static let existingPresencesSQL = """
        SELECT start, "end", zone FROM presence WHERE operatorID = ? AND start >= ? AND start <= ?
        """

    private func save(_ job: GenerationJobRecord) async throws {
        try await database.write { db in try job.update(db) }
    }
}
