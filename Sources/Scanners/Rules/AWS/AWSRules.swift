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
        EC2Rules.imdsv2NotRequired,
        EC2Rules.publicIP,
        EC2Rules.blockDeviceUnencrypted,
        EBSRules.ebsUnencrypted,
        EBSRules.encryptionByDefaultOff,
        EBSRules.amiPublic,
        // S3
        S3AccessRules.publicACL,
        S3AccessRules.publicPolicy,
        S3AccessRules.blockPublicACLsOff,
        S3AccessRules.blockPublicPolicyOff,
        S3AccessRules.ignorePublicACLsOff,
        S3AccessRules.restrictPublicBucketsOff,
        S3DataRules.encryptionMissing,
        S3DataRules.versioningDisabled,
        S3DataRules.loggingDisabled,
        // Databases and data stores
        RDSRules.rdsPublic,
        RDSRules.storageUnencrypted,
        RDSRules.backupDisabled,
        RDSRules.deletionProtectionOff,
        RDSRules.iamAuthDisabled,
        RDSRules.multiAZDisabled,
        RDSRules.autoMinorUpgradeDisabled,
        RDSRules.clusterUnencrypted,
        RDSRules.clusterDeletionProtectionOff,
        DataStoreRules.dynamoDBPITRDisabled,
        DataStoreRules.dynamoDBNoCMK,
        DataStoreRules.efsUnencrypted,
        DataStoreRules.elastiCacheAtRestUnencrypted,
        DataStoreRules.elastiCacheTransitUnencrypted,
        DataStoreRules.redshiftPublic,
        DataStoreRules.redshiftUnencrypted,
        OpenSearchRules.atRestUnencrypted,
        OpenSearchRules.nodeToNodeUnencrypted,
        OpenSearchRules.httpsNotEnforced,
        // Messaging, keys and secrets
        MessagingRules.sqsUnencrypted,
        MessagingRules.snsUnencrypted,
        MessagingRules.sqsPolicyPublic,
        MessagingRules.snsPolicyPublic,
        KMSRules.rotationDisabled,
        KMSRules.policyPublic,
        SecretStoreRules.secretsManagerNoCMK,
        SecretStoreRules.ssmSecretPlaintext,
        // Identity
        IAMRules.wildcardPolicy,
        IAMRules.starAction,
        IAMRules.adminAttached,
        IAMRules.userPolicy,
        IAMRules.accessKey,
        IAMRules.assumeRolePublic,
        IAMRules.passwordTooShort,
        IAMRules.passwordReuse,
        // Audit logging
        CloudTrailRules.loggingDisabled,
        CloudTrailRules.notMultiRegion,
        CloudTrailRules.logValidationDisabled,
        CloudTrailRules.notKMSEncrypted,
    ]
}
