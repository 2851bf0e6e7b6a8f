import Core

/// The GCP security pack (`gcp-…`): every rule of every GCP family, in catalog order.
///
/// Reads planned values of the google provider; each family file says which provider major versions'
/// shapes it reads (google 3.x to 6.x) and what an unset attribute means for it.
enum GCPRules {
    static let all: [Rule] =
        GCPFirewallRules.rules + GCPStorageRules.all + GCPSQLRules.all + GCPGKERules.all + GCPComputeRules.all
        + GCPKMSRules.all + GCPIAMRules.all
}
