/// What a technician submits to close an intervention (SPEC R18): the work done, the time it
/// took and the materials used. Decoded from the request body, then checked by ``problems()``
/// before anything is written.
struct ReportDraft: Decodable, Sendable, Equatable {
    /// One material line as typed on the phone.
    struct Material: Decodable, Sendable, Equatable {
        /// The article code in billing/production's catalogue (e.g. `FILTER-01`).
        var articleCode: String
        /// Free text; may be empty.
        var description: String
        /// In the article's unit; greater than zero.
        var quantity: Double

        init(articleCode: String, description: String = "", quantity: Double) {
            self.articleCode = articleCode
            self.description = description
            self.quantity = quantity
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            articleCode = try container.decode(String.self, forKey: .articleCode)
            description = try container.decodeIfPresent(String.self, forKey: .description) ?? ""
            quantity = try container.decode(Double.self, forKey: .quantity)
        }

        private enum CodingKeys: String, CodingKey { case articleCode, description, quantity }
    }

    /// What was done, in the technician's words; required.
    var workDone: String
    /// Minutes worked, 1…1440 (one intervention never spans more than a day).
    var workedMinutes: Int
    /// Materials used; absent means none.
    var materials: [Material]

    /// Upper bounds that keep a mistyped or hostile report from bloating the store and the events.
    static let workedMinutesRange = 1...1440
    static let maxWorkDoneLength = 10_000
    static let maxMaterials = 200
    static let maxArticleCodeLength = 64
    static let maxDescriptionLength = 500

    init(workDone: String, workedMinutes: Int, materials: [Material] = []) {
        self.workDone = workDone
        self.workedMinutes = workedMinutes
        self.materials = materials
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        workDone = try container.decode(String.self, forKey: .workDone)
        workedMinutes = try container.decode(Int.self, forKey: .workedMinutes)
        materials = try container.decodeIfPresent([Material].self, forKey: .materials) ?? []
    }

    private enum CodingKeys: String, CodingKey { case workDone, workedMinutes, materials }

    /// Every rule the draft breaks, as sentences for the technician; empty when it can be filed.
    func problems() -> [String] {
        var problems: [String] = []
        let work = workDone.trimmed
        if work.isEmpty {
            problems.append("Describe the work done.")
        } else if work.count > Self.maxWorkDoneLength {
            problems.append("The description of the work done is longer than \(Self.maxWorkDoneLength) characters.")
        }
        if !Self.workedMinutesRange.contains(workedMinutes) {
            problems.append("Worked minutes must be between 1 and 1440, not \(workedMinutes).")
        }
        if materials.count > Self.maxMaterials {
            problems.append("A report can list at most \(Self.maxMaterials) materials.")
        }
        for (index, material) in materials.enumerated() {
            let line = "Material line \(index + 1)"
            let code = material.articleCode.trimmed
            if code.isEmpty {
                problems.append("\(line) needs an article code.")
            } else if code.count > Self.maxArticleCodeLength {
                problems.append("\(line): the article code is longer than \(Self.maxArticleCodeLength) characters.")
            }
            if material.description.trimmed.count > Self.maxDescriptionLength {
                problems.append("\(line): the description is longer than \(Self.maxDescriptionLength) characters.")
            }
            if !(material.quantity.isFinite && material.quantity > 0) {
                problems.append("\(line) (\(code.isEmpty ? "no code" : code)): the quantity must be greater than zero.")
            }
        }
        return problems
    }
}
