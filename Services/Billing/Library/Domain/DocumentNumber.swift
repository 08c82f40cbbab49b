/// Billing documents are numbered like `FAT/2026/000001` by ServiceKit's `NumberingSequence`, the
/// one gapless counter intake numbers tickets with too, so both compute the year in the company's
/// time zone. The counter restarts each year and has no gaps (Italian invoicing requires it); it
/// moves inside the confirming transaction (`BillingStore.confirm`).
package enum DocumentNumber {
    /// The prefix of invoices (fattura).
    package static let invoicePrefix = "FAT"
}
