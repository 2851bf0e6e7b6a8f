import Core

/// SQS queues and SNS topics: encryption and who may use them.
enum MessagingRules {
    /// Flags queues that opt out of SQS-managed encryption without a KMS key.
    ///
    /// Fires only on `sqs_managed_sse_enabled = false` (provider 4.x+) with no `kms_master_key_id`. AWS has
    /// encrypted new queues with SSE-SQS by default since late 2022, whatever the provider version, so a queue
    /// that merely leaves both unset (as every 3.x plan does) is encrypted.
    static let sqsUnencrypted = Rule(
        RuleDescription(
            id: "aws-sqs-unencrypted", title: "SQS queue opts out of encryption at rest", severity: .medium,
            pack: "aws", resourceTypes: ["aws_sqs_queue"],
            rationale: "Messages often carry personal data and tokens; a queue that turns SQS-managed encryption "
                + "off without a KMS key stores them in clear. AWS encrypts new queues by default since 2022, so "
                + "a queue that sets neither attribute is encrypted; Checkov's CKV_AWS_27 still flags those.",
            remediation: """
                Keep SQS-managed encryption on, or use a KMS key:

                resource "aws_sqs_queue" "orders" {
                  name              = "orders"
                  kms_master_key_id = aws_kms_key.sqs.arn
                }
                """,
            references: ["MITRE ATT&CK T1530"], checkov: "CKV_AWS_27"),
        examples: RuleExamples(
            triggering: [["name": "q", "sqs_managed_sse_enabled": false, "kms_master_key_id": nil]],
            nonTriggering: [
                ["name": "q", "kms_master_key_id": "alias/aws/sqs"],
                ["name": "q", "sqs_managed_sse_enabled": true, "kms_master_key_id": nil],
                ["name": "q", "kms_master_key_id": nil],
            ]),
        check: { resource in
            let key = resource.attributes["kms_master_key_id"]?.stringValue ?? ""
            guard key.isEmpty, AWSSupport.bool(resource.attributes["sqs_managed_sse_enabled"]) == false else {
                return []
            }
            return [
                Violation(
                    path: "sqs_managed_sse_enabled", value: false,
                    message: "queue turns SQS-managed encryption off and sets no KMS key")
            ]
        })

    static let snsUnencrypted = Rule(
        RuleDescription(
            id: "aws-sns-unencrypted", title: "SNS topic is not encrypted at rest", severity: .low,
            pack: "aws", resourceTypes: ["aws_sns_topic"],
            rationale: "SNS does not encrypt topics by default: messages (alerts with hostnames, order events "
                + "with customer data) sit in clear until delivered, and a KMS key is also what lets a key "
                + "policy limit who may publish.",
            remediation: """
                Encrypt the topic with a KMS key:

                resource "aws_sns_topic" "alerts" {
                  name              = "alerts"
                  kms_master_key_id = aws_kms_key.sns.arn
                }
                """,
            references: ["MITRE ATT&CK T1530"], checkov: "CKV_AWS_26"),
        examples: RuleExamples(
            triggering: [["name": "t", "kms_master_key_id": nil], ["name": "t", "kms_master_key_id": ""]],
            nonTriggering: [["name": "t", "kms_master_key_id": "alias/aws/sns"], ["name": "t"]]),
        check: { resource in
            guard let value = resource.attributes["kms_master_key_id"], (value.stringValue ?? "").isEmpty else {
                return []
            }
            return [Violation(path: "kms_master_key_id", value: value, message: "topic sets no KMS key")]
        })

    static let sqsPolicyPublic = Rule(
        RuleDescription(
            id: "aws-sqs-policy-public", title: "SQS queue policy allows anyone", severity: .high, pack: "aws",
            resourceTypes: ["aws_sqs_queue_policy", "aws_sqs_queue"],
            rationale: "A queue policy that allows Principal \"*\" without a narrowing condition lets any AWS "
                + "account send forged messages into the pipeline, or read and delete the real ones.",
            remediation: """
                Allow the producing service or account only, pinned to the source:

                Statement = [{
                  Effect    = "Allow"
                  Principal = { Service = "sns.amazonaws.com" }
                  Action    = "sqs:SendMessage"
                  Resource  = aws_sqs_queue.orders.arn
                  Condition = { ArnEquals = { "aws:SourceArn" = aws_sns_topic.orders.arn } }
                }]
                """,
            references: ["MITRE ATT&CK T1530", "MITRE ATT&CK T1565"], checkov: "CKV_AWS_168"),
        examples: RuleExamples(
            triggering: [["policy": #"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"sqs:SendMessage"}]}"#]],
            nonTriggering: [
                [
                    "policy":
                        #"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Condition":{"ArnEquals":{"aws:SourceArn":"arn:aws:sns:us-east-1:1:t"}}}]}"#
                ],
                [
                    "policy":
                        #"{"Statement":[{"Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},"Action":"sqs:SendMessage"}]}"#
                ],
                ["name": "q"],
            ]),
        check: { AWSSupport.publicStatement($0, what: "queue policy") })

    static let snsPolicyPublic = Rule(
        RuleDescription(
            id: "aws-sns-policy-public", title: "SNS topic policy allows anyone", severity: .high, pack: "aws",
            resourceTypes: ["aws_sns_topic_policy", "aws_sns_topic"],
            rationale: "A topic policy that allows Principal \"*\" without a narrowing condition lets any AWS "
                + "account publish (phishing texts and e-mails through your subscriptions, forged events) or "
                + "subscribe an endpoint and receive every message.",
            remediation: """
                Allow the publishing service or account only, pinned to the source:

                Statement = [{
                  Effect    = "Allow"
                  Principal = { Service = "events.amazonaws.com" }
                  Action    = "sns:Publish"
                  Resource  = aws_sns_topic.alerts.arn
                  Condition = { StringEquals = { "aws:SourceAccount" = "123456789012" } }
                }]
                """,
            references: ["MITRE ATT&CK T1530", "MITRE ATT&CK T1565"], checkov: "CKV_AWS_169"),
        examples: RuleExamples(
            triggering: [
                [
                    "policy":
                        #"{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":["sns:Publish","sns:Subscribe"]}]}"#
                ]
            ],
            nonTriggering: [
                [
                    "policy":
                        #"{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sns:Publish","Condition":{"StringEquals":{"aws:SourceAccount":"123456789012"}}}]}"#
                ],
                ["name": "t"],
            ]),
        check: { AWSSupport.publicStatement($0, what: "topic policy") })
}
