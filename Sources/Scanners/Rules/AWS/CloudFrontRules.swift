import Core

/// CloudFront distributions: what viewers may connect with.
enum CloudFrontRules {
    static let allowsHTTP = Rule(
        RuleDescription(
            id: "aws-cloudfront-allows-http", title: "CloudFront behaviour serves viewers over plain HTTP",
            severity: .medium, pack: "aws", resourceTypes: ["aws_cloudfront_distribution"],
            rationale: "A cache behaviour with viewer_protocol_policy = \"allow-all\" serves pages, cookies and "
                + "tokens in clear to anyone on the viewer's network, and lets them inject content (a coffee-shop "
                + "attacker, a hostile ISP). Every behaviour is checked, not only the default one.",
            remediation: """
                Redirect viewers to HTTPS in every cache behaviour:

                default_cache_behavior {
                  # ...
                  viewer_protocol_policy = "redirect-to-https"
                }
                """,
            references: ["MITRE ATT&CK T1040", "MITRE ATT&CK T1557"], checkov: "CKV_AWS_34"),
        examples: RuleExamples(
            triggering: [
                ["default_cache_behavior": [["viewer_protocol_policy": "allow-all"]]],
                [
                    "default_cache_behavior": [["viewer_protocol_policy": "https-only"]],
                    "ordered_cache_behavior": [["path_pattern": "/legacy/*", "viewer_protocol_policy": "allow-all"]],
                ],
            ],
            nonTriggering: [
                [
                    "default_cache_behavior": [["viewer_protocol_policy": "redirect-to-https"]],
                    "ordered_cache_behavior": [["path_pattern": "/api/*", "viewer_protocol_policy": "https-only"]],
                ]
            ]),
        check: { resource in
            var violations: [Violation] = []
            if AWSSupport.block(resource.attributes["default_cache_behavior"])?["viewer_protocol_policy"]?
                .stringValue == "allow-all"
            {
                violations.append(
                    Violation(
                        path: "default_cache_behavior.0.viewer_protocol_policy", value: "allow-all",
                        message: "default cache behaviour serves viewers over plain HTTP"))
            }
            for (index, behavior) in (resource.attributes["ordered_cache_behavior"]?.elements ?? []).enumerated()
            where behavior["viewer_protocol_policy"]?.stringValue == "allow-all" {
                let pattern = behavior["path_pattern"]?.stringValue ?? "#\(index)"
                violations.append(
                    Violation(
                        path: "ordered_cache_behavior.\(index).viewer_protocol_policy", value: "allow-all",
                        message: "cache behaviour \(pattern) serves viewers over plain HTTP"))
            }
            return violations
        })

    /// Only distributions with their own certificate: with the default *.cloudfront.net certificate CloudFront
    /// fixes the floor itself and `minimum_protocol_version` has no effect.
    static let outdatedTLS = Rule(
        RuleDescription(
            id: "aws-cloudfront-tls-outdated", title: "CloudFront accepts viewer TLS older than 1.2",
            severity: .medium, pack: "aws", resourceTypes: ["aws_cloudfront_distribution"],
            rationale: "Security policies below TLSv1.2_2018 accept TLS 1.0/1.1 and weak ciphers, which fail PCI "
                + "DSS and allow downgrade attacks on the viewers' connections. Distributions on the default "
                + "CloudFront certificate cannot choose a floor and are not flagged; Checkov's CKV_AWS_174 flags "
                + "them.",
            remediation: """
                Use a TLS 1.2 security policy with your certificate:

                viewer_certificate {
                  acm_certificate_arn      = aws_acm_certificate.site.arn
                  ssl_support_method       = "sni-only"
                  minimum_protocol_version = "TLSv1.2_2021"
                }
                """,
            references: ["MITRE ATT&CK T1040", "MITRE ATT&CK T1557"], checkov: "CKV_AWS_174"),
        examples: RuleExamples(
            triggering: [
                [
                    "viewer_certificate": [
                        [
                            "acm_certificate_arn": "arn:aws:acm:us-east-1:1:certificate/c",
                            "minimum_protocol_version": "TLSv1",
                        ]
                    ]
                ],
                ["viewer_certificate": [["iam_certificate_id": "ASCA1", "minimum_protocol_version": "TLSv1.1_2016"]]],
            ],
            nonTriggering: [
                [
                    "viewer_certificate": [
                        [
                            "acm_certificate_arn": "arn:aws:acm:us-east-1:1:certificate/c",
                            "minimum_protocol_version": "TLSv1.2_2021",
                        ]
                    ]
                ],
                [
                    "viewer_certificate": [
                        ["cloudfront_default_certificate": true, "minimum_protocol_version": "TLSv1"]
                    ]
                ],
            ]),
        check: { resource in
            guard let certificate = AWSSupport.block(resource.attributes["viewer_certificate"]),
                AWSSupport.bool(certificate["cloudfront_default_certificate"]) != true,
                certificate["acm_certificate_arn"]?.isTruthy == true
                    || certificate["iam_certificate_id"]?.isTruthy == true
            else { return [] }
            let version = certificate["minimum_protocol_version"]?.stringValue
            guard !(version?.hasPrefix("TLSv1.2") ?? false), !(version?.hasPrefix("TLSv1.3") ?? false) else {
                return []
            }
            return [
                Violation(
                    path: "viewer_certificate.0.minimum_protocol_version",
                    value: version.map(JSONValue.string) ?? .null,
                    message: "distribution accepts viewer TLS older than 1.2 (\(version ?? "unset"))")
            ]
        })
}
