/// The words of pages and refusals (`Wording`, `PageLanguage`, `PageStrings`, `LocalTimeFormat`)
/// live in the leaf module `AriannaWording`, so `Domain/` files can use them without importing
/// ServiceKit. Everything that imports ServiceKit still sees them, through this re-export.
@_exported public import AriannaWording
