import Core
import Foundation

/// IAM policies that grant everything.
///
/// Terraform stores `policy` as a JSON string (usually from `jsonencode` or a policy document data source),
/// so the rule parses it; the original compared it as a string and practically never fired.
enum IAMRules {
    static let policyTypes = ["aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy"]

    static let wildcardPolicy = Rule(
        RuleDescription(
            id: "aws-iam-policy-wildcard", title: "IAM policy allows every action on every resource",
            severity: .high, pack: "aws", resourceTypes: policyTypes,
            rationale: "An Allow of \"*\" on \"*\" is full administrator access: whoever holds it (or steals the "
                + "role's credentials) can create users and keys, read every secret and erase the audit trail.",
            remediation: """
                Grant only the actions and resources the workload needs:

                policy = jsonencode({
                  Version   = "2012-10-17"
                  Statement = [{
                    Effect   = "Allow"
                    Action   = ["s3:GetObject"]
                    Resource = ["arn:aws:s3:::my-bucket/*"]
                  }]
                })
                """,
            references: ["CIS AWS Foundations 1.16", "MITRE ATT&CK T1098"], checkov: "CKV_AWS_62"),
        examples: RuleExamples(
            triggering: [
                ["policy": #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#],
                ["policy": #"{"Statement":{"Effect":"Allow","Action":["s3:GetObject","*"],"Resource":["*"]}}"#],
            ],
            nonTriggering: [
                ["policy": #"{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"#],
                ["policy": #"{"Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}"#],
                ["policy": #"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"arn:aws:s3:::b/*"}]}"#],
                ["policy": "not json"],
                [:],
            ]),
        check: { resource in
            guard let text = resource.attributes["policy"]?.stringValue,
                let document = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
            else { return [] }
            let statements = document["Statement"]?.elements ?? []
            return statements.enumerated().compactMap { index, statement in
                guard statement["Effect"]?.stringValue == "Allow",
                    grantsAll(statement["Action"]), grantsAll(statement["Resource"])
                else { return nil }
                return Violation(
                    path: "policy", value: .string("Statement[\(index)]: Allow * on *"),
                    message: "policy statement \(index) allows every action on every resource")
            }
        })

    private static func grantsAll(_ value: JSONValue?) -> Bool {
        (value?.elements ?? []).contains { $0.stringValue == "*" }
    }
}
