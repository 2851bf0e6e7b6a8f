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

    /// The `*`-on-`*` case is left to `aws-iam-policy-wildcard`, so one statement gives one finding.
    static let starAction = Rule(
        RuleDescription(
            id: "aws-iam-policy-star-action", title: "IAM policy allows every action (\"*\") on some resources",
            severity: .medium, pack: "aws", resourceTypes: policyTypes + ["aws_iam_role"],
            rationale: "Action \"*\" grants every current and future API of every service on the named resources, "
                + "including deleting them and rewriting their policies, so a narrow Resource does not make it "
                + "narrow. Statements that also allow every resource are reported by aws-iam-policy-wildcard "
                + "instead; Checkov's CKV_AWS_63 reports both.",
            remediation: """
                List the actions the workload needs:

                Statement = [{
                  Effect   = "Allow"
                  Action   = ["s3:GetObject", "s3:PutObject"]
                  Resource = "arn:aws:s3:::my-bucket/*"
                }]
                """,
            references: ["MITRE ATT&CK T1098"], checkov: "CKV_AWS_63"),
        examples: RuleExamples(
            triggering: [["policy": #"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"arn:aws:s3:::b/*"}]}"#]],
            nonTriggering: [
                ["policy": #"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#],
                ["policy": #"{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b/*"}]}"#],
                ["policy": #"{"Statement":[{"Effect":"Deny","Action":"*","Resource":"arn:aws:s3:::b/*"}]}"#],
            ]),
        check: { resource in
            documents(resource).flatMap { path, statements in
                statements.compactMap { statement in
                    guard statement.isAllow, statement.actions.contains("*"), !statement.resources.contains("*")
                    else { return nil }
                    return Violation(
                        path: path,
                        value: .string(
                            "Statement[\(statement.index)]: Allow * on "
                                + statement.resources.joined(separator: ", ")),
                        message: "policy statement \(statement.index) allows every action on "
                            + statement.resources.joined(separator: ", "))
                }
            }
        })

    static let adminPolicyARN = "arn:aws:iam::aws:policy/AdministratorAccess"

    static let adminAttached = Rule(
        RuleDescription(
            id: "aws-iam-admin-policy-attached", title: "AdministratorAccess is attached", severity: .high,
            pack: "aws",
            resourceTypes: [
                "aws_iam_role_policy_attachment", "aws_iam_user_policy_attachment",
                "aws_iam_group_policy_attachment", "aws_iam_policy_attachment", "aws_iam_role",
            ],
            rationale: "The AWS-managed AdministratorAccess policy is \"*\" on \"*\": every principal it is attached "
                + "to can do anything in the account, so one leaked key or one SSRF on a workload holding it is a "
                + "full account takeover.",
            remediation: """
                Attach a policy scoped to the job (or a permission set for humans via SSO):

                resource "aws_iam_role_policy_attachment" "app" {
                  role       = aws_iam_role.app.name
                  policy_arn = aws_iam_policy.app.arn
                }
                """,
            references: ["CIS AWS Foundations 1.16", "MITRE ATT&CK T1098", "MITRE ATT&CK T1078.004"],
            checkov: "CKV_AWS_274"),
        examples: RuleExamples(
            triggering: [
                ["role": "app", "policy_arn": "arn:aws:iam::aws:policy/AdministratorAccess"],
                ["name": "app", "managed_policy_arns": ["arn:aws:iam::aws:policy/AdministratorAccess"]],
            ],
            nonTriggering: [
                ["role": "app", "policy_arn": "arn:aws:iam::aws:policy/ReadOnlyAccess"],
                ["name": "app", "managed_policy_arns": ["arn:aws:iam::aws:policy/ReadOnlyAccess"]],
            ]),
        check: { resource in
            if resource.attributes["policy_arn"]?.stringValue == adminPolicyARN {
                return [
                    Violation(
                        path: "policy_arn", value: .string(adminPolicyARN),
                        message: "attaches AdministratorAccess")
                ]
            }
            if AWSSupport.strings(resource.attributes["managed_policy_arns"]).contains(adminPolicyARN) {
                return [
                    Violation(
                        path: "managed_policy_arns", value: .string(adminPolicyARN),
                        message: "role has AdministratorAccess among its managed policies")
                ]
            }
            return []
        })

    static let userPolicy = Rule(
        RuleDescription(
            id: "aws-iam-user-policy", title: "IAM policy is given to a user directly", severity: .low,
            pack: "aws",
            resourceTypes: ["aws_iam_user_policy", "aws_iam_user_policy_attachment", "aws_iam_policy_attachment"],
            rationale: "Permissions attached to individual users drift: they are missed in access reviews and "
                + "survive role changes, so leavers and movers keep rights nobody knows about. Grant through "
                + "groups or roles instead.",
            remediation: """
                Put the user in a group and attach the policy to the group:

                resource "aws_iam_group_policy_attachment" "deployers" {
                  group      = aws_iam_group.deployers.name
                  policy_arn = aws_iam_policy.deploy.arn
                }
                """,
            references: ["CIS AWS Foundations 1.15", "MITRE ATT&CK T1098"], checkov: "CKV_AWS_40"),
        examples: RuleExamples(
            triggering: [
                ["user": "ci", "policy": #"{"Statement":[]}"#],
                [
                    "name": "shared", "users": ["ci"], "roles": nil,
                    "policy_arn": "arn:aws:iam::aws:policy/ReadOnlyAccess",
                ],
            ],
            nonTriggering: [
                ["name": "shared", "users": nil, "roles": ["app"], "policy_arn": "arn:aws:iam::1:policy/x"],
                ["name": "shared", "users": []],
            ]),
        check: { resource in
            if resource.type == "aws_iam_policy_attachment" {
                let users = AWSSupport.strings(resource.attributes["users"])
                guard !users.isEmpty else { return [] }
                return [
                    Violation(
                        path: "users", value: resource.attributes["users"],
                        message: "policy is attached to user(s) \(users.joined(separator: ", "))")
                ]
            }
            guard let user = resource.attributes["user"] else { return [] }
            return [Violation(path: "user", value: user, message: "policy is attached to user \(user.compactText)")]
        })

    static let accessKey = Rule(
        RuleDescription(
            id: "aws-iam-access-key", title: "IAM user has a long-lived access key", severity: .low, pack: "aws",
            resourceTypes: ["aws_iam_access_key"],
            rationale: "Static access keys never expire, get copied into CI settings, laptops and repositories, "
                + "and are the most common way AWS accounts are breached; the secret also lands in Terraform "
                + "state. Prefer roles with short-lived credentials (OIDC federation for CI, SSO for people).",
            remediation: """
                Replace the key with a role the workload assumes, e.g. GitHub Actions OIDC:

                resource "aws_iam_role" "ci" {
                  name               = "ci"
                  assume_role_policy = data.aws_iam_policy_document.github_oidc.json
                }
                """,
            references: [
                "CIS AWS Foundations 1.14", "MITRE ATT&CK T1078.004",
                "MITRE ATT&CK T1552.001",
            ],
            checkov: nil),
        examples: RuleExamples(
            triggering: [["user": "ci"], ["user": "ci", "status": "Active"]],
            nonTriggering: [["user": "ci", "status": "Inactive"]]),
        check: { resource in
            guard resource.attributes["status"]?.stringValue != "Inactive" else { return [] }
            let user = resource.attributes["user"]?.stringValue ?? "?"
            return [
                Violation(
                    path: "user", value: resource.attributes["user"],
                    message: "user \(user) gets an active long-lived access key")
            ]
        })

    static let assumeRolePublic = Rule(
        RuleDescription(
            id: "aws-iam-assume-role-public", title: "IAM role can be assumed by any AWS account",
            severity: .critical, pack: "aws", resourceTypes: ["aws_iam_role"],
            rationale: "A trust policy with Principal {AWS = \"*\"} (or \"*\") and no condition pinning the caller "
                + "lets anyone with any AWS account call sts:AssumeRole and act with the role's permissions. "
                + "Conditions on an organization, account, source or external id count as pinning.",
            remediation: """
                Trust named principals, and pin third parties with an external id:

                assume_role_policy = jsonencode({
                  Version   = "2012-10-17"
                  Statement = [{
                    Effect    = "Allow"
                    Principal = { AWS = "arn:aws:iam::210987654321:root" }
                    Action    = "sts:AssumeRole"
                    Condition = { StringEquals = { "sts:ExternalId" = var.partner_external_id } }
                  }]
                })
                """,
            references: ["MITRE ATT&CK T1078.004", "MITRE ATT&CK T1098"],
            checkov: "CKV_AWS_60"),
        examples: RuleExamples(
            triggering: [
                [
                    "assume_role_policy":
                        #"{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}"#
                ],
                [
                    "assume_role_policy":
                        #"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"}]}"#
                ],
            ],
            nonTriggering: [
                [
                    "assume_role_policy":
                        #"{"Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#
                ],
                [
                    "assume_role_policy":
                        #"{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-1"}}}]}"#
                ],
            ]),
        check: { AWSSupport.publicStatement($0, path: "assume_role_policy", what: "trust policy") })

    // MARK: Password policy

    static let passwordTooShort = Rule(
        RuleDescription(
            id: "aws-iam-password-policy-short", title: "IAM password policy allows passwords under 14 characters",
            severity: .low, pack: "aws", resourceTypes: ["aws_iam_account_password_policy"],
            rationale: "Short console passwords fall to guessing and credential stuffing; CIS asks for at least "
                + "14 characters. An unset length means AWS's minimum.",
            remediation: """
                Require long passwords:

                resource "aws_iam_account_password_policy" "strict" {
                  minimum_password_length   = 14
                  password_reuse_prevention = 24
                }
                """,
            references: ["CIS AWS Foundations 1.8", "MITRE ATT&CK T1110"], checkov: "CKV_AWS_10"),
        examples: RuleExamples(
            triggering: [["minimum_password_length": 8], ["allow_users_to_change_password": true]],
            nonTriggering: [["minimum_password_length": 14], ["minimum_password_length": 20]]),
        check: { resource in
            let length = AWSSupport.int(resource.attributes["minimum_password_length"])
            guard (length ?? 0) < 14 else { return [] }
            return [
                Violation(
                    path: "minimum_password_length", value: resource.attributes["minimum_password_length"] ?? .null,
                    message:
                        "password policy allows passwords of \(length.map(String.init) ?? "AWS's minimum") characters")
            ]
        })

    static let passwordReuse = Rule(
        RuleDescription(
            id: "aws-iam-password-policy-reuse", title: "IAM password policy allows reusing recent passwords",
            severity: .low, pack: "aws", resourceTypes: ["aws_iam_account_password_policy"],
            rationale: "Users forced to rotate will cycle back to a leaked password unless the last 24 are "
                + "remembered; CIS asks for 24.",
            remediation: """
                Remember the last 24 passwords:

                resource "aws_iam_account_password_policy" "strict" {
                  minimum_password_length   = 14
                  password_reuse_prevention = 24
                }
                """,
            references: ["CIS AWS Foundations 1.9", "MITRE ATT&CK T1110"], checkov: "CKV_AWS_13"),
        examples: RuleExamples(
            triggering: [["password_reuse_prevention": 1], ["minimum_password_length": 14]],
            nonTriggering: [["password_reuse_prevention": 24]]),
        check: { resource in
            let reuse = AWSSupport.int(resource.attributes["password_reuse_prevention"])
            guard (reuse ?? 0) < 24 else { return [] }
            return [
                Violation(
                    path: "password_reuse_prevention", value: resource.attributes["password_reuse_prevention"] ?? .null,
                    message: reuse.map { "password policy remembers only \($0) previous password(s)" }
                        ?? "password policy does not prevent password reuse")
            ]
        })
}
