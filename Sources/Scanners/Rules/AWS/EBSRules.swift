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

    static let encryptionByDefaultOff = Rule(
        RuleDescription(
            id: "aws-ebs-encryption-by-default-off", title: "EBS encryption by default is turned off",
            severity: .medium, pack: "aws", resourceTypes: ["aws_ebs_encryption_by_default"],
            rationale: "With the account default off, every volume, snapshot copy and instance root disk that "
                + "forgets `encrypted = true` is created in clear, and its snapshots can be shared or copied out "
                + "unprotected. The default is per region and catches what individual resources miss.",
            remediation: """
                Turn encryption by default on in every region you use:

                resource "aws_ebs_encryption_by_default" "this" {
                  enabled = true
                }
                """,
            references: ["CIS AWS Foundations 2.2.1", "MITRE ATT&CK T1530"], checkov: "CKV_AWS_106"),
        examples: RuleExamples(
            triggering: [["enabled": false]],
            nonTriggering: [["enabled": true], [:]]),
        check: { resource in
            guard AWSSupport.bool(resource.attributes["enabled"]) == false else { return [] }
            return [Violation(path: "enabled", value: false)]
        })

    /// `group = "all"` exists from provider 4.x; 3.x could only share with account ids.
    static let amiPublic = Rule(
        RuleDescription(
            id: "aws-ami-public", title: "AMI is shared with every AWS account", severity: .high, pack: "aws",
            resourceTypes: ["aws_ami_launch_permission"],
            rationale: "A public AMI can be launched and its snapshots read by anyone; images baked with "
                + "credentials, keys or internal code have leaked this way. Checkov's CKV_AWS_205 fails every "
                + "launch permission, including sharing with one named partner account; this rule only flags "
                + "public sharing.",
            remediation: """
                Share the image with named accounts or an organization instead of everyone:

                resource "aws_ami_launch_permission" "partner" {
                  image_id   = aws_ami.app.id
                  account_id = "123456789012"
                }
                """,
            references: ["MITRE ATT&CK T1530", "MITRE ATT&CK T1537"], checkov: "CKV_AWS_205"),
        examples: RuleExamples(
            triggering: [["image_id": "ami-1", "group": "all"], ["image_id": "ami-1", "account_id": "all"]],
            nonTriggering: [
                ["image_id": "ami-1", "account_id": "123456789012"],
                ["image_id": "ami-1", "organization_arn": "arn:aws:organizations::1:organization/o-1"],
            ]),
        check: { resource in
            for key in ["group", "account_id"] where resource.attributes[key]?.stringValue?.lowercased() == "all" {
                return [
                    Violation(path: key, value: "all", message: "AMI launch permission is public (\(key) = \"all\")")
                ]
            }
            return []
        })
}
