import Core

/// CloudTrail trails: the audit log every investigation starts from.
enum CloudTrailRules {
    static func flagOff(_ resource: Resource, _ key: String) -> Bool {
        AWSSupport.bool(resource.attributes[key]) == false
    }

    static let loggingDisabled = Rule(
        RuleDescription(
            id: "aws-cloudtrail-logging-disabled", title: "CloudTrail trail is not logging", severity: .high,
            pack: "aws", resourceTypes: ["aws_cloudtrail"],
            rationale: "A trail with logging stopped records nothing: stopping trails is the first thing "
                + "attackers do after getting in, and a configuration that ships it stopped does their work.",
            remediation: """
                Keep the trail logging:

                resource "aws_cloudtrail" "main" {
                  # ...
                  enable_logging = true
                }
                """,
            references: ["CIS AWS Foundations 3.1", "MITRE ATT&CK T1562.008"], checkov: "CKV_AWS_251"),
        examples: RuleExamples(
            triggering: [["name": "main", "enable_logging": false]],
            nonTriggering: [["name": "main", "enable_logging": true], ["name": "main"]]),
        check: { resource in
            guard flagOff(resource, "enable_logging") else { return [] }
            return [Violation(path: "enable_logging", value: false)]
        })

    static let notMultiRegion = Rule(
        RuleDescription(
            id: "aws-cloudtrail-not-multi-region", title: "CloudTrail trail covers only one region",
            severity: .medium, pack: "aws", resourceTypes: ["aws_cloudtrail"],
            rationale: "A single-region trail misses everything done in the other regions, which is exactly where "
                + "attackers start crypto-mining instances or hide resources.",
            remediation: """
                Record every region:

                resource "aws_cloudtrail" "main" {
                  # ...
                  is_multi_region_trail = true
                }
                """,
            references: ["CIS AWS Foundations 3.1", "MITRE ATT&CK T1535", "MITRE ATT&CK T1562.008"],
            checkov: "CKV_AWS_67"),
        examples: RuleExamples(
            triggering: [["name": "main", "is_multi_region_trail": false]],
            nonTriggering: [["name": "main", "is_multi_region_trail": true], ["name": "main"]]),
        check: { resource in
            guard flagOff(resource, "is_multi_region_trail") else { return [] }
            return [Violation(path: "is_multi_region_trail", value: false)]
        })

    static let logValidationDisabled = Rule(
        RuleDescription(
            id: "aws-cloudtrail-log-validation-disabled", title: "CloudTrail log file validation is off",
            severity: .low, pack: "aws", resourceTypes: ["aws_cloudtrail"],
            rationale: "Without digest files nobody can prove that log files were not edited or deleted after "
                + "delivery, so an intruder with access to the bucket can rewrite history unnoticed.",
            remediation: """
                Turn on log file integrity validation:

                resource "aws_cloudtrail" "main" {
                  # ...
                  enable_log_file_validation = true
                }
                """,
            references: ["CIS AWS Foundations 3.2", "MITRE ATT&CK T1070"], checkov: "CKV_AWS_36"),
        examples: RuleExamples(
            triggering: [["name": "main", "enable_log_file_validation": false]],
            nonTriggering: [["name": "main", "enable_log_file_validation": true], ["name": "main"]]),
        check: { resource in
            guard flagOff(resource, "enable_log_file_validation") else { return [] }
            return [Violation(path: "enable_log_file_validation", value: false)]
        })

    static let notKMSEncrypted = Rule(
        RuleDescription(
            id: "aws-cloudtrail-not-kms-encrypted", title: "CloudTrail logs are not encrypted with a KMS key",
            severity: .low, pack: "aws", resourceTypes: ["aws_cloudtrail"],
            rationale: "With only S3-managed encryption, anyone who can read the log bucket reads the whole audit "
                + "trail; a KMS key adds a second permission (kms:Decrypt) and records every read.",
            remediation: """
                Encrypt the trail with a KMS key whose policy lets CloudTrail use it:

                resource "aws_cloudtrail" "main" {
                  # ...
                  kms_key_id = aws_kms_key.cloudtrail.arn
                }
                """,
            references: ["CIS AWS Foundations 3.7", "MITRE ATT&CK T1530"], checkov: "CKV_AWS_35"),
        examples: RuleExamples(
            triggering: [["name": "main", "kms_key_id": nil], ["name": "main", "kms_key_id": ""]],
            nonTriggering: [["name": "main", "kms_key_id": "arn:aws:kms:us-east-1:1:key/k"], ["name": "main"]]),
        check: { resource in
            guard let value = resource.attributes["kms_key_id"], (value.stringValue ?? "").isEmpty else { return [] }
            return [Violation(path: "kms_key_id", value: value, message: "trail logs are not encrypted with a KMS key")]
        })
}
