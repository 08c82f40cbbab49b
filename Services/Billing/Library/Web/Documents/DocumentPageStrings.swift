/// The words of the document pages in Italian and English (merged into ``BillingPageStrings``).
enum DocumentPageStrings {
    /// The document, summary, stock and MRP pages in Italian.
    static let italian: [String: String] = [
        "documentsTitle": "Documenti", "documentsHeading": "Documenti di fatturazione", "documentTitle": "Documento",
        "printTitle": "Stampa documento", "summaryTitle": "Riepilogo mensile", "summaryHeading": "Riepilogo del mese",
        "summaryLink": "Riepilogo mensile", "filters": "Filtri", "filter": "Filtra", "allStates": "Tutti gli stati",
        "customer": "Cliente", "activityType": "Tipo attività", "from": "Dal", "to": "Al", "document": "Documento",
        "ticket": "Ticket", "date": "Data", "total": "Totale", "noDocuments": "Nessun documento.",
        "status-draft": "Bozza", "status-confirmed": "Confermato", "status-exported": "Esportato",
        "registration-billable": "fatturabile", "registration-notBillable": "non fatturabile",
        "registration-underContract": "in contratto", "registration-warranty": "in garanzia",
        "vatNumber": "P. IVA", "fiscalCode": "C.F.", "issueDate": "Data documento", "credits": "Storna",
        "lines": "Righe", "lineDescription": "Descrizione", "quantity": "Quantità", "unitPrice": "Prezzo unitario",
        "discount": "Sconto", "vatShort": "IVA", "amount": "Importo", "actions": "Azioni",
        "needsPrice": "prezzo da indicare",
        "editLineShort": "Modifica riga", "editLine": "Modifica riga", "totals": "Totali", "taxable": "Imponibile",
        "vatAmount": "Imposta", "creditNote": "Nota di credito", "print": "Stampa", "back": "Torna al documento",
        "confirmHeading": "Conferma", "confirm": "Conferma e numera",
        "confirmHint": "Confermato, il documento riceve il numero e non si può più modificare.",
        "flaggedHint": "Alcune righe hanno articoli sconosciuti al catalogo: indica il prezzo prima di confermare.",
        "flaggedLineHint": "L'articolo non è nel catalogo: indica il prezzo e l'aliquota IVA.",
        "creditNoteHint": "Confermato da", "startCreditNote": "Crea nota di credito",
        "changes": "Modifiche", "line": "Riga", "field": "Campo", "before": "Prima", "after": "Dopo", "who": "Chi",
        "when": "Quando", "field-quantity": "quantità", "field-price": "prezzo", "field-discountPercent": "sconto",
        "field-vatRatePercent": "IVA", "field-description": "descrizione",
        "draftNotFiscal": "Bozza: non è un documento fiscale.", "previousMonth": "Mese precedente",
        "nextMonth": "Mese successivo", "issuedCount": "Documenti emessi", "draftCount": "Bozze",
        "byRate": "Per aliquota IVA", "byActivityType": "Per tipo attività", "count": "Numero",
        "stockTitle": "Magazzino", "stockHeading": "Giacenze di magazzino", "warehouse": "Magazzino",
        "onHand": "Giacenza", "negative": "negativa", "noStock": "Nessun movimento di magazzino.",
        "negativeStock":
            "Attenzione: alcune giacenze sono negative (materiale scaricato ma mai caricato). Registra il carico o il trasferimento mancante.",
        "receipt": "Carico", "transfer": "Trasferimento", "note": "Nota", "fromWarehouse": "Da", "toWarehouse": "A",
        "bookReceipt": "Registra carico", "bookTransfer": "Registra trasferimento",
        "mrpTitle": "MRP", "mrpHeading": "Pianificazione dei materiali (MRP)", "runMRP": "Esegui MRP",
        "mrpHint":
            "Calcola i fabbisogni dagli ordini di produzione aperti, attraverso tutte le distinte base, meno giacenze e arrivi previsti.",
        "mrpRunning": "Calcolo in corso", "refresh": "Aggiorna", "noMRPRun": "MRP non è ancora stato eseguito.",
        "level": "Livello", "gross": "Fabbisogno lordo", "expected": "Arrivi previsti", "net": "Fabbisogno netto",
        "proposal": "Proposta", "proposal-buy": "Acquistare", "proposal-make": "Produrre", "proposal-none": "—"
    ]

    /// The same in English.
    static let english: [String: String] = [
        "documentsTitle": "Documents", "documentsHeading": "Billing documents", "documentTitle": "Document",
        "printTitle": "Print document", "summaryTitle": "Monthly summary", "summaryHeading": "Summary of",
        "summaryLink": "Monthly summary", "filters": "Filters", "filter": "Filter", "allStates": "All states",
        "customer": "Customer", "activityType": "Activity type", "from": "From", "to": "To", "document": "Document",
        "ticket": "Ticket", "date": "Date", "total": "Total", "noDocuments": "No documents.",
        "status-draft": "Draft", "status-confirmed": "Confirmed", "status-exported": "Exported",
        "registration-billable": "billable", "registration-notBillable": "not billable",
        "registration-underContract": "under contract", "registration-warranty": "warranty",
        "vatNumber": "VAT no.", "fiscalCode": "Fiscal code", "issueDate": "Document date", "credits": "Credits",
        "lines": "Lines", "lineDescription": "Description", "quantity": "Quantity", "unitPrice": "Unit price",
        "discount": "Discount", "vatShort": "VAT", "amount": "Amount", "actions": "Actions",
        "needsPrice": "price needed",
        "editLineShort": "Edit line", "editLine": "Edit line", "totals": "Totals", "taxable": "Taxable",
        "vatAmount": "VAT", "creditNote": "Credit note", "print": "Print", "back": "Back to the document",
        "confirmHeading": "Confirm", "confirm": "Confirm and number",
        "confirmHint": "Once confirmed, the document gets its number and can no longer change.",
        "flaggedHint": "Some lines have articles the catalogue does not know: set their price before confirming.",
        "flaggedLineHint": "The article is not in the catalogue: set its price and VAT rate.",
        "creditNoteHint": "Confirmed by", "startCreditNote": "Start a credit note",
        "changes": "Changes", "line": "Line", "field": "Field", "before": "Before", "after": "After", "who": "Who",
        "when": "When", "field-quantity": "quantity", "field-price": "price", "field-discountPercent": "discount",
        "field-vatRatePercent": "VAT", "field-description": "description",
        "draftNotFiscal": "Draft: not a fiscal document.", "previousMonth": "Previous month",
        "nextMonth": "Next month", "issuedCount": "Documents issued", "draftCount": "Drafts",
        "byRate": "By VAT rate", "byActivityType": "By activity type", "count": "Count",
        "stockTitle": "Stock", "stockHeading": "Stock on hand", "warehouse": "Warehouse",
        "onHand": "On hand", "negative": "negative", "noStock": "No stock movements.",
        "negativeStock":
            "Warning: some stock is negative (material issued but never booked in). Book the missing receipt or transfer.",
        "receipt": "Receipt", "transfer": "Transfer", "note": "Note", "fromWarehouse": "From", "toWarehouse": "To",
        "bookReceipt": "Book receipt", "bookTransfer": "Book transfer",
        "mrpTitle": "MRP", "mrpHeading": "Material requirements planning (MRP)", "runMRP": "Run MRP",
        "mrpHint":
            "Computes requirements from the open production orders, through every bill of materials, less stock on hand and expected receipts.",
        "mrpRunning": "Computing", "refresh": "Refresh", "noMRPRun": "MRP has not run yet.",
        "level": "Level", "gross": "Gross requirement", "expected": "Expected receipts", "net": "Net requirement",
        "proposal": "Proposal", "proposal-buy": "Buy", "proposal-make": "Make", "proposal-none": "—"
    ]
}
