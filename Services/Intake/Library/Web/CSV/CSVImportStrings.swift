import ServiceKit

/// The words of the CSV import page in Italian and English.
enum CSVImportStrings {
    /// Every text of the import page, in Italian and English.
    static let all = PageStrings([
        .it: [
            "importTitle": "Importa ticket da CSV",
            "importIntro":
                "Un ticket per riga. Prima riga: i nomi delle colonne, separati da virgola, punto e virgola o tabulazione.",
            "importColumns":
                "Colonne: activity_type, customer_name, description (obbligatorie), customer_email, site_zone, due_date (2026-03-31), external_id; ogni altra colonna è un campo del tipo di attività.",
            "importAgain": "Reimportare lo stesso file non crea doppioni.",
            "importFile": "File CSV (massimo 5 MB, 10.000 righe)",
            "importSubmit": "Importa",
            "importReport": "Esito",
            "importProcessed": "righe elaborate",
            "importCreated": "ticket creati",
            "importAlready": "già importate",
            "importRejected": "rifiutate",
            "importRow": "Riga",
            "importOutcome": "Esito",
            "importStatusCreated": "Creato",
            "importStatusAlready": "Già importata",
            "importStatusRejected": "Rifiutata",
            "importFailed": "Il file non è stato importato:",
            "importEncodings":
                "Codifiche lette: UTF-8 (con o senza BOM), UTF-16 con BOM (\"Testo Unicode\" di Excel), Windows-1252 (\"CSV (delimitato dal separatore di elenco)\" di Excel). Numeri con la virgola decimale e date gg/mm/aaaa sono accettati.",
            "importEncoding": "Codifica letta:",
            "importSeparator": "separatore:"
        ],
        .en: [
            "importTitle": "Import tickets from CSV",
            "importIntro": "One ticket per row. First row: the column names, separated by commas, semicolons or tabs.",
            "importColumns":
                "Columns: activity_type, customer_name, description (required), customer_email, site_zone, due_date (2026-03-31), external_id; any other column is a field of the activity type.",
            "importAgain": "Importing the same file again creates no duplicates.",
            "importFile": "CSV file (at most 5 MB, 10,000 rows)",
            "importSubmit": "Import",
            "importReport": "Result",
            "importProcessed": "rows processed",
            "importCreated": "tickets created",
            "importAlready": "already imported",
            "importRejected": "rejected",
            "importRow": "Row",
            "importOutcome": "Result",
            "importStatusCreated": "Created",
            "importStatusAlready": "Already imported",
            "importStatusRejected": "Rejected",
            "importFailed": "The file was not imported:",
            "importEncodings":
                "Encodings read: UTF-8 (with or without a BOM), UTF-16 with a BOM (Excel's \"Unicode text\"), Windows-1252 (Excel's \"CSV (comma delimited)\" on Italian Windows). Numbers with a decimal comma and dd/mm/yyyy dates are accepted.",
            "importEncoding": "Encoding read:",
            "importSeparator": "separator:"
        ]
    ])
}
