import ServiceKit

/// The words of billing's pages in Italian and English (templates say `{{t.key}}`).
enum BillingPageStrings {
    /// Both languages, the document pages' words included.
    static let all = PageStrings([
        .it: italian.merging(DocumentPageStrings.italian) { own, _ in own },
        .en: english.merging(DocumentPageStrings.english) { own, _ in own }
    ])

    /// The catalogue, price rule, BOM and import pages in Italian.
    static let italian: [String: String] = [
        "articlesTitle": "Articoli", "articlesHeading": "Catalogo articoli", "newArticle": "Nuovo articolo",
        "editArticle": "Modifica articolo", "articlesLink": "Tutti gli articoli", "search": "Cerca",
        "searchArticles": "Codice o descrizione", "code": "Codice", "description": "Descrizione (italiano)",
        "descriptionEN": "Descrizione (inglese)", "unit": "Unità di misura", "price": "Prezzo (€, IVA esclusa)",
        "vatRate": "Aliquota IVA (%)", "kind": "Tipo", "state": "Stato", "active": "Attivo", "inactive": "Disattivato",
        "save": "Salva", "cancel": "Annulla", "deactivate": "Disattiva", "delete": "Elimina",
        "saved": "Salvato.", "problems": "Correggi questi punti:", "noArticles": "Nessun articolo trovato.",
        "kind-labour": "Manodopera", "kind-material": "Materiale", "kind-service": "Servizio",
        "kind-finished-product": "Prodotto finito", "deleteHint": "Si può eliminare solo un articolo mai usato.",
        "codeHint": "Lettere maiuscole, cifre, '-', '_' o '.'.", "priceHint": "Al massimo due decimali, es. 12,50.",
        "billingMenu": "Fatturazione", "documentsLink": "Documenti",
        "priceRulesTitle": "Regole di prezzo", "billsDocument": "Crea un documento",
        "typeArticlesDiscount": "Sconto articoli del tipo (%)", "labourDiscount": "Sconto manodopera e viaggio (%)",
        "materialsDiscount": "Sconto materiali (%)",
        "priceRulesHint":
            "Per ogni tipo di registrazione: 0 % addebita, 100 % non addebita (la riga resta visibile a zero). Vale per le bozze create da ora.",
        "bomTitle": "Distinta base", "bomHeading": "Distinta base di", "bomComponents": "Componenti (per unità)",
        "bomLeaves": "Esplosa ai componenti finali (per unità)", "bomEmpty": "Nessun componente.",
        "bomEdit": "Componenti, uno per riga: CODICE quantità",
        "bomHint": "Es. PUMP-A2 1. Una distinta che contiene se stessa è rifiutata.",
        "bomLink": "Distinta base",
        "importTitle": "Importa articoli da CSV", "importLabel": "Contenuto CSV", "importButton": "Importa",
        "importHint":
            "Intestazione: code;description;descriptionEN;unit;price;vatRatePercent;kind. Tutte le righe o nessuna.",
        "importApplied": "Importazione eseguita.",
        "importRefused": "Nessuna riga importata: correggi le righe rifiutate.",
        "import-created": "creato", "import-updated": "aggiornato", "import-refused": "rifiutato", "row": "Riga",
        "outcome": "Esito"
    ]

    /// The same in English.
    static let english: [String: String] = [
        "articlesTitle": "Articles", "articlesHeading": "Article catalogue", "newArticle": "New article",
        "editArticle": "Edit article", "articlesLink": "All articles", "search": "Search",
        "searchArticles": "Code or description", "code": "Code", "description": "Description (Italian)",
        "descriptionEN": "Description (English)", "unit": "Unit", "price": "Price (€, VAT excluded)",
        "vatRate": "VAT rate (%)", "kind": "Kind", "state": "State", "active": "Active", "inactive": "Deactivated",
        "save": "Save", "cancel": "Cancel", "deactivate": "Deactivate", "delete": "Delete",
        "saved": "Saved.", "problems": "Please fix these:", "noArticles": "No article found.",
        "kind-labour": "Labour", "kind-material": "Material", "kind-service": "Service",
        "kind-finished-product": "Finished product", "deleteHint": "Only an article never used can be deleted.",
        "codeHint": "Capital letters, digits, '-', '_' or '.'.", "priceHint": "Two decimals at most, e.g. 12.50.",
        "billingMenu": "Billing", "documentsLink": "Documents",
        "priceRulesTitle": "Price rules", "billsDocument": "Make a document",
        "typeArticlesDiscount": "Type's articles discount (%)", "labourDiscount": "Labour and travel discount (%)",
        "materialsDiscount": "Materials discount (%)",
        "priceRulesHint":
            "Per registration type: 0 % charges, 100 % does not (the line still shows, at zero). Applies to drafts made from now on.",
        "bomTitle": "Bill of materials", "bomHeading": "Bill of materials of", "bomComponents": "Components (per unit)",
        "bomLeaves": "Exploded to leaf components (per unit)", "bomEmpty": "No components.",
        "bomEdit": "Components, one a line: CODE quantity",
        "bomHint": "E.g. PUMP-A2 1. A bill of materials that contains itself is refused.",
        "bomLink": "Bill of materials",
        "importTitle": "Import articles from CSV", "importLabel": "CSV content", "importButton": "Import",
        "importHint": "Header: code;description;descriptionEN;unit;price;vatRatePercent;kind. All rows or none.",
        "importApplied": "Import done.", "importRefused": "No row imported: fix the refused rows.",
        "import-created": "created", "import-updated": "updated", "import-refused": "refused", "row": "Row",
        "outcome": "Outcome"
    ]
}
