import Core

/// IAM policies, attachments, users and trust policies that grant too much or to the wrong principal.
///
/// Terraform stores `policy` as a JSON string (usually from `jsonencode` or a policy document data source),
/// so the rules parse it; the original compared it as a string and practically never fired. A policy built
/// from an `aws_iam_policy_document` data source is still a JSON string in the plan, so it is read too (only
/// the data source itself is skipped: it is not a managed resource). Roles' inline `inline_policy` blocks
/// (provider 4.x+) are read like separate role policies.
enum IAMRules {
    static let policyTypes = ["aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy"]

    /// Every policy document a resource holds, with its attribute path.
    static func documents(_ resource: Resource) -> [(path: String, statements: [AWSSupport.Statement])] {
        var found: [(String, [AWSSupport.Statement])] = []
        if let statements = AWSSupport.statements(resource.attributes["policy"]) {
            found.append(("policy", statements))
        }
        for (index, block) in (resource.attributes["inline_policy"]?.elements ?? []).enumerated() {
            if let statements = AWSSupport.statements(block["policy"]) {
                found.append(("inline_policy.\(index).policy", statements))
            }
        }
        return found
    }

    static let wildcardPolicy = Rule(
        RuleDescription(
            id: "aws-iam-policy-wildcard", title: "IAM policy allows every action on every resource",
            severity: .high, pack: "aws", resourceTypes: policyTypes + ["aws_iam_role"],
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
                [
                    "name": "r",
                    "inline_policy": [
                        ["name": "all", "policy": #"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#]
                    ],
                ],
            ],
            nonTriggering: [
                ["policy": #"{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"#],
                ["policy": #"{"Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}"#],
                ["policy": #"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"arn:aws:s3:::b/*"}]}"#],
                ["policy": "not json"],
                [:],
            ]),
        check: { resource in
            documents(resource).flatMap { path, statements in
                statements.compactMap { statement in
                    guard statement.isAllow, statement.actions.contains("*"), statement.resources.contains("*")
                    else { return nil }
                    return Violation(
                        path: path, value: .string("Statement[\(statement.index)]: Allow * on *"),
                        message: "policy statement \(statement.index) allows every action on every resource")
                }
            }
        })
}
