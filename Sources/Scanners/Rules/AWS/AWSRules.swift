import Core

/// The AWS pack, in catalog order: network exposure first, then data, identity, logging and services.
///
/// Ids are part of every fingerprint: a rule keeps its id for life, and a retired id is never reused.
enum AWSRules {
    static let all: [Rule] = [
        // Network exposure
        SecurityGroupRules.sshOpen,
        SecurityGroupRules.rdpOpen,
        SecurityGroupRules.allTrafficOpen,
        SecurityGroupRules.databasePortOpen,
        SecurityGroupRules.defaultAllowsTraffic,
        NetworkACLRules.sshOpen,
        NetworkACLRules.rdpOpen,
        NetworkACLRules.allTrafficOpen,
        VPCRules.flowLogsMissing,
        VPCRules.subnetPublicIP,
        // Compute
        EBSRules.ebsUnencrypted,
        // S3
        S3AccessRules.publicACL,
        // Databases and data stores
        RDSRules.rdsPublic,
        // Identity
        IAMRules.wildcardPolicy,
    ]
}
