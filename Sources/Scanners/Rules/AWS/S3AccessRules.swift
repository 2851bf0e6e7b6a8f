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

    static let publicPolicy = Rule(
        RuleDescription(
            id: "aws-s3-public-policy", title: "S3 bucket policy allows anyone", severity: .critical, pack: "aws",
            resourceTypes: ["aws_s3_bucket", "aws_s3_bucket_policy"],
            rationale: "A bucket policy statement that allows Principal \"*\" without a condition pinning it to "
                + "an organization, account, VPC endpoint or source makes the objects readable (or writable) by "
                + "the whole internet, whatever the ACL says. Deny statements and narrowed Allows (aws:SourceVpce, "
                + "aws:PrincipalOrgID …) are fine.",
            remediation: """
                Name the principals, or pin the statement to your organization or VPC endpoint:

                statement = {
                  Effect    = "Allow"
                  Principal = { AWS = "arn:aws:iam::123456789012:role/reader" }
                  Action    = "s3:GetObject"
                  Resource  = "${aws_s3_bucket.data.arn}/*"
                }
                """,
            references: ["CIS AWS Foundations 2.1.5", "MITRE ATT&CK T1530"], checkov: "CKV_AWS_70"),
        examples: RuleExamples(
            triggering: [
                [
                    "policy":
                        #"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}]}"#
                ],
                ["policy": #"{"Statement":{"Effect":"Allow","Principal":{"AWS":["*"]},"Action":["s3:*"]}}"#],
                [
                    "policy":
                        #"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Condition":{"Bool":{"aws:SecureTransport":"true"}}}]}"#
                ],
            ],
            nonTriggering: [
                [
                    "policy":
                        #"{"Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}"#
                ],
                [
                    "policy":
                        #"{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:GetObject","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-1"}}}]}"#
                ],
                [
                    "policy":
                        #"{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::1:root"},"Action":"s3:*"}]}"#
                ],
                ["policy": nil], [:],
            ]),
        check: { AWSSupport.publicStatement($0, what: "bucket policy") })

    // MARK: Public access blocks

    static let blockTypes = ["aws_s3_bucket_public_access_block", "aws_s3_account_public_access_block"]

    /// One rule per flag, as each closes a different door; all four are read the same way: `false` (the
    /// provider's default when unset) fires, absent (unknown) does not.
    static func accessBlockFlag(
        id: String, flag: String, title: String, rationale: String, checkov: String
    ) -> Rule {
        Rule(
            RuleDescription(
                id: id, title: title, severity: .medium, pack: "aws", resourceTypes: blockTypes,
                rationale: rationale + " The flag defaults to false when left out, on bucket and account blocks alike.",
                remediation: """
                    Turn on all four flags (on the account, and on buckets that must stay private):

                    resource "aws_s3_bucket_public_access_block" "data" {
                      bucket                  = aws_s3_bucket.data.id
                      block_public_acls       = true
                      block_public_policy     = true
                      ignore_public_acls      = true
                      restrict_public_buckets = true
                    }
                    """,
                references: ["CIS AWS Foundations 2.1.5", "MITRE ATT&CK T1530", "MITRE ATT&CK T1562"],
                checkov: checkov),
            examples: RuleExamples(
                triggering: [["bucket": "data", flag: false], ["bucket": "data", flag: "false"]],
                nonTriggering: [["bucket": "data", flag: true], ["bucket": "data"]]),
            check: { resource in
                guard AWSSupport.bool(resource.attributes[flag]) == false else { return [] }
                let scope = resource.type == "aws_s3_account_public_access_block" ? "account" : "bucket"
                return [Violation(path: flag, value: false, message: "\(scope) public access block leaves \(flag) off")]
            })
    }

    static let blockPublicACLsOff = accessBlockFlag(
        id: "aws-s3-block-public-acls-off", flag: "block_public_acls",
        title: "S3 public access block does not block public ACLs",
        rationale: "Without block_public_acls anyone with s3:PutBucketAcl or s3:PutObjectAcl (a CI role, a "
            + "compromised key) can make a bucket or object public with one call.",
        checkov: "CKV_AWS_53")

    static let blockPublicPolicyOff = accessBlockFlag(
        id: "aws-s3-block-public-policy-off", flag: "block_public_policy",
        title: "S3 public access block does not block public policies",
        rationale: "Without block_public_policy a bucket policy granting Principal \"*\" is accepted, so one bad "
            + "policy change publishes the whole bucket.",
        checkov: "CKV_AWS_54")

    static let ignorePublicACLsOff = accessBlockFlag(
        id: "aws-s3-ignore-public-acls-off", flag: "ignore_public_acls",
        title: "S3 public access block does not ignore public ACLs",
        rationale: "Without ignore_public_acls, public ACLs already on the bucket or its objects (often set by "
            + "old upload tools) keep working.",
        checkov: "CKV_AWS_55")

    static let restrictPublicBucketsOff = accessBlockFlag(
        id: "aws-s3-restrict-public-buckets-off", flag: "restrict_public_buckets",
        title: "S3 public access block does not restrict public buckets",
        rationale: "Without restrict_public_buckets a bucket that already has a public policy stays readable by "
            + "anonymous and cross-account callers.",
        checkov: "CKV_AWS_56")
}
