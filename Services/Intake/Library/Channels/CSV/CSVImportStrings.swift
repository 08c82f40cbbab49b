import ServiceKit

/// The words of the CSV import page in Italian and English.
enum CSVImportStrings {
    static let all = PageStrings([
        .it: [
            "importTitle": "Importa ticket da CSV",
            "importIntro": "Un ticket per riga. Prima riga: i nomi delle colonne, separati da virgola o punto e virgola.",
            "importColumns": "Colonne: activity_type, customer_name, description (obbligatorie), customer_email, site_zone, due_date (2026-03-31), external_id; ogni altra colonna è un campo del tipo di attività.",
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
        ],
        .en: [
            "importTitle": "Import tickets from CSV",
            "importIntro": "One ticket per row. First row: the column names, separated by commas or semicolons.",
            "importColumns": "Columns: activity_type, customer_name, description (required), customer_email, site_zone, due_date (2026-03-31), external_id; any other column is a field of the activity type.",
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
        ],
    ])
}
