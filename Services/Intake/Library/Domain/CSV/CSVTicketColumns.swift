/// The columns of a ticket import file that are not custom fields, as matched after
/// normalising (lower case, spaces and hyphens as `_`): what the import reads and what the
/// refusal of a file lacking some of them lists.
package enum CSVTicketColumns {
    /// The columns the import reads besides the type's layout fields.
    package static let known = [
        "activity_type", "customer_name", "customer_email", "site_zone", "description", "due_date", "external_id"
    ]
    /// The columns every file must have.
    package static let required = ["activity_type", "customer_name", "description"]
}
