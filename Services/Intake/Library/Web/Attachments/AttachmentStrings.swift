import ServiceKit

/// The words of the attachments section (ticket page, call page) in Italian and English.
enum AttachmentStrings {
    /// The refusal of a download of an attachment the ticket does not have.
    static let notFound = Wording(
        it: "Questo ticket non ha l'allegato richiesto.", en: "This ticket has no such attachment.")

    /// Every text of the attachments section and pages, in Italian and English.
    static let all = PageStrings([
        .it: [
            "attachmentsTitle": "Allegati",
            "attachmentsEmpty": "Nessun allegato.",
            "attachmentsFile": "File da allegare",
            "attachmentsHint": "PDF, immagini, testo, documenti Office; al massimo 8 MB ciascuno e 20 per ticket.",
            "attachmentsSubmit": "Allega",
            "attachmentsFromEmail": "dall'email",
            "attachmentsName": "File",
            "attachmentsSize": "Dimensione",
            "attachmentsAdded": "Aggiunto",
            "attachmentsDownload": "Scarica",
            "attachmentsNotAttached": "Nessun file è stato allegato:",
            "attachmentsBack": "Torna al ticket"
        ],
        .en: [
            "attachmentsTitle": "Attachments",
            "attachmentsEmpty": "No attachments.",
            "attachmentsFile": "Files to attach",
            "attachmentsHint": "PDF, images, text, Office documents; at most 8 MB each and 20 per ticket.",
            "attachmentsSubmit": "Attach",
            "attachmentsFromEmail": "from the email",
            "attachmentsName": "File",
            "attachmentsSize": "Size",
            "attachmentsAdded": "Added",
            "attachmentsDownload": "Download",
            "attachmentsNotAttached": "No file was attached:",
            "attachmentsBack": "Back to the ticket"
        ]
    ])
}
