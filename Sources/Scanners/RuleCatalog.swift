import Core

/// Every built-in rule, in catalog order.
///
/// A rule that is written but not listed here never runs, and the catalog test fails when ids repeat or
/// lack their pack's prefix.
///
/// One line per pack: each pack keeps its own list (`AWSRules.all`, …) next to its rules.
public enum RuleCatalog {
    public static let all: [Rule] =
        AWSRules.all
}
