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
    ] + GCPRules.all + AzureRules.all
}
