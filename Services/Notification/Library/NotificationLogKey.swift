/// Logger metadata keys of the notification service, beside the shared ``LogKey`` ones.
enum NotificationLogKey {
    static let emailID = "email.id"
    static let customerID = "customer.id"
    static let attempts = "email.attempts"
    static let nextAttemptAt = "email.nextAttemptAt"
}
