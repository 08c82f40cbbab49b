public import AriannaProtocol

// Intake stores the Protocol's palette types themselves, so the setup, the stored JSON and
// `setup.activity-type.v1` share one definition of each (issue 8, item 5).

/// A custom field an activity type's form shows (R5 general palette, "layout").
public typealias LayoutField = ActivityTypeSnapshot.LayoutField

/// How work of a type is registered for billing (R5 billing palette).
public typealias RegistrationType = ActivityTypeSnapshot.RegistrationType

/// An article billed automatically for paid work of the type (R5 billing palette).
public typealias BillingArticle = ActivityTypeSnapshot.BillingArticle

/// The production order created with each deadline of the type (R5 advanced palette).
public typealias ProductionOrderSetting = ActivityTypeSnapshot.ProductionOrder

/// An automatic follow-up deadline (R5 advanced palette).
public typealias FollowUpRule = ActivityTypeSnapshot.FollowUpRule
