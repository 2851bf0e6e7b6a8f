import Core

/// Block storage at rest: EBS volumes, the account's encryption default, and AMIs shared with everyone.
enum EBSRules {
    /// True when the same plan turns on EBS encryption by default, which encrypts every new volume whatever
    /// the volume itself says.
    static func encryptsByDefault(_ inventory: ResourceInventory) -> Bool {
        inventory.resources(ofType: "aws_ebs_encryption_by_default").contains {
            AWSSupport.bool($0.attributes["enabled"]) == true
        }
    }

    /// Flags volumes not encrypted, including those that leave `encrypted` unset.
    ///
    /// The provider computes an unset `encrypted`, so it is absent from the plan; without account-level
    /// encryption by default the volume is created in clear. A plan that turns that default on clears every
    /// volume.
    static let ebsUnencrypted = Rule(
        RuleDescription(
            id: "aws-ebs-unencrypted", title: "EBS volume is not encrypted", severity: .medium, pack: "aws",
            resourceTypes: ["aws_ebs_volume"],
            rationale: "Snapshots of unencrypted volumes can be shared or copied out of the account, and a leaked "
                + "or mis-shared snapshot exposes the disk's data in clear. A volume that leaves `encrypted` unset "
                + "is flagged unless the same plan turns on aws_ebs_encryption_by_default.",
            remediation: """
                Encrypt the volume (and turn on EBS encryption by default for the account):

                resource "aws_ebs_volume" "data" {
                  availability_zone = "us-east-1a"
                  size              = 10
                  encrypted         = true
                }
                """,
            references: ["CIS AWS Foundations 2.2.1", "MITRE ATT&CK T1530"], checkov: "CKV_AWS_3"),
        examples: RuleExamples(
            triggering: [["size": 10, "encrypted": false], ["size": 10]],
            nonTriggering: [["size": 10, "encrypted": true]]),
        checkInventory: { resource, inventory in
            let value = resource.attributes["encrypted"]
            guard AWSSupport.bool(value) != true, !encryptsByDefault(inventory) else { return [] }
            return [
                Violation(
                    path: "encrypted", value: value ?? .null,
                    message: value == nil ? "volume does not set encrypted = true" : nil)
            ]
        })
}
