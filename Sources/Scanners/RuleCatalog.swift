import Core

/// Every built-in rule, in catalog order. A rule that is written but not listed here never runs, and the
/// catalog test fails when ids repeat or lack their pack's prefix.
public enum RuleCatalog {
    public static let all: [Rule] = [
        SecurityGroupRules.sshOpen,
        SecurityGroupRules.rdpOpen,
        StorageRules.s3PublicACL,
        StorageRules.ebsUnencrypted,
        DatabaseRules.rdsPublic,
        IAMRules.wildcardPolicy,
    ] + GCPRules.all + AzureRules.all + KubernetesRules.all + DockerRules.all

    /// The pack names, in catalog order: what `packs = [...]` may name.
    public static let packs: [String] = all.reduce(into: []) { names, rule in
        if !names.contains(rule.description.pack) { names.append(rule.description.pack) }
    }
}
