import Core

/// Lambda functions: who can invoke them, tracing, and secrets in their environment.
enum LambdaRules {
    static let urlAuthNone = Rule(
        RuleDescription(
            id: "aws-lambda-url-auth-none", title: "Lambda function URL needs no authentication", severity: .high,
            pack: "aws", resourceTypes: ["aws_lambda_function_url"],
            rationale: "A function URL with authorization_type = \"NONE\" is a public HTTPS endpoint: anyone who "
                + "finds it can invoke the function, run up the bill and reach whatever its role can touch. "
                + "Use IAM auth, or put API Gateway with an authorizer in front.",
            remediation: """
                Require SigV4-signed calls:

                resource "aws_lambda_function_url" "hook" {
                  function_name      = aws_lambda_function.hook.function_name
                  authorization_type = "AWS_IAM"
                }
                """,
            references: ["MITRE ATT&CK T1190"], checkov: "CKV_AWS_258"),
        examples: RuleExamples(
            triggering: [["function_name": "hook", "authorization_type": "NONE"]],
            nonTriggering: [["function_name": "hook", "authorization_type": "AWS_IAM"]]),
        check: { resource in
            guard resource.attributes["authorization_type"]?.stringValue?.uppercased() == "NONE" else { return [] }
            return [
                Violation(
                    path: "authorization_type", value: "NONE", message: "function URL is public (authorization NONE)")
            ]
        })

    static let permissionPublic = Rule(
        RuleDescription(
            id: "aws-lambda-permission-public", title: "Lambda permission lets anyone invoke the function",
            severity: .high, pack: "aws", resourceTypes: ["aws_lambda_permission"],
            rationale: "A resource policy statement with principal \"*\" and no source_arn, source_account or "
                + "principal_org_id lets every AWS account (and, for function URLs, the internet) invoke the "
                + "function with the caller's chosen payload.",
            remediation: """
                Name the calling service and pin it to the source:

                resource "aws_lambda_permission" "s3" {
                  statement_id   = "AllowS3"
                  action         = "lambda:InvokeFunction"
                  function_name  = aws_lambda_function.thumbs.function_name
                  principal      = "s3.amazonaws.com"
                  source_arn     = aws_s3_bucket.uploads.arn
                  source_account = "123456789012"
                }
                """,
            references: ["MITRE ATT&CK T1190", "MITRE ATT&CK T1648"], checkov: "CKV_AWS_301"),
        examples: RuleExamples(
            triggering: [["action": "lambda:InvokeFunction", "principal": "*", "source_arn": nil]],
            nonTriggering: [
                ["action": "lambda:InvokeFunction", "principal": "s3.amazonaws.com", "source_arn": "arn:aws:s3:::b"],
                ["action": "lambda:InvokeFunction", "principal": "*", "principal_org_id": "o-1"],
                ["action": "lambda:InvokeFunction", "principal": "*", "source_account": "123456789012"],
            ]),
        check: { resource in
            let attributes = resource.attributes
            guard attributes["principal"]?.stringValue == "*",
                !["source_arn", "source_account", "principal_org_id"].contains(where: {
                    attributes[$0]?.isTruthy ?? false
                })
            else { return [] }
            return [Violation(path: "principal", value: "*", message: "any AWS account may invoke the function")]
        })

    /// `tracing_config` is computed when unset (absent); the default mode is PassThrough, so absence fires.
    static let tracingDisabled = Rule(
        RuleDescription(
            id: "aws-lambda-tracing-disabled", title: "Lambda function does not trace requests", severity: .low,
            pack: "aws", resourceTypes: ["aws_lambda_function"],
            rationale: "Without active X-Ray tracing there is no per-request record of which downstream calls a "
                + "function made, so abuse of a function (data pulled through it, unexpected callers) is hard to "
                + "reconstruct.",
            remediation: """
                Turn on active tracing:

                tracing_config {
                  mode = "Active"
                }
                """,
            references: ["MITRE ATT&CK T1562.008"], checkov: "CKV_AWS_50"),
        examples: RuleExamples(
            triggering: [["function_name": "f", "tracing_config": [["mode": "PassThrough"]]], ["function_name": "f"]],
            nonTriggering: [["function_name": "f", "tracing_config": [["mode": "Active"]]]]),
        check: { resource in
            let mode = AWSSupport.block(resource.attributes["tracing_config"])?["mode"]?.stringValue
            guard mode != "Active" else { return [] }
            return [
                Violation(
                    path: "tracing_config", value: mode.map(JSONValue.string) ?? .null,
                    message: "function does not trace requests (mode \(mode ?? "PassThrough"))")
            ]
        })

    /// Reports variable names only, never their values; a value that is an ARN points at a secret store and
    /// is fine.
    static let environmentSecrets = Rule(
        RuleDescription(
            id: "aws-lambda-env-secrets", title: "Lambda function keeps secrets in plain environment variables",
            severity: .medium, pack: "aws", resourceTypes: ["aws_lambda_function"],
            rationale: "Environment variables named like passwords, tokens or keys are readable by anyone with "
                + "lambda:GetFunctionConfiguration (read-only roles, support tooling) and sit in Terraform state "
                + "and plan output. Without a KMS key of your own they are protected only by the AWS-managed key. "
                + "Values that are ARNs (pointers to Secrets Manager or SSM) are not secrets. Checkov's CKV_AWS_45 "
                + "looks for secret-shaped values instead of names and ignores the key.",
            remediation: """
                Store the secret in Secrets Manager and pass its ARN; or encrypt the variables with your key:

                environment {
                  variables = {
                    DB_PASSWORD_ARN = aws_secretsmanager_secret.db.arn
                  }
                }
                kms_key_arn = aws_kms_key.lambda.arn
                """,
            references: ["MITRE ATT&CK T1552.001"], checkov: "CKV_AWS_45"),
        examples: RuleExamples(
            triggering: [
                [
                    "function_name": "f", "kms_key_arn": nil,
                    "environment": [["variables": ["DB_PASSWORD": "hunter2", "LOG_LEVEL": "info"]]],
                ]
            ],
            nonTriggering: [
                [
                    "function_name": "f", "kms_key_arn": "arn:aws:kms:us-east-1:1:key/k",
                    "environment": [["variables": ["DB_PASSWORD": "hunter2"]]],
                ],
                [
                    "function_name": "f", "kms_key_arn": nil,
                    "environment": [
                        [
                            "variables": [
                                "DB_PASSWORD_ARN": "arn:aws:secretsmanager:us-east-1:1:secret:db",
                                "API_TOKEN": "arn:aws:ssm:us-east-1:1:parameter/t",
                            ]
                        ]
                    ],
                ],
                ["function_name": "f", "kms_key_arn": nil, "environment": [["variables": ["LOG_LEVEL": "debug"]]]],
            ]),
        check: { resource in
            guard (resource.attributes["kms_key_arn"]?.stringValue ?? "").isEmpty else { return [] }
            let variables = AWSSupport.block(resource.attributes["environment"])?["variables"]?.objectValue ?? [:]
            let names = variables.keys.sorted().filter { name in
                guard AWSSupport.looksSecret(name) else { return false }
                guard let value = variables[name]?.stringValue else { return variables[name] != nil }
                return !AWSSupport.isSecretReference(value)
            }
            guard !names.isEmpty else { return [] }
            return [
                Violation(
                    path: "environment.0.variables", value: .string(names.joined(separator: ", ")),
                    message: "secret-looking environment variables without a KMS key: "
                        + names.joined(separator: ", "))
            ]
        })
}
