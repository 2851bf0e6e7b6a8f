import Core

/// Managed data stores at rest: DynamoDB, EFS, ElastiCache, Redshift.
///
/// Several of these attributes are computed by provider 3.x when unset (absent from the plan) and default
/// to the insecure value in AWS; each rule says how it reads absence.
enum DataStoreRules {
    /// `point_in_time_recovery` is absent when unset; AWS's default is off, so absence fires.
    static let dynamoDBPITRDisabled = Rule(
        RuleDescription(
            id: "aws-dynamodb-pitr-disabled", title: "DynamoDB table has no point-in-time recovery",
            severity: .medium, pack: "aws", resourceTypes: ["aws_dynamodb_table"],
            rationale: "Without point-in-time recovery a bad deploy, a runaway script or an attacker's "
                + "DeleteItem loop destroys data that can only come back from a manual backup, if there is one.",
            remediation: """
                Turn on continuous backups:

                resource "aws_dynamodb_table" "orders" {
                  # ...
                  point_in_time_recovery {
                    enabled = true
                  }
                }
                """,
            references: ["MITRE ATT&CK T1485"], checkov: "CKV_AWS_28"),
        examples: RuleExamples(
            triggering: [["name": "t", "point_in_time_recovery": [["enabled": false]]], ["name": "t"]],
            nonTriggering: [["name": "t", "point_in_time_recovery": [["enabled": true]]]]),
        check: { resource in
            let block = AWSSupport.block(resource.attributes["point_in_time_recovery"])
            guard AWSSupport.bool(block?["enabled"]) != true else { return [] }
            return [
                Violation(
                    path: "point_in_time_recovery", value: resource.attributes["point_in_time_recovery"] ?? .null,
                    message: "table does not enable point-in-time recovery")
            ]
        })

    static let dynamoDBNoCMK = Rule(
        RuleDescription(
            id: "aws-dynamodb-no-cmk", title: "DynamoDB table is encrypted with the AWS-owned key",
            severity: .low, pack: "aws", resourceTypes: ["aws_dynamodb_table"],
            rationale: "Tables are always encrypted, but the AWS-owned key lives outside your account: nobody can "
                + "restrict or audit who decrypts the data, or cut access by disabling the key after a compromise. "
                + "A KMS key (AWS-managed or, better, your own) fixes both.",
            remediation: """
                Encrypt the table with your own KMS key:

                server_side_encryption {
                  enabled     = true
                  kms_key_arn = aws_kms_key.dynamodb.arn
                }
                """,
            references: ["MITRE ATT&CK T1530"], checkov: "CKV_AWS_119"),
        examples: RuleExamples(
            triggering: [["name": "t"], ["name": "t", "server_side_encryption": [["enabled": false]]]],
            nonTriggering: [
                ["name": "t", "server_side_encryption": [["enabled": true, "kms_key_arn": "arn:aws:kms:k"]]],
                ["name": "t", "server_side_encryption": [["enabled": true]]],
            ]),
        check: { resource in
            let block = AWSSupport.block(resource.attributes["server_side_encryption"])
            guard AWSSupport.bool(block?["enabled"]) != true else { return [] }
            return [
                Violation(
                    path: "server_side_encryption", value: resource.attributes["server_side_encryption"] ?? .null,
                    message: "table uses the AWS-owned key (server_side_encryption not enabled)")
            ]
        })

    /// `encrypted` is computed when unset (absent); EFS's API default is unencrypted, so absence fires.
    static let efsUnencrypted = Rule(
        RuleDescription(
            id: "aws-efs-unencrypted", title: "EFS file system is not encrypted at rest", severity: .medium,
            pack: "aws", resourceTypes: ["aws_efs_file_system"],
            rationale: "An unencrypted file system keeps shared application data and its backups in clear, and "
                + "encryption can only be chosen at creation: fixing it later means copying every file.",
            remediation: """
                Encrypt the file system at creation:

                resource "aws_efs_file_system" "shared" {
                  encrypted  = true
                  kms_key_id = aws_kms_key.efs.arn
                }
                """,
            references: ["CIS AWS Foundations 2.4.1", "MITRE ATT&CK T1530"], checkov: "CKV_AWS_42"),
        examples: RuleExamples(
            triggering: [["creation_token": "a", "encrypted": false], ["creation_token": "a"]],
            nonTriggering: [["creation_token": "a", "encrypted": true]]),
        check: { resource in
            let value = resource.attributes["encrypted"]
            guard AWSSupport.bool(value) != true else { return [] }
            return [
                Violation(
                    path: "encrypted", value: value ?? .null,
                    message: value == nil ? "file system does not set encrypted = true" : nil)
            ]
        })

    /// Both flags are computed by provider 3.x when unset (absent); AWS's default for Redis replication
    /// groups is off, so absence fires.
    static let elastiCacheAtRestUnencrypted = Rule(
        RuleDescription(
            id: "aws-elasticache-at-rest-unencrypted", title: "ElastiCache replication group is not encrypted at rest",
            severity: .medium, pack: "aws", resourceTypes: ["aws_elasticache_replication_group"],
            rationale: "Cache nodes and their snapshots hold sessions, tokens and copies of database rows; "
                + "unencrypted snapshots exported or shared expose them. Encryption can only be set at creation.",
            remediation: """
                Encrypt at rest when creating the group:

                resource "aws_elasticache_replication_group" "sessions" {
                  # ...
                  at_rest_encryption_enabled = true
                  kms_key_id                 = aws_kms_key.cache.arn
                }
                """,
            references: ["MITRE ATT&CK T1530"], checkov: "CKV_AWS_29"),
        examples: RuleExamples(
            triggering: [["engine": "redis", "at_rest_encryption_enabled": false], ["engine": "redis"]],
            nonTriggering: [["engine": "redis", "at_rest_encryption_enabled": true]]),
        check: { resource in
            let value = resource.attributes["at_rest_encryption_enabled"]
            guard AWSSupport.bool(value) != true else { return [] }
            return [
                Violation(
                    path: "at_rest_encryption_enabled", value: value ?? .null,
                    message: value == nil ? "replication group does not enable encryption at rest" : nil)
            ]
        })

    static let elastiCacheTransitUnencrypted = Rule(
        RuleDescription(
            id: "aws-elasticache-transit-unencrypted", title: "ElastiCache replication group does not encrypt traffic",
            severity: .medium, pack: "aws", resourceTypes: ["aws_elasticache_replication_group"],
            rationale: "Without TLS, cache traffic (session tokens, cached credentials) crosses the VPC in clear, "
                + "and Redis AUTH tokens cannot be used at all; anyone on the path can read or inject commands.",
            remediation: """
                Require TLS (and set an AUTH token):

                resource "aws_elasticache_replication_group" "sessions" {
                  # ...
                  transit_encryption_enabled = true
                  auth_token                 = var.redis_auth_token
                }
                """,
            references: ["MITRE ATT&CK T1040", "MITRE ATT&CK T1557"], checkov: "CKV_AWS_30"),
        examples: RuleExamples(
            triggering: [["engine": "redis", "transit_encryption_enabled": false], ["engine": "redis"]],
            nonTriggering: [["engine": "redis", "transit_encryption_enabled": true]]),
        check: { resource in
            let value = resource.attributes["transit_encryption_enabled"]
            guard AWSSupport.bool(value) != true else { return [] }
            return [
                Violation(
                    path: "transit_encryption_enabled", value: value ?? .null,
                    message: value == nil ? "replication group does not enable encryption in transit" : nil)
            ]
        })

    /// Provider 3.x defaults `publicly_accessible` to true, so an unset value is `true` in the plan and fires.
    static let redshiftPublic = Rule(
        RuleDescription(
            id: "aws-redshift-public", title: "Redshift cluster is publicly accessible", severity: .high,
            pack: "aws", resourceTypes: ["aws_redshift_cluster"],
            rationale: "A public Redshift endpoint puts the warehouse (usually the company's most complete copy "
                + "of its data) one leaked password away from anyone; provider 3.x makes clusters public unless "
                + "told otherwise.",
            remediation: """
                Keep the cluster private and reach it through the VPC:

                resource "aws_redshift_cluster" "warehouse" {
                  # ...
                  publicly_accessible = false
                }
                """,
            references: ["MITRE ATT&CK T1190", "MITRE ATT&CK T1530"], checkov: "CKV_AWS_87"),
        examples: RuleExamples(
            triggering: [["cluster_identifier": "w", "publicly_accessible": true]],
            nonTriggering: [["cluster_identifier": "w", "publicly_accessible": false], ["cluster_identifier": "w"]]),
        check: { resource in
            guard AWSSupport.bool(resource.attributes["publicly_accessible"]) == true else { return [] }
            return [Violation(path: "publicly_accessible", value: true)]
        })

    static let redshiftUnencrypted = Rule(
        RuleDescription(
            id: "aws-redshift-unencrypted", title: "Redshift cluster is not encrypted", severity: .medium,
            pack: "aws", resourceTypes: ["aws_redshift_cluster"],
            rationale: "An unencrypted warehouse keeps its blocks and every snapshot in clear; a snapshot shared "
                + "with another account or restored by mistake exposes all of it.",
            remediation: """
                Encrypt the cluster with a KMS key:

                resource "aws_redshift_cluster" "warehouse" {
                  # ...
                  encrypted  = true
                  kms_key_id = aws_kms_key.redshift.arn
                }
                """,
            references: ["MITRE ATT&CK T1530"], checkov: "CKV_AWS_64"),
        examples: RuleExamples(
            triggering: [
                ["cluster_identifier": "w", "encrypted": false], ["cluster_identifier": "w", "encrypted": nil],
            ],
            nonTriggering: [["cluster_identifier": "w", "encrypted": true], ["cluster_identifier": "w"]]),
        check: { resource in
            guard let value = resource.attributes["encrypted"], AWSSupport.bool(value) != true else { return [] }
            return [Violation(path: "encrypted", value: value)]
        })
}
