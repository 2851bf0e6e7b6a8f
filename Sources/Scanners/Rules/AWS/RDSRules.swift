import Core

/// RDS instances and Aurora clusters: exposure, encryption, backups and the settings that keep data around.
///
/// Read replicas (`replicate_source_db` set) inherit encryption, backups and availability from their source
/// and are skipped by the rules that judge those. Aurora instances (`engine = "aurora…"`) keep their
/// storage settings on the cluster and are judged there.
enum RDSRules {
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
}
