import Core

/// RDS instances and Aurora clusters: exposure, encryption, backups and the settings that keep data around.
///
/// Read replicas (`replicate_source_db` set) inherit encryption, backups and availability from their source
/// and are skipped by the rules that judge those. Aurora instances (`engine = "aurora…"`) keep their
/// storage settings on the cluster and are judged there.
enum RDSRules {
    static func isReplica(_ resource: Resource) -> Bool {
        resource.attributes["replicate_source_db"]?.stringValue.map { !$0.isEmpty } ?? false
    }

    static func isAurora(_ resource: Resource) -> Bool {
        resource.attributes["engine"]?.stringValue?.hasPrefix("aurora") ?? false
    }

    static let rdsPublic = Rule(
        RuleDescription(
            id: "aws-rds-public", title: "RDS instance is publicly accessible", severity: .high, pack: "aws",
            resourceTypes: ["aws_db_instance", "aws_rds_cluster_instance"],
            rationale: "A publicly accessible database gets a public DNS name and address; credential stuffing and "
                + "database CVEs then target it directly instead of going through the application.",
            remediation: """
                Keep the database in private subnets and reach it from the application or a bastion:

                resource "aws_db_instance" "main" {
                  # ...
                  publicly_accessible = false
                }
                """,
            references: ["CIS AWS Foundations 2.3.3", "MITRE ATT&CK T1190"], checkov: "CKV_AWS_17"),
        examples: RuleExamples(
            triggering: [["engine": "postgres", "publicly_accessible": true]],
            nonTriggering: [["engine": "postgres", "publicly_accessible": false], ["engine": "postgres"]]),
        check: { resource in
            guard AWSSupport.bool(resource.attributes["publicly_accessible"]) == true else { return [] }
            return [Violation(path: "publicly_accessible", value: true)]
        })

    /// `storage_encrypted` is `null` when unset (the default is unencrypted) and fires; absent (unknown) does not.
    static let storageUnencrypted = Rule(
        RuleDescription(
            id: "aws-rds-storage-unencrypted", title: "RDS instance storage is not encrypted", severity: .medium,
            pack: "aws", resourceTypes: ["aws_db_instance"],
            rationale: "An unencrypted instance leaves its storage, automated backups, read replicas and every "
                + "snapshot in clear; a snapshot shared or copied by mistake exposes the whole database. "
                + "Encryption can only be chosen at creation, so it has to be right in the plan.",
            remediation: """
                Encrypt at creation (existing instances need a snapshot, an encrypted copy and a restore):

                resource "aws_db_instance" "main" {
                  # ...
                  storage_encrypted = true
                  kms_key_id        = aws_kms_key.rds.arn
                }
                """,
            references: ["CIS AWS Foundations 2.3.1", "MITRE ATT&CK T1530"], checkov: "CKV_AWS_16"),
        examples: RuleExamples(
            triggering: [
                ["engine": "mysql", "storage_encrypted": false], ["engine": "postgres", "storage_encrypted": nil],
            ],
            nonTriggering: [
                ["engine": "mysql", "storage_encrypted": true], ["engine": "mysql"],
                ["engine": "mysql", "storage_encrypted": nil, "replicate_source_db": "main"],
                ["engine": "aurora-mysql", "storage_encrypted": nil],
            ]),
        check: { resource in
            guard !isReplica(resource), !isAurora(resource), let value = resource.attributes["storage_encrypted"],
                AWSSupport.bool(value) != true
            else { return [] }
            return [
                Violation(
                    path: "storage_encrypted", value: value,
                    message: value.isNull ? "instance does not set storage_encrypted = true" : nil)
            ]
        })

    static let backupDisabled = Rule(
        RuleDescription(
            id: "aws-rds-backup-disabled", title: "RDS instance has automated backups turned off",
            severity: .medium, pack: "aws", resourceTypes: ["aws_db_instance"],
            rationale: "With backup_retention_period = 0 there are no automated backups and no point-in-time "
                + "recovery: a dropped table, a bad migration or ransomware inside the database is permanent. "
                + "An unset retention uses AWS's default (1 day) and passes.",
            remediation: """
                Keep at least a week of automated backups:

                resource "aws_db_instance" "main" {
                  # ...
                  backup_retention_period = 7
                }
                """,
            references: ["MITRE ATT&CK T1485", "MITRE ATT&CK T1490"], checkov: "CKV_AWS_133"),
        examples: RuleExamples(
            triggering: [["engine": "mysql", "backup_retention_period": 0]],
            nonTriggering: [
                ["engine": "mysql", "backup_retention_period": 7], ["engine": "mysql"],
                ["engine": "mysql", "backup_retention_period": 0, "replicate_source_db": "main"],
            ]),
        check: { resource in
            guard !isReplica(resource), AWSSupport.int(resource.attributes["backup_retention_period"]) == 0 else {
                return []
            }
            return [Violation(path: "backup_retention_period", value: 0)]
        })

    static let deletionProtectionOff = Rule(
        RuleDescription(
            id: "aws-rds-deletion-protection-off", title: "RDS instance has no deletion protection",
            severity: .low, pack: "aws", resourceTypes: ["aws_db_instance"],
            rationale: "Without deletion protection one `terraform destroy`, a renamed resource or a compromised "
                + "operator key deletes the database (and, by default, its automated backups) in one call.",
            remediation: """
                Turn deletion protection on for databases that hold data:

                resource "aws_db_instance" "main" {
                  # ...
                  deletion_protection = true
                }
                """,
            references: ["MITRE ATT&CK T1485"], checkov: "CKV_AWS_293"),
        examples: RuleExamples(
            triggering: [
                ["engine": "mysql", "deletion_protection": false], ["engine": "mysql", "deletion_protection": nil],
            ],
            nonTriggering: [["engine": "mysql", "deletion_protection": true], ["engine": "mysql"]]),
        check: { resource in
            guard let value = resource.attributes["deletion_protection"], AWSSupport.bool(value) != true else {
                return []
            }
            return [Violation(path: "deletion_protection", value: value)]
        })

    /// Engines whose instances support IAM database authentication.
    static let iamAuthEngines: Set<String> = ["mysql", "mariadb", "postgres"]

    static let iamAuthDisabled = Rule(
        RuleDescription(
            id: "aws-rds-iam-auth-disabled", title: "RDS instance does not use IAM database authentication",
            severity: .low, pack: "aws", resourceTypes: ["aws_db_instance"],
            rationale: "Without IAM authentication every application and person shares long-lived database "
                + "passwords that end up in config files and never rotate; IAM tokens expire in 15 minutes and "
                + "leave a CloudTrail record. Only MySQL, MariaDB and PostgreSQL support it (Checkov's "
                + "CKV_AWS_161 skips MariaDB).",
            remediation: """
                Enable IAM authentication and grant rds-db:connect to the roles that need it:

                resource "aws_db_instance" "main" {
                  # ...
                  iam_database_authentication_enabled = true
                }
                """,
            references: ["MITRE ATT&CK T1078.004", "MITRE ATT&CK T1552.001"], checkov: "CKV_AWS_161"),
        examples: RuleExamples(
            triggering: [
                ["engine": "postgres", "iam_database_authentication_enabled": nil],
                ["engine": "mysql", "iam_database_authentication_enabled": false],
            ],
            nonTriggering: [
                ["engine": "postgres", "iam_database_authentication_enabled": true],
                ["engine": "sqlserver-ex", "iam_database_authentication_enabled": nil],
                ["engine": "postgres"],
            ]),
        check: { resource in
            guard let engine = resource.attributes["engine"]?.stringValue, iamAuthEngines.contains(engine),
                let value = resource.attributes["iam_database_authentication_enabled"], AWSSupport.bool(value) != true
            else { return [] }
            return [Violation(path: "iam_database_authentication_enabled", value: value)]
        })

    /// `multi_az` is computed by the provider, so an unset value is absent from the plan; AWS's default is a
    /// single AZ, so absent fires too (replicas and Aurora instances excepted).
    static let multiAZDisabled = Rule(
        RuleDescription(
            id: "aws-rds-multi-az-disabled", title: "RDS instance runs in a single availability zone",
            severity: .low, pack: "aws", resourceTypes: ["aws_db_instance"],
            rationale: "A single-AZ instance goes down with its zone and during every maintenance reboot, and a "
                + "storage failure means restoring from backup with data loss up to the last backup.",
            remediation: """
                Run production databases with a standby in another zone:

                resource "aws_db_instance" "main" {
                  # ...
                  multi_az = true
                }
                """,
            references: ["MITRE ATT&CK T1490"], checkov: "CKV_AWS_157"),
        examples: RuleExamples(
            triggering: [["engine": "mysql", "multi_az": false], ["engine": "mysql"]],
            nonTriggering: [
                ["engine": "mysql", "multi_az": true],
                ["engine": "mysql", "replicate_source_db": "main"],
                ["engine": "aurora-postgresql"],
            ]),
        check: { resource in
            guard !isReplica(resource), !isAurora(resource) else { return [] }
            let value = resource.attributes["multi_az"]
            guard AWSSupport.bool(value) != true else { return [] }
            return [
                Violation(
                    path: "multi_az", value: value ?? .null,
                    message: value == nil ? "instance does not set multi_az = true (a single AZ)" : nil)
            ]
        })

    static let autoMinorUpgradeDisabled = Rule(
        RuleDescription(
            id: "aws-rds-auto-minor-upgrade-disabled", title: "RDS instance does not take minor engine upgrades",
            severity: .low, pack: "aws", resourceTypes: ["aws_db_instance", "aws_rds_cluster_instance"],
            rationale: "Minor versions carry the engine's security fixes; with automatic minor upgrades off a "
                + "database keeps a known CVE until someone remembers to upgrade it by hand.",
            remediation: """
                Let RDS apply minor versions in the maintenance window:

                resource "aws_db_instance" "main" {
                  # ...
                  auto_minor_version_upgrade = true
                }
                """,
            references: ["CIS AWS Foundations 2.3.2", "MITRE ATT&CK T1190"], checkov: "CKV_AWS_226"),
        examples: RuleExamples(
            triggering: [["engine": "mysql", "auto_minor_version_upgrade": false]],
            nonTriggering: [["engine": "mysql", "auto_minor_version_upgrade": true], ["engine": "mysql"]]),
        check: { resource in
            guard AWSSupport.bool(resource.attributes["auto_minor_version_upgrade"]) == false else { return [] }
            return [Violation(path: "auto_minor_version_upgrade", value: false)]
        })

    /// Serverless v1 clusters are always encrypted and are skipped.
    static let clusterUnencrypted = Rule(
        RuleDescription(
            id: "aws-rds-cluster-unencrypted", title: "Aurora cluster storage is not encrypted", severity: .medium,
            pack: "aws", resourceTypes: ["aws_rds_cluster"],
            rationale: "An unencrypted Aurora cluster leaves its volume, backups and every cluster snapshot in "
                + "clear; a snapshot shared or restored into the wrong account exposes the data. Encryption "
                + "cannot be turned on later without a snapshot-and-restore migration.",
            remediation: """
                Encrypt the cluster at creation:

                resource "aws_rds_cluster" "main" {
                  # ...
                  storage_encrypted = true
                  kms_key_id        = aws_kms_key.rds.arn
                }
                """,
            references: ["CIS AWS Foundations 2.3.1", "MITRE ATT&CK T1530"], checkov: "CKV_AWS_96"),
        examples: RuleExamples(
            triggering: [
                ["engine": "aurora-postgresql", "storage_encrypted": false],
                ["engine": "aurora-mysql", "storage_encrypted": nil],
            ],
            nonTriggering: [
                ["engine": "aurora-postgresql", "storage_encrypted": true],
                ["engine": "aurora-mysql", "engine_mode": "serverless", "storage_encrypted": false],
                ["engine": "aurora-mysql"],
            ]),
        check: { resource in
            guard resource.attributes["engine_mode"]?.stringValue != "serverless",
                let value = resource.attributes["storage_encrypted"], AWSSupport.bool(value) != true
            else { return [] }
            return [Violation(path: "storage_encrypted", value: value)]
        })

    static let clusterDeletionProtectionOff = Rule(
        RuleDescription(
            id: "aws-rds-cluster-deletion-protection-off", title: "Aurora cluster has no deletion protection",
            severity: .low, pack: "aws", resourceTypes: ["aws_rds_cluster"],
            rationale: "Without deletion protection one `terraform destroy`, a replaced resource or a compromised "
                + "operator key deletes the cluster, and with it the automated backups, in one call.",
            remediation: """
                Turn deletion protection on for clusters that hold data:

                resource "aws_rds_cluster" "main" {
                  # ...
                  deletion_protection = true
                }
                """,
            references: ["MITRE ATT&CK T1485"], checkov: "CKV_AWS_139"),
        examples: RuleExamples(
            triggering: [
                ["engine": "aurora-mysql", "deletion_protection": nil],
                ["engine": "aurora-mysql", "deletion_protection": false],
            ],
            nonTriggering: [["engine": "aurora-mysql", "deletion_protection": true], ["engine": "aurora-mysql"]]),
        check: { resource in
            guard let value = resource.attributes["deletion_protection"], AWSSupport.bool(value) != true else {
                return []
            }
            return [Violation(path: "deletion_protection", value: value)]
        })
}
