/// The planner's own sub-menu, shown above the board and the availability pages (R6–R9, R12):
/// one place to move between the board and the tables that decide where it is white or grey.
enum PlannerMenu {
    /// The pages in menu order.
    enum Page: String, CaseIterable, Sendable {
        /// The board, working hours, operator links, presences and absences.
        case board, hours, links, presences, absences

        /// Where the page is served.
        var path: String {
            switch self {
            case .board: "/board"
            case .hours: "/availability/hours"
            case .links: "/availability/links"
            case .presences: "/availability/presences"
            case .absences: "/availability/absences"
            }
        }

        /// Key of its label in `AvailabilityStrings`.
        var labelKey: String {
            switch self {
            case .board: "menuBoard"
            case .hours: "menuHours"
            case .links: "menuLinks"
            case .presences: "menuPresences"
            case .absences: "menuAbsences"
            }
        }
    }

    /// One link of the menu, as `planner-menu.mustache` reads it.
    struct Item: Sendable {
        /// Where the link goes.
        let href: String
        /// The page's name in the user's language.
        let label: String
        /// Whether it is the page shown.
        let current: Bool
    }

    /// The menu in the words of `table`, with `current` marked.
    static func items(current: Page, table: [String: String]) -> [Item] {
        Page.allCases.map { page in
            Item(href: page.path, label: table[page.labelKey] ?? page.labelKey, current: page == current)
        }
    }
}
