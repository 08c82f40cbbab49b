/// Billing documents are numbered like `FAT/2026/000001` by ServiceKit's `YearlyNumber`, the
/// helper intake numbers tickets with, so both compute the year in the company's time zone. The
/// counter restarts each year and has no gaps (Italian invoicing requires it); it moves inside
/// the confirming transaction (`BillingStore.nextNumber`).
enum DocumentNumber {
    /// The prefix of invoices (fattura).
    static let invoicePrefix = "FAT"
}
