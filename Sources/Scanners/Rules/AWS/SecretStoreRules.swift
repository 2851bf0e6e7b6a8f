import Core

/// Secrets Manager and SSM Parameter Store: where secrets live and which key protects them.
enum SecretStoreRules {
    static let secretsManagerNoCMK = Rule(
        RuleDescription(
            id: "aws-secretsmanager-no-cmk", title: "Secrets Manager secret uses the AWS-managed key",
            severity: .low, pack: "aws", resourceTypes: ["aws_secretsmanager_secret"],
            rationale: "With the default aws/secretsmanager key, anyone with secretsmanager:GetSecretValue in the "
                + "account can read the secret; a key of your own adds kms:Decrypt as a second gate, and is "
                + "required to share the secret with another account.",
            remediation: """
                Encrypt the secret with your own KMS key:

                resource "aws_secretsmanager_secret" "db" {
                  name       = "db"
                  kms_key_id = aws_kms_key.secrets.arn
                }
                """,
            references: ["MITRE ATT&CK T1555.006"], checkov: "CKV_AWS_149"),
        examples: RuleExamples(
            triggering: [["name": "db", "kms_key_id": nil]],
            nonTriggering: [["name": "db", "kms_key_id": "arn:aws:kms:us-east-1:1:key/k"], ["name": "db"]]),
        check: { resource in
            guard let value = resource.attributes["kms_key_id"], (value.stringValue ?? "").isEmpty else { return [] }
            return [
                Violation(path: "kms_key_id", value: value, message: "secret is encrypted with the AWS-managed key")
            ]
        })

    /// Judges the parameter's name (its last path segment), never its value, and reports the name only.
    static let ssmSecretPlaintext = Rule(
        RuleDescription(
            id: "aws-ssm-parameter-secret-plaintext", title: "SSM parameter holding a secret is not a SecureString",
            severity: .medium, pack: "aws", resourceTypes: ["aws_ssm_parameter"],
            rationale: "A String parameter named like a password, token or key is stored unencrypted and readable "
                + "by anyone with ssm:GetParameter, including read-only roles and support tooling, and it shows "
                + "in the console. Checkov's CKV2_AWS_34 asks every parameter to be a SecureString; this rule "
                + "only asks it of parameters named like secrets.",
            remediation: """
                Store secrets as SecureString, with your KMS key:

                resource "aws_ssm_parameter" "db_password" {
                  name   = "/app/db_password"
                  type   = "SecureString"
                  key_id = aws_kms_key.ssm.arn
                  value  = var.db_password
                }
                """,
            references: ["MITRE ATT&CK T1552.001"], checkov: "CKV2_AWS_34"),
        examples: RuleExamples(
            triggering: [
                ["name": "/app/db_password", "type": "String"], ["name": "API_TOKEN", "type": "StringList"],
            ],
            nonTriggering: [
                ["name": "/app/db_password", "type": "SecureString"], ["name": "/app/log_level", "type": "String"],
                ["name": "/app/db_password_arn", "type": "String"],
            ]),
        check: { resource in
            guard let name = resource.attributes["name"]?.stringValue,
                let type = resource.attributes["type"]?.stringValue, type != "SecureString",
                AWSSupport.looksSecret(String(name.split(separator: "/").last ?? Substring(name)))
            else { return [] }
            return [
                Violation(
                    path: "type", value: .string(type),
                    message: "parameter \(name) looks like a secret but is stored as \(type)")
            ]
        })
}
