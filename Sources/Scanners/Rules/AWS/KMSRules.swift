import Core

/// KMS keys: rotation and key policies open to everyone.
enum KMSRules {
    static let rotationDisabled = Rule(
        RuleDescription(
            id: "aws-kms-rotation-disabled", title: "KMS key does not rotate", severity: .medium, pack: "aws",
            resourceTypes: ["aws_kms_key"],
            rationale: "Without rotation one key material encrypts years of data, so a leaked or brute-forced key "
                + "(or a plaintext data key cached somewhere) exposes all of it. Only symmetric encryption keys "
                + "can rotate; asymmetric and HMAC keys are skipped.",
            remediation: """
                Turn on yearly automatic rotation:

                resource "aws_kms_key" "data" {
                  description         = "data"
                  enable_key_rotation = true
                }
                """,
            references: ["CIS AWS Foundations 3.8", "MITRE ATT&CK T1552"], checkov: "CKV_AWS_7"),
        examples: RuleExamples(
            triggering: [
                ["customer_master_key_spec": "SYMMETRIC_DEFAULT", "enable_key_rotation": false],
                ["enable_key_rotation": nil],
            ],
            nonTriggering: [
                ["customer_master_key_spec": "SYMMETRIC_DEFAULT", "enable_key_rotation": true],
                [
                    "customer_master_key_spec": "ECC_NIST_P256", "key_usage": "SIGN_VERIFY",
                    "enable_key_rotation": false,
                ],
                ["key_spec": "HMAC_256", "key_usage": "GENERATE_VERIFY_MAC", "enable_key_rotation": false],
                [:],
            ]),
        check: { resource in
            let spec =
                resource.attributes["key_spec"]?.stringValue
                ?? resource.attributes["customer_master_key_spec"]?.stringValue ?? "SYMMETRIC_DEFAULT"
            let usage = resource.attributes["key_usage"]?.stringValue ?? "ENCRYPT_DECRYPT"
            guard spec == "SYMMETRIC_DEFAULT", usage == "ENCRYPT_DECRYPT",
                let value = resource.attributes["enable_key_rotation"], AWSSupport.bool(value) != true
            else { return [] }
            return [Violation(path: "enable_key_rotation", value: value)]
        })

    static let policyPublic = Rule(
        RuleDescription(
            id: "aws-kms-policy-public", title: "KMS key policy allows anyone", severity: .high, pack: "aws",
            resourceTypes: ["aws_kms_key"],
            rationale: "A key policy statement that allows Principal \"*\" without a condition pinning it to your "
                + "account or a service hands the key to every AWS account: anyone can decrypt what it protects, "
                + "or schedule it for deletion and destroy the data (a ransomware pattern).",
            remediation: """
                Grant the key to your account root and named roles; narrow any "*" statement:

                Statement = [{
                  Sid       = "Account"
                  Effect    = "Allow"
                  Principal = { AWS = "arn:aws:iam::123456789012:root" }
                  Action    = "kms:*"
                  Resource  = "*"
                }]
                """,
            references: ["MITRE ATT&CK T1530", "MITRE ATT&CK T1485"],
            checkov: "CKV_AWS_33"),
        examples: RuleExamples(
            triggering: [
                [
                    "policy":
                        #"{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:*","Resource":"*"}]}"#
                ]
            ],
            nonTriggering: [
                [
                    "policy":
                        #"{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::1:root"},"Action":"kms:*","Resource":"*"}]}"#
                ],
                [
                    "policy":
                        #"{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:CallerAccount":"123456789012"}}}]}"#
                ],
                [:],
            ]),
        check: { AWSSupport.publicStatement($0, what: "key policy") })
}
