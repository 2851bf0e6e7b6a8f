import Core

/// Data-at-rest exposure: public S3 ACLs and unencrypted EBS volumes.
enum StorageRules {
    static let publicACLs: Set<String> = ["public-read", "public-read-write", "authenticated-read"]

    static let s3PublicACL = Rule(
        RuleDescription(
            id: "aws-s3-public-acl", title: "S3 bucket ACL grants public access", severity: .critical, pack: "aws",
            resourceTypes: ["aws_s3_bucket", "aws_s3_bucket_acl"],
            rationale: "Public-read bucket ACLs are behind most large S3 data leaks: anyone who guesses the bucket "
                + "name can list and download every object (authenticated-read means any AWS account, not yours).",
            remediation: """
                Keep the bucket private and block public access at the bucket level:

                resource "aws_s3_bucket_acl" "logs" {
                  bucket = aws_s3_bucket.logs.id
                  acl    = "private"
                }

                resource "aws_s3_bucket_public_access_block" "logs" {
                  bucket                  = aws_s3_bucket.logs.id
                  block_public_acls       = true
                  block_public_policy     = true
                  ignore_public_acls      = true
                  restrict_public_buckets = true
                }
                """,
            references: ["CIS AWS Foundations 2.1.5", "MITRE ATT&CK T1530"], checkov: "CKV_AWS_20"),
        examples: RuleExamples(
            triggering: [["bucket": "assets", "acl": "public-read"], ["acl": "public-read-write"],
                         ["acl": "authenticated-read"]],
            nonTriggering: [["bucket": "logs", "acl": "private"], ["bucket": "logs", "acl": nil], [:]]),
        check: { resource in
            guard let acl = resource.attributes["acl"]?.stringValue, publicACLs.contains(acl) else { return [] }
            return [Violation(path: "acl", value: .string(acl), message: "bucket ACL is \(acl)")]
        })

    static let ebsUnencrypted = Rule(
        RuleDescription(
            id: "aws-ebs-unencrypted", title: "EBS volume is not encrypted", severity: .medium, pack: "aws",
            resourceTypes: ["aws_ebs_volume"],
            rationale: "Snapshots of unencrypted volumes can be shared or copied out of the account, and a leaked "
                + "or mis-shared snapshot exposes the disk's data in clear.",
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
        check: { resource in
            let value = resource.attributes["encrypted"]
            guard value?.boolValue != true else { return [] }
            return [Violation(path: "encrypted", value: value ?? .null,
                              message: value == nil ? "volume does not set encrypted = true" : nil)]
        })
}
