import Core

/// Every built-in rule, in catalog order.
///
/// A rule that is written but not listed here never runs, and the catalog test fails when ids repeat or
/// lack their pack's prefix.
///
/// One line per pack: each pack keeps its own list (`AWSRules.all`, …) next to its rules.
public enum RuleCatalog {
    public static let all: [Rule] =
        AWSRules.all + GCPRules.all + AzureRules.all + KubernetesRules.all + DockerRules.all

    /// The pack names, in catalog order: what `packs = [...]` may name.
    public static let packs: [String] = all.reduce(into: []) { names, rule in
        if !names.contains(rule.description.pack) { names.append(rule.description.pack) }
    }
}
