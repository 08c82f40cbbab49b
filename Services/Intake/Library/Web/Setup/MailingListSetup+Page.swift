/// How the setup pages show mailing lists (R14): their list row and their form.
extension MailingListSetup: SetupPageKind {
    /// The wording key of the list page's title.
    static let titleKey = "setupMailingLists"
    /// The wording keys of the list's columns: the name and the addresses.
    static let columnKeys = ["fieldName", "fieldAddresses"]
    /// A list's row: its name and its addresses.
    static func cells(_ item: MailingListRecord) -> [SetupCell] {
        [SetupCell(text: item.name), SetupCell(text: item.addresses.joined(separator: ", "))]
    }
    /// The form: name, addresses, the events that write to the list, and the practices and
    /// activity types it follows.
    static func form(_ choices: SetupChoices) -> SetupForm {
        SetupForm(sections: [
            .init(
                titleKey: "sectionGeneral",
                fields: [
                    .init(name: "name", labelKey: "fieldName", control: .text, required: true),
                    .init(name: "addresses", labelKey: "fieldAddresses", control: .list, required: true),
                    .init(
                        name: "events", labelKey: "fieldEvents",
                        control: .checkboxes(triggers.map { SetupForm.Option(value: $0.value, label: $0.label) })),
                    .init(
                        name: "practiceIDs", labelKey: "fieldPracticesFollowed", control: .checkboxes(choices.practices)
                    ),
                    .init(
                        name: "activityTypeIDs", labelKey: "fieldActivityTypesFollowed",
                        control: .checkboxes(choices.activityTypes))
                ])
        ])
    }
    /// The form filled with a stored list.
    static func values(_ item: MailingListRecord) -> FormValues {
        var values = FormValues()
        values.set("name", item.name)
        values.set("addresses", item.addresses.joined(separator: ", "))
        values.set("events", list: item.events)
        values.set("practiceIDs", list: item.practiceIDs)
        values.set("activityTypeIDs", list: item.activityTypeIDs)
        return values
    }
}
