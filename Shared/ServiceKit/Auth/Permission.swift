public import AriannaWording

/// What a user (or an API client) may do (R1). The same six words in every service, so a
/// session minted by intake means the same thing on the planner or in billing.
public enum Permission: String, CaseIterable, Codable, Sendable, Comparable {
    /// Open tickets (call-centre form, API, CSV import).
    case ticketsOpen = "tickets.open"
    /// See tickets, activity types and operators.
    case ticketsRead = "tickets.read"
    /// Schedule tickets and appointments in the planner (back office).
    case plannerSchedule = "planner.schedule"
    /// Edit the setup tables: users, API keys, activity types, practices…
    case setupEdit = "setup.edit"
    /// Fill in web reports (technicians).
    case reportsFill = "reports.fill"
    /// See billing documents.
    case billingRead = "billing.read"
    /// Keep the article catalogue and check, edit and confirm billing documents (billing clerk).
    case billingEdit = "billing.edit"
    /// Enter stock receipts and transfers, keep bills of materials (warehouse keeper).
    case stockEdit = "stock.edit"

    /// The permission's name for the admin pages and the "not allowed" page.
    public func label(in language: PageLanguage) -> String {
        switch (self, language) {
        case (.ticketsOpen, .it): "Aprire ticket"
        case (.ticketsOpen, .en): "Open tickets"
        case (.ticketsRead, .it): "Vedere ticket"
        case (.ticketsRead, .en): "See tickets"
        case (.plannerSchedule, .it): "Pianificare nel planner"
        case (.plannerSchedule, .en): "Schedule in the planner"
        case (.setupEdit, .it): "Modificare le tabelle di setup"
        case (.setupEdit, .en): "Edit setup tables"
        case (.reportsFill, .it): "Compilare rapportini web"
        case (.reportsFill, .en): "Fill in web reports"
        case (.billingRead, .it): "Vedere la fatturazione"
        case (.billingRead, .en): "See billing"
        case (.billingEdit, .it): "Gestire articoli e documenti di fatturazione"
        case (.billingEdit, .en): "Manage articles and billing documents"
        case (.stockEdit, .it): "Gestire magazzino e distinte base"
        case (.stockEdit, .en): "Manage stock and bills of materials"
        }
    }

    /// Orders permissions as declared, so lists look the same everywhere.
    public static func < (lhs: Permission, rhs: Permission) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
