import Core

/// Who can reach an S3 bucket: ACLs, bucket policies and public access blocks.
///
/// Provider 3.x writes ACLs, grants and policies inline on `aws_s3_bucket`; 4.x and later move them to
/// `aws_s3_bucket_acl` and `aws_s3_bucket_policy`. Both shapes are read.
enum S3AccessRules {
    static let publicACLs: Set<String> = ["public-read", "public-read-write", "authenticated-read"]
    static let publicGroups = [
        "http://acs.amazonaws.com/groups/global/AllUsers": "AllUsers",
        "http://acs.amazonaws.com/groups/global/AuthenticatedUsers": "AuthenticatedUsers",
    ]

    static let publicACL = Rule(
        RuleDescription(
            id: "aws-s3-public-acl", title: "S3 bucket ACL grants public access", severity: .critical, pack: "aws",
            resourceTypes: ["aws_s3_bucket", "aws_s3_bucket_acl"],
            rationale: "Public-read bucket ACLs are behind most large S3 data leaks: anyone who guesses the bucket "
                + "name can list and download every object (authenticated-read means any AWS account, not yours). "
                + "Grants to the AllUsers or AuthenticatedUsers groups are the same exposure spelled out. Checkov "
                + "splits this into CKV_AWS_20 (read) and CKV_AWS_57 (write).",
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
            triggering: [
                ["bucket": "assets", "acl": "public-read"], ["acl": "public-read-write"], ["acl": "authenticated-read"],
                [
                    "bucket": "assets", "acl": "private",
                    "grant": [
                        [
                            "type": "Group", "uri": "http://acs.amazonaws.com/groups/global/AllUsers",
                            "permissions": ["READ"],
                        ]
                    ],
                ],
                [
                    "bucket": "assets",
                    "access_control_policy": [
                        [
                            "grant": [
                                [
                                    "permission": "READ",
                                    "grantee": [
                                        [
                                            "type": "Group",
                                            "uri": "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
                                        ]
                                    ],
                                ]
                            ],
                            "owner": [["id": "abc"]],
                        ]
                    ],
                ],
            ],
            nonTriggering: [
                ["bucket": "logs", "acl": "private"], ["bucket": "logs", "acl": nil], [:],
                ["bucket": "logs", "acl": "log-delivery-write"],
                [
                    "bucket": "logs",
                    "grant": [["type": "CanonicalUser", "id": "abc", "permissions": ["FULL_CONTROL"]]],
                ],
            ]),
        check: { resource in
            let attributes = resource.attributes
            if let acl = attributes["acl"]?.stringValue, publicACLs.contains(acl) {
                return [Violation(path: "acl", value: .string(acl), message: "bucket ACL is \(acl)")]
            }
            for (index, grant) in (attributes["grant"]?.elements ?? []).enumerated() {
                if let uri = grant["uri"]?.stringValue, let group = publicGroups[uri] {
                    let permissions = AWSSupport.strings(grant["permissions"]).joined(separator: ", ")
                    return [
                        Violation(
                            path: "grant.\(index).uri", value: .string(uri),
                            message: "bucket ACL grants \(permissions) to \(group)")
                    ]
                }
            }
            let policy = AWSSupport.block(attributes["access_control_policy"])
            for (index, grant) in (policy?["grant"]?.elements ?? []).enumerated() {
                let grantee = AWSSupport.block(grant["grantee"])
                if let uri = grantee?["uri"]?.stringValue, let group = publicGroups[uri] {
                    let permission = grant["permission"]?.stringValue ?? "access"
                    return [
                        Violation(
                            path: "access_control_policy.0.grant.\(index).grantee.0.uri", value: .string(uri),
                            message: "bucket ACL grants \(permission) to \(group)")
                    ]
                }
            }
            return []
        })
}
