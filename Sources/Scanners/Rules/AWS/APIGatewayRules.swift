import Core

/// API Gateway: access logs on stages and methods open without any authorization.
enum APIGatewayRules {
    static let accessLoggingDisabled = Rule(
        RuleDescription(
            id: "aws-apigateway-access-logging-disabled", title: "API Gateway stage writes no access logs",
            severity: .low, pack: "aws", resourceTypes: ["aws_api_gateway_stage", "aws_apigatewayv2_stage"],
            rationale: "Without access logs there is no record of which caller hit which route with what result, "
                + "so credential stuffing, scraping or abuse of an API key cannot be investigated or blocked.",
            remediation: """
                Send access logs to CloudWatch Logs:

                access_log_settings {
                  destination_arn = aws_cloudwatch_log_group.api.arn
                  format          = jsonencode({ requestId = "$context.requestId", ip = "$context.identity.sourceIp", status = "$context.status" })
                }
                """,
            references: ["MITRE ATT&CK T1562.008"], checkov: "CKV_AWS_76"),
        examples: RuleExamples(
            triggering: [["stage_name": "prod", "access_log_settings": []]],
            nonTriggering: [
                [
                    "stage_name": "prod",
                    "access_log_settings": [
                        [
                            "destination_arn": "arn:aws:logs:l",
                            "format": "$context.requestId",
                        ]
                    ],
                ],
                ["stage_name": "prod"],
            ]),
        check: { resource in
            guard let settings = resource.attributes["access_log_settings"],
                !(AWSSupport.block(settings)?["destination_arn"]?.isTruthy ?? false)
            else { return [] }
            return [Violation(path: "access_log_settings", value: settings, message: "stage writes no access logs")]
        })

    static let methodWithoutAuth = Rule(
        RuleDescription(
            id: "aws-apigateway-method-no-auth", title: "API Gateway method needs neither authorization nor an API key",
            severity: .low, pack: "aws", resourceTypes: ["aws_api_gateway_method"],
            rationale: "A method with authorization NONE and no API key is callable by anyone on the internet; "
                + "when the backend assumes the gateway authenticated the caller, that is an open door to it. "
                + "CORS preflight (OPTIONS) methods are skipped. Intentionally public APIs should say so with a "
                + "waiver.",
            remediation: """
                Require an authorizer (or IAM, or at least an API key):

                resource "aws_api_gateway_method" "orders" {
                  # ...
                  authorization = "COGNITO_USER_POOLS"
                  authorizer_id = aws_api_gateway_authorizer.users.id
                }
                """,
            references: ["MITRE ATT&CK T1190"], checkov: "CKV_AWS_59"),
        examples: RuleExamples(
            triggering: [["http_method": "GET", "authorization": "NONE", "api_key_required": false]],
            nonTriggering: [
                ["http_method": "GET", "authorization": "AWS_IAM", "api_key_required": false],
                ["http_method": "GET", "authorization": "NONE", "api_key_required": true],
                ["http_method": "OPTIONS", "authorization": "NONE", "api_key_required": false],
            ]),
        check: { resource in
            let attributes = resource.attributes
            guard attributes["http_method"]?.stringValue?.uppercased() != "OPTIONS",
                attributes["authorization"]?.stringValue?.uppercased() == "NONE",
                AWSSupport.bool(attributes["api_key_required"]) != true
            else { return [] }
            let method = attributes["http_method"]?.stringValue ?? "?"
            return [
                Violation(
                    path: "authorization", value: "NONE",
                    message: "\(method) method needs neither authorization nor an API key")
            ]
        })
}
