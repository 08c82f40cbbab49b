import Foundation
import GRDB
import IntakeDomain

/// The choices setup forms offer, read once per page.
struct SetupChoices: Sendable {
    /// The active practices, for an activity type's practice.
    var practices: [SetupForm.Option] = []
    /// The active numbering sequences, for an activity type's numbering.
    var sequences: [SetupForm.Option] = []
    /// Every activity type's code, for a follow-up rule's target.
    var activityTypeCodes: [SetupForm.Option] = []
    /// The active groups, for operators and a type's back-office group.
    var groups: [SetupForm.Option] = []
    /// Activity types by id (a mailing list follows ids, not codes).
    var activityTypes: [SetupForm.Option] = []

    /// Reads every choice in one read transaction.
    static func load(_ db: Database) throws -> SetupChoices {
        SetupChoices(
            practices: try PracticeRecord.filter(Column("active") == true).order(Column("name")).fetchAll(db)
                .map { .init(value: $0.id, label: $0.name) },
            sequences: try SequenceDefinitionRecord.filter(Column("active") == true).order(Column("prefix")).fetchAll(
                db
            )
            .map { .init(value: $0.prefix, label: "\($0.prefix) — \($0.name)") },
            activityTypeCodes: try ActivityTypeRecord.order(Column("code")).fetchAll(db)
                .map { .init(value: $0.code, label: "\($0.code) — \($0.name)") },
            groups: try OperatorGroupRecord.filter(Column("active") == true).order(Column("name")).fetchAll(db)
                .map { .init(value: $0.name, label: $0.name) },
            activityTypes: try ActivityTypeRecord.filter(Column("active") == true).order(Column("code")).fetchAll(db)
                .map { .init(value: $0.id, label: "\($0.code) — \($0.name)") })
    }
}

/// One cell of a list row: text, optionally with a colour swatch.
struct SetupCell: Sendable {
    /// What the cell says.
    let text: String
    /// A colour swatch shown before the text (states, types).
    var colour: String? = nil
}

/// How a setup kind appears in the admin pages.
protocol SetupPageKind: SetupKind {
    /// Key of the plural title ("Groups").
    static var titleKey: String { get }
    /// Keys of the list's column headings.
    static var columnKeys: [String] { get }
    /// The cells of the item's row, in `columnKeys` order.
    static func cells(_ item: Item) -> [SetupCell]
    /// The form's sections and inputs, with the choices it offers.
    static func form(_ choices: SetupChoices) -> SetupForm
    /// The stored item as form values.
    static func values(_ item: Item) -> FormValues
}

private func options<T: CaseIterable & RawRepresentable>(_: T.Type, prefix: String) -> [SetupForm.Option]
where T.RawValue == String {
    T.allCases.map { SetupForm.Option(value: $0.rawValue, label: "\(prefix)\($0.rawValue)") }
}

/// Enumerations show their value translated through `opt.<value>` strings, looked up by the page.
private func enumOptions<T: CaseIterable & RawRepresentable>(_ type: T.Type) -> [SetupForm.Option]
where T.RawValue == String {
    options(type, prefix: "")
}

extension GroupSetup: SetupPageKind {
    /// The wording key of the groups' page title.
    static let titleKey = "setupGroups"
    /// The wording keys of the groups' list columns.
    static let columnKeys = ["fieldName"]
    /// A group's row in the list.
    static func cells(_ item: OperatorGroupRecord) -> [SetupCell] { [SetupCell(text: item.name)] }
    /// The group form's sections and inputs.
    static func form(_ choices: SetupChoices) -> SetupForm {
        SetupForm(sections: [
            .init(
                titleKey: "sectionGeneral",
                fields: [.init(name: "name", labelKey: "fieldName", control: .text, required: true)])
        ])
    }
    /// The form filled with a stored group.
    static func values(_ item: OperatorGroupRecord) -> FormValues {
        var values = FormValues()
        values.set("name", item.name)
        return values
    }
}

extension OperatorSetup: SetupPageKind {
    /// The wording key of the operators' page title.
    static let titleKey = "setupOperators"
    /// The wording keys of the operators' list columns.
    static let columnKeys = ["fieldName", "fieldEmail", "fieldGroups"]
    /// A operator's row in the list.
    static func cells(_ item: OperatorRecord) -> [SetupCell] {
        [
            SetupCell(text: item.name), SetupCell(text: item.email ?? ""),
            SetupCell(text: item.groups.joined(separator: ", "))
        ]
    }
    /// The operator form's sections and inputs.
    static func form(_ choices: SetupChoices) -> SetupForm {
        SetupForm(sections: [
            .init(
                titleKey: "sectionGeneral",
                fields: [
                    .init(name: "name", labelKey: "fieldName", control: .text, required: true),
                    .init(name: "email", labelKey: "fieldEmail", control: .email),
                    .init(name: "groups", labelKey: "fieldGroups", control: .checkboxes(choices.groups))
                ])
        ])
    }
    /// The form filled with a stored operator.
    static func values(_ item: OperatorRecord) -> FormValues {
        var values = FormValues()
        values.set("name", item.name)
        values.set("email", item.email)
        values.set("groups", list: item.groups)
        return values
    }
}

extension PracticeSetup: SetupPageKind {
    /// The wording key of the practices' page title.
    static let titleKey = "setupPractices"
    /// The wording keys of the practices' list columns.
    static let columnKeys = ["fieldCode", "fieldName"]
    /// A practice's row in the list.
    static func cells(_ item: PracticeRecord) -> [SetupCell] {
        [SetupCell(text: item.code), SetupCell(text: item.name)]
    }
    /// The practice form's sections and inputs.
    static func form(_ choices: SetupChoices) -> SetupForm {
        SetupForm(sections: [
            .init(
                titleKey: "sectionGeneral",
                fields: [
                    .init(name: "code", labelKey: "fieldCode", control: .text, required: true),
                    .init(name: "name", labelKey: "fieldName", control: .text, required: true)
                ])
        ])
    }
    /// The form filled with a stored practice.
    static func values(_ item: PracticeRecord) -> FormValues {
        var values = FormValues()
        values.set("code", item.code)
        values.set("name", item.name)
        return values
    }
}

extension ActivityStateSetup: SetupPageKind {
    /// The wording key of the activity states' page title.
    static let titleKey = "setupStates"
    /// The wording keys of the activity states' list columns.
    static let columnKeys = ["fieldCode", "fieldName", "fieldFinalShort", "fieldPosition"]
    /// A activity state's row in the list.
    static func cells(_ item: ActivityStateRecord) -> [SetupCell] {
        [
            SetupCell(text: item.code), SetupCell(text: item.name, colour: item.colour),
            SetupCell(text: item.isFinal ? "✓" : ""), SetupCell(text: String(item.position))
        ]
    }
    /// The activity state form's sections and inputs.
    static func form(_ choices: SetupChoices) -> SetupForm {
        SetupForm(sections: [
            .init(
                titleKey: "sectionGeneral",
                fields: [
                    .init(name: "code", labelKey: "fieldCode", control: .text, required: true),
                    .init(name: "name", labelKey: "fieldName", control: .text, required: true),
                    .init(name: "colour", labelKey: "fieldColour", control: .colour, required: true),
                    .init(name: "isFinal", labelKey: "fieldFinal", control: .checkbox),
                    .init(name: "position", labelKey: "fieldPosition", control: .number)
                ])
        ])
    }
    /// The form filled with a stored activity state.
    static func values(_ item: ActivityStateRecord) -> FormValues {
        var values = FormValues()
        values.set("code", item.code)
        values.set("name", item.name)
        values.set("colour", item.colour)
        values.set("isFinal", item.isFinal)
        values.set("position", String(item.position))
        return values
    }
}

extension SequenceSetup: SetupPageKind {
    /// The wording key of the numbering sequences' page title.
    static let titleKey = "setupSequences"
    /// The wording keys of the numbering sequences' list columns.
    static let columnKeys = ["fieldPrefix", "fieldName", "fieldFormat"]
    /// A numbering sequence's row in the list.
    static func cells(_ item: SequenceDefinitionRecord) -> [SetupCell] {
        [SetupCell(text: item.prefix), SetupCell(text: item.name), SetupCell(text: item.example(year: 2026))]
    }
    /// The numbering sequence form's sections and inputs.
    static func form(_ choices: SetupChoices) -> SetupForm {
        SetupForm(sections: [
            .init(
                titleKey: "sectionGeneral",
                fields: [
                    .init(name: "prefix", labelKey: "fieldPrefix", control: .text, required: true, createOnly: true),
                    .init(name: "name", labelKey: "fieldName", control: .text, required: true),
                    .init(name: "padding", labelKey: "fieldPadding", control: .number, required: true)
                ])
        ])
    }
    /// The form filled with a stored numbering sequence.
    static func values(_ item: SequenceDefinitionRecord) -> FormValues {
        var values = FormValues()
        values.set("prefix", item.prefix)
        values.set("name", item.name)
        values.set("padding", String(item.padding))
        return values
    }
}

extension CustomerSetupKind: SetupPageKind {
    /// The wording key of the customers' page title.
    static let titleKey = "setupCustomers"
    /// The wording keys of the customers' list columns.
    static let columnKeys = ["fieldName", "fieldEmail", "fieldPhone", "fieldZones"]
    /// A customer's row in the list.
    static func cells(_ item: CustomerSetup) -> [SetupCell] {
        [
            SetupCell(text: item.customer.name), SetupCell(text: item.customer.email ?? ""),
            SetupCell(text: item.customer.phone ?? ""), SetupCell(text: item.snapshot.zones.joined(separator: ", "))
        ]
    }
    /// The customer form's sections and inputs.
    static func form(_ choices: SetupChoices) -> SetupForm {
        SetupForm(sections: [
            .init(
                titleKey: "sectionGeneral",
                fields: [
                    .init(name: "name", labelKey: "fieldName", control: .text, required: true),
                    .init(name: "email", labelKey: "fieldEmail", control: .email),
                    .init(name: "phone", labelKey: "fieldPhone", control: .text),
                    .init(name: "vatNumber", labelKey: "fieldVATNumber", control: .text),
                    .init(name: "fiscalCode", labelKey: "fieldFiscalCode", control: .text),
                    .init(name: "billingAddress", labelKey: "fieldBillingAddress", control: .text),
                    .init(
                        name: "language", labelKey: "fieldEmailLanguage",
                        control: .select(
                            [.init(value: "it", label: "Italiano"), .init(value: "en", label: "English")],
                            clearable: true))
                ],
                rows: [
                    .init(
                        name: "sites", titleKey: "fieldSites",
                        columns: [
                            .init(name: "id", labelKey: "fieldID", control: .hidden),
                            .init(name: "name", labelKey: "fieldSiteName", control: .text, required: true),
                            .init(name: "address", labelKey: "fieldAddress", control: .text),
                            .init(name: "zone", labelKey: "fieldZone", control: .text, required: true),
                            .init(name: "contactEmail", labelKey: "fieldSiteContactEmail", control: .email)
                        ])
                ])
        ])
    }
    /// The form filled with a stored customer.
    static func values(_ item: CustomerSetup) -> FormValues {
        var values = FormValues()
        values.set("name", item.customer.name)
        values.set("email", item.customer.email)
        values.set("phone", item.customer.phone)
        values.set("vatNumber", item.customer.vatNumber)
        values.set("fiscalCode", item.customer.fiscalCode)
        values.set("billingAddress", item.customer.billingAddress)
        values.set("language", item.customer.language)
        for (index, site) in item.sites.filter(\.active).enumerated() {
            values.set("sites.\(index).id", site.id)
            values.set("sites.\(index).name", site.name)
            values.set("sites.\(index).address", site.address)
            values.set("sites.\(index).zone", site.zone)
            values.set("sites.\(index).contactEmail", site.contactEmail)
        }
        return values
    }
}

extension ActivityTypeSetup: SetupPageKind {
    /// The wording key of the activity types' page title.
    static let titleKey = "setupActivityTypes"
    /// The wording keys of the activity types' list columns.
    static let columnKeys = ["fieldCode", "fieldName", "fieldMacroType", "fieldRegistration", "fieldSequence"]
    /// A activity type's row in the list.
    static func cells(_ item: ActivityTypeRecord) -> [SetupCell] {
        [
            SetupCell(text: item.code), SetupCell(text: item.name, colour: item.colour),
            SetupCell(text: item.macroType.rawValue),
            SetupCell(text: item.registrationType.rawValue), SetupCell(text: item.numberingPrefix)
        ]
    }
    /// The activity type form's sections and inputs.
    static func form(_ choices: SetupChoices) -> SetupForm {
        SetupForm(sections: [
            .init(
                titleKey: "paletteGeneral",
                fields: [
                    .init(name: "code", labelKey: "fieldCode", control: .text, required: true),
                    .init(name: "name", labelKey: "fieldName", control: .text, required: true),
                    .init(
                        name: "practiceID", labelKey: "fieldPractice",
                        control: .select(choices.practices, clearable: true)),
                    .init(
                        name: "macroType", labelKey: "fieldMacroType",
                        control: .select(
                            [
                                .init(value: "call", label: "call"), .init(value: "appointment", label: "appointment"),
                                .init(value: "task", label: "task")
                            ], clearable: false), required: true),
                    .init(name: "expectedDurationMinutes", labelKey: "fieldDuration", control: .number, required: true),
                    .init(
                        name: "numberingPrefix", labelKey: "fieldSequence",
                        control: .select(choices.sequences, clearable: false), required: true),
                    .init(name: "notifyAssignee", labelKey: "fieldNotify", control: .checkbox),
                    .init(
                        name: "backOfficeGroup", labelKey: "fieldBackOfficeGroup",
                        control: .select(choices.groups, clearable: true))
                ],
                rows: [
                    .init(
                        name: "layout", titleKey: "fieldLayout",
                        columns: [
                            .init(name: "key", labelKey: "fieldKey", control: .text, required: true),
                            .init(name: "label", labelKey: "fieldLabel", control: .text, required: true),
                            .init(
                                name: "kind", labelKey: "fieldKind",
                                control: .select(enumOptions(LayoutField.Kind.self), clearable: false)),
                            .init(name: "required", labelKey: "fieldRequired", control: .checkbox),
                            .init(name: "choices", labelKey: "fieldChoices", control: .list)
                        ])
                ]),
            .init(
                titleKey: "paletteBilling",
                fields: [
                    .init(
                        name: "registrationType", labelKey: "fieldRegistration",
                        control: .select(enumOptions(RegistrationType.self), clearable: false), required: true),
                    .init(name: "colour", labelKey: "fieldPlannerColour", control: .colour, required: true)
                ],
                rows: [
                    .init(
                        name: "billingArticles", titleKey: "fieldArticles",
                        columns: [
                            .init(name: "code", labelKey: "fieldArticleCode", control: .text, required: true),
                            .init(name: "description", labelKey: "fieldDescription", control: .text, required: true),
                            .init(name: "quantity", labelKey: "fieldQuantity", control: .decimal, required: true),
                            .init(
                                name: "unitPriceCents", labelKey: "fieldUnitPriceCents", control: .number,
                                required: true)
                        ])
                ]),
            .init(
                titleKey: "paletteProduction",
                fields: [
                    .init(name: "productionOrder.documentType", labelKey: "fieldDocumentType", control: .text),
                    .init(name: "productionOrder.articleCode", labelKey: "fieldArticleCode", control: .text),
                    .init(name: "productionOrder.quantity", labelKey: "fieldQuantity", control: .decimal)
                ], optionalObject: "productionOrder"),
            .init(
                titleKey: "paletteFollowUps",
                rows: [
                    .init(
                        name: "followUpRules", titleKey: "fieldFollowUps",
                        columns: [
                            .init(
                                name: "trigger", labelKey: "fieldTrigger",
                                control: .select(enumOptions(FollowUpRule.Trigger.self), clearable: false)),
                            .init(
                                name: "targetActivityTypeCode", labelKey: "fieldTarget", control: .text, required: true),
                            .init(name: "recurrence.count", labelKey: "fieldEvery", control: .number, required: true),
                            .init(
                                name: "recurrence.unit", labelKey: "fieldUnit",
                                control: .select(enumOptions(FollowUpRule.Recurrence.Unit.self), clearable: false)),
                            .init(
                                name: "baseDate", labelKey: "fieldBaseDate",
                                control: .select(enumOptions(FollowUpRule.BaseDate.self), clearable: false))
                        ])
                ])
        ])
    }
    /// The form filled with a stored activity type.
    static func values(_ item: ActivityTypeRecord) -> FormValues {
        var values = FormValues()
        values.set("code", item.code)
        values.set("name", item.name)
        values.set("practiceID", item.practiceID)
        values.set("macroType", item.macroType.rawValue)
        values.set("expectedDurationMinutes", String(item.expectedDurationMinutes))
        values.set("numberingPrefix", item.numberingPrefix)
        values.set("notifyAssignee", item.notifyAssignee)
        values.set("backOfficeGroup", item.backOfficeGroup)
        for (index, field) in item.layout.enumerated() {
            values.set("layout.\(index).key", field.key)
            values.set("layout.\(index).label", field.label)
            values.set("layout.\(index).kind", field.kind.rawValue)
            values.set("layout.\(index).required", field.required)
            values.set("layout.\(index).choices", field.choices.joined(separator: ", "))
        }
        values.set("registrationType", item.registrationType.rawValue)
        values.set("colour", item.colour)
        for (index, article) in item.billingArticles.enumerated() {
            values.set("billingArticles.\(index).code", article.code)
            values.set("billingArticles.\(index).description", article.description)
            values.set("billingArticles.\(index).quantity", SetupForm.decimal(article.quantity))
            values.set("billingArticles.\(index).unitPriceCents", String(article.unitPriceCents))
        }
        if let order = item.productionOrder {
            values.set("productionOrder.documentType", order.documentType)
            values.set("productionOrder.articleCode", order.articleCode)
            values.set("productionOrder.quantity", SetupForm.decimal(order.quantity))
        }
        for (index, rule) in item.followUpRules.enumerated() {
            values.set("followUpRules.\(index).trigger", rule.trigger.rawValue)
            values.set("followUpRules.\(index).targetActivityTypeCode", rule.targetActivityTypeCode)
            values.set("followUpRules.\(index).recurrence.count", String(rule.recurrence.count))
            values.set("followUpRules.\(index).recurrence.unit", rule.recurrence.unit.rawValue)
            values.set("followUpRules.\(index).baseDate", rule.baseDate.rawValue)
        }
        return values
    }
}

extension SetupForm {
    /// `1.0` → `1`, `2.5` → `2.5`.
    static func decimal(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
