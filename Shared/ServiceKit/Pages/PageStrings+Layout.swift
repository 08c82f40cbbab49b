public import AriannaWording

extension PageStrings {
    /// The shared layout's words: service names in the navigation bar, the language switcher,
    /// the skip link. Services merge their own tables on top.
    public static let layout = PageStrings([
        .it: [
            "appName": "Arianna",
            "navLabel": "Servizi",
            "navIntake": "Chiamate",
            "navPlanner": "Planner",
            "navNotification": "Notifiche",
            "navWebReport": "Rapportini",
            "navBilling": "Fatturazione",
            "languageLabel": "Lingua",
            "languageIt": "Italiano",
            "languageEn": "English",
            "skipToContent": "Vai al contenuto",
            "userLabel": "Utente",
            "logIn": "Accedi",
            "logOut": "Esci",
            "pageProblemFirstPage": "Vai alla prima pagina"
        ],
        .en: [
            "appName": "Arianna",
            "navLabel": "Services",
            "navIntake": "Calls",
            "navPlanner": "Planner",
            "navNotification": "Notifications",
            "navWebReport": "Web reports",
            "navBilling": "Billing",
            "languageLabel": "Language",
            "languageIt": "Italiano",
            "languageEn": "English",
            "skipToContent": "Skip to content",
            "userLabel": "User",
            "logIn": "Log in",
            "logOut": "Log out",
            "pageProblemFirstPage": "Go to the first page"
        ]
    ])
}
