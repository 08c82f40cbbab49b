/// Logger metadata keys of the notification service, beside the shared ``LogKey`` ones.
enum NotificationLogKey {
    /// The email job a log line is about.
    static let emailID = "email.id"
    /// The customer an email was for.
    static let customerID = "customer.id"
    /// Attempts made so far on the email.
    static let attempts = "email.attempts"
    /// When the next attempt on a retried email is due.
    static let nextAttemptAt = "email.nextAttemptAt"
}
