import Core

/// What protects the objects in a bucket: default encryption, versioning and access logging.
///
/// Provider 3.x configures these inline on `aws_s3_bucket` (a block that is `[]` when unset); 4.x and
/// later use separate resources (`aws_s3_bucket_server_side_encryption_configuration`,
/// `aws_s3_bucket_versioning`, `aws_s3_bucket_logging`) and leave the inline attribute computed (absent from
/// the plan). A bucket passes when either shape covers it; the separate resource is found through its
/// `bucket` reference or value, and one whose bucket is unknowable gets the benefit of the doubt.
enum S3DataRules {
    static let bucketKeys = ["bucket", "id"]

    /// True when a resource of `type` configures `bucket` (or might: unknown target).
    static func isCovered(_ bucket: Resource, by type: String, in inventory: ResourceInventory) -> Bool {
        switch AWSSupport.link(to: bucket, from: [type], attribute: "bucket", targetKeys: bucketKeys, in: inventory) {
        case .linked, .unknown: return true
        case .none: return false
        }
    }

    /// Low because S3 has encrypted every new object with SSE-S3 since January 2023; what the rule still
    /// buys is an explicit, reviewable setting (and the place to choose KMS).
    static let encryptionMissing = Rule(
        RuleDescription(
            id: "aws-s3-encryption-missing", title: "S3 bucket has no default encryption configured",
            severity: .low, pack: "aws", resourceTypes: ["aws_s3_bucket"],
            rationale: "Objects written without server-side encryption were stored in clear before 2023, and "
                + "buckets without an explicit configuration cannot enforce KMS keys, so key policies and "
                + "CloudTrail key-usage logs never apply to their data. S3 now defaults to SSE-S3, hence low.",
            remediation: """
                Configure default encryption (provider 4.x+; in 3.x use the inline block):

                resource "aws_s3_bucket_server_side_encryption_configuration" "data" {
                  bucket = aws_s3_bucket.data.id
                  rule {
                    apply_server_side_encryption_by_default {
                      sse_algorithm     = "aws:kms"
                      kms_master_key_id = aws_kms_key.s3.arn
                    }
                  }
                }
                """,
            references: ["CIS AWS Foundations 2.1.1", "MITRE ATT&CK T1530"], checkov: "CKV_AWS_19"),
        examples: RuleExamples(
            triggering: [["bucket": "plain", "server_side_encryption_configuration": []], ["bucket": "plain"]],
            nonTriggering: [
                [
                    "bucket": "data",
                    "server_side_encryption_configuration": [
                        [
                            "rule": [["apply_server_side_encryption_by_default": [["sse_algorithm": "AES256"]]]]
                        ]
                    ],
                ],
                ["bucket": "covered"],
            ],
            context: [
                Resource(
                    address: "aws_s3_bucket_server_side_encryption_configuration.covered",
                    type: "aws_s3_bucket_server_side_encryption_configuration", name: "covered",
                    attributes: [
                        "bucket": "covered",
                        "rule": [["apply_server_side_encryption_by_default": [["sse_algorithm": "aws:kms"]]]],
                    ])
            ]),
        checkInventory: { resource, inventory in
            let inline = resource.attributes["server_side_encryption_configuration"]
            guard (inline?.elements ?? []).isEmpty,
                !isCovered(resource, by: "aws_s3_bucket_server_side_encryption_configuration", in: inventory)
            else { return [] }
            return [
                Violation(
                    path: "server_side_encryption_configuration", value: inline,
                    message: "bucket has no default encryption configuration")
            ]
        })

    static let versioningDisabled = Rule(
        RuleDescription(
            id: "aws-s3-versioning-disabled", title: "S3 bucket versioning is not enabled", severity: .low,
            pack: "aws", resourceTypes: ["aws_s3_bucket", "aws_s3_bucket_versioning"],
            rationale: "Without versioning an overwrite or delete is final: ransomware that re-encrypts objects "
                + "in place, a buggy sync job or a compromised key wipes the data with no way back. Reported on "
                + "an `aws_s3_bucket_versioning` that suspends it, and on a bucket that no versioning "
                + "configuration covers.",
            remediation: """
                Enable versioning (provider 4.x+; in 3.x use the inline `versioning` block):

                resource "aws_s3_bucket_versioning" "data" {
                  bucket = aws_s3_bucket.data.id
                  versioning_configuration {
                    status = "Enabled"
                  }
                }
                """,
            references: ["MITRE ATT&CK T1485", "MITRE ATT&CK T1486"],
            checkov: "CKV_AWS_21"),
        examples: RuleExamples(
            triggering: [
                ["bucket": "plain", "versioning": [["enabled": false, "mfa_delete": false]]],
                ["bucket": "plain"],
                ["bucket": "other", "versioning_configuration": [["status": "Suspended"]]],
            ],
            nonTriggering: [
                ["bucket": "data", "versioning": [["enabled": true, "mfa_delete": false]]],
                ["bucket": "covered"],
                ["bucket": "covered", "versioning_configuration": [["status": "Enabled"]]],
            ],
            context: [
                Resource(
                    address: "aws_s3_bucket_versioning.covered", type: "aws_s3_bucket_versioning", name: "covered",
                    attributes: ["bucket": "covered", "versioning_configuration": [["status": "Enabled"]]])
            ]),
        checkInventory: { resource, inventory in
            if resource.type == "aws_s3_bucket_versioning" {
                let configuration = AWSSupport.block(resource.attributes["versioning_configuration"])
                guard let status = configuration?["status"]?.stringValue, status != "Enabled" else { return [] }
                return [
                    Violation(
                        path: "versioning_configuration.0.status", value: .string(status),
                        message: "bucket versioning is \(status.lowercased())")
                ]
            }
            let inline = AWSSupport.block(resource.attributes["versioning"])
            guard AWSSupport.bool(inline?["enabled"]) != true,
                !isCovered(resource, by: "aws_s3_bucket_versioning", in: inventory)
            else { return [] }
            return [
                Violation(
                    path: "versioning", value: resource.attributes["versioning"] ?? .null,
                    message: "bucket versioning is not enabled")
            ]
        })

    static let loggingDisabled = Rule(
        RuleDescription(
            id: "aws-s3-access-logging-disabled", title: "S3 bucket has no server access logging", severity: .low,
            pack: "aws", resourceTypes: ["aws_s3_bucket"],
            rationale: "Without access logs nobody can say who read or deleted which objects after a leak; "
                + "CloudTrail data events are the costly alternative. Buckets that receive logs (a "
                + "log-delivery-write ACL, or named as the target of a bucket's logging, a trail, a load balancer, "
                + "a distribution or a flow log in the same plan) are not asked to log themselves, which Checkov's "
                + "CKV_AWS_18 does.",
            remediation: """
                Send access logs to a dedicated log bucket (provider 4.x+; in 3.x use the inline `logging` block):

                resource "aws_s3_bucket_logging" "data" {
                  bucket        = aws_s3_bucket.data.id
                  target_bucket = aws_s3_bucket.access_logs.id
                  target_prefix = "data/"
                }
                """,
            references: ["MITRE ATT&CK T1530"], checkov: "CKV_AWS_18"),
        examples: RuleExamples(
            triggering: [["bucket": "plain", "logging": []], ["bucket": "plain"]],
            nonTriggering: [
                ["bucket": "data", "logging": [["target_bucket": "logs", "target_prefix": "data/"]]],
                ["bucket": "covered"],
                ["bucket": "logs", "acl": "log-delivery-write"],
                ["bucket": "trail-logs", "logging": []],
            ],
            context: [
                Resource(
                    address: "aws_s3_bucket_logging.covered", type: "aws_s3_bucket_logging", name: "covered",
                    attributes: ["bucket": "covered", "target_bucket": "logs"]),
                Resource(
                    address: "aws_cloudtrail.main", type: "aws_cloudtrail", name: "main",
                    attributes: ["s3_bucket_name": "trail-logs"]),
            ]),
        checkInventory: { resource, inventory in
            let inline = resource.attributes["logging"]
            guard (inline?.elements ?? []).isEmpty,
                resource.attributes["acl"]?.stringValue != "log-delivery-write",
                !isLogTarget(resource, in: inventory),
                !isCovered(resource, by: "aws_s3_bucket_logging", in: inventory)
            else { return [] }
            return [Violation(path: "logging", value: inline ?? .null, message: "bucket has no server access logging")]
        })

    /// Where each log-producing resource type names its destination bucket (attribute path, as a name or
    /// an S3 ARN or domain).
    private static let logDestinations: [(type: String, path: [String])] = [
        ("aws_s3_bucket", ["logging", "target_bucket"]),
        ("aws_s3_bucket_logging", ["target_bucket"]),
        ("aws_cloudtrail", ["s3_bucket_name"]),
        ("aws_lb", ["access_logs", "bucket"]),
        ("aws_alb", ["access_logs", "bucket"]),
        ("aws_elb", ["access_logs", "bucket"]),
        ("aws_cloudfront_distribution", ["logging_config", "bucket"]),
        ("aws_flow_log", ["log_destination"]),
    ]

    /// True when the bucket receives logs from another resource of the plan (by name or by reference).
    static func isLogTarget(_ bucket: Resource, in inventory: ResourceInventory) -> Bool {
        let index = inventory.memoized("aws.s3.log-destinations") { LogDestinations($0) }
        let producers =
            (index.byReference[bucket.configurationAddress] ?? [])
            + (bucket.attributes["bucket"]?.stringValue.flatMap { index.byBucketName[$0] } ?? [])
        return producers.contains { $0 != bucket.address }
    }

    /// Every log destination the plan names, indexed once: configuration reference → producer addresses, and
    /// bucket name (given as a name, an S3 ARN or a domain) → producer addresses.
    struct LogDestinations: Sendable {
        var byReference: [String: [String]] = [:]
        var byBucketName: [String: [String]] = [:]

        init(_ inventory: ResourceInventory) {
            for (type, path) in S3DataRules.logDestinations {
                for producer in inventory.resources(ofType: type) {
                    if let first = path.first {
                        for reference in producer.references[first] ?? [] {
                            byReference[reference, default: []].append(producer.address)
                        }
                    }
                    var values: [JSONValue] = [producer.attributes]
                    for key in path { values = values.flatMap { $0[key]?.elements ?? [] } }
                    for value in values.compactMap(\.stringValue) {
                        let bucketName =
                            value.hasPrefix("arn:aws:s3:::")
                            ? String(value.dropFirst("arn:aws:s3:::".count).split(separator: "/").first ?? "")
                            : String(value.split(separator: ".").first ?? "")
                        byBucketName[value, default: []].append(producer.address)
                        if bucketName != value { byBucketName[bucketName, default: []].append(producer.address) }
                    }
                }
            }
        }
    }
}
