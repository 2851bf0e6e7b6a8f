import Core

/// Elastic Load Balancing: plain-HTTP listeners, old TLS policies, access logs, header hygiene.
///
/// Findings say whether the load balancer is internet-facing or internal when the plan shows it (a listener
/// finds its load balancer through `load_balancer_arn`); the severity does not change, since internal load
/// balancers front the same data.
enum LoadBalancerRules {
    static let listenerTypes = ["aws_lb_listener", "aws_alb_listener"]
    static let balancerTypes = ["aws_lb", "aws_alb"]

    /// " (internet-facing)" or " (internal)" for a load balancer, "" when unknown.
    static func exposure(of balancer: Resource?) -> String {
        guard let balancer, let isInternal = AWSSupport.bool(balancer.attributes["internal"]) else { return "" }
        return isInternal ? " (internal load balancer)" : " (internet-facing load balancer)"
    }

    /// The load balancer a listener belongs to, when the plan can tell.
    static func balancer(of listener: Resource, in inventory: ResourceInventory) -> Resource? {
        let index = inventory.memoized("aws.lb.balancers") { Balancers($0) }
        var ordinals = (listener.references["load_balancer_arn"] ?? []).compactMap { index.byAddress[$0] }
        if let arn = listener.attributes["load_balancer_arn"]?.stringValue, let ordinal = index.byARN[arn] {
            ordinals.append(ordinal)
        }
        return ordinals.min().map { index.balancers[$0] }
    }

    /// The load balancers, indexed once by configuration address and by ARN (first one wins, as a scan would).
    struct Balancers: Sendable {
        var balancers: [Resource] = []
        var byAddress: [String: Int] = [:]
        var byARN: [String: Int] = [:]

        init(_ inventory: ResourceInventory) {
            for type in LoadBalancerRules.balancerTypes {
                for balancer in inventory.resources(ofType: type) {
                    let ordinal = balancers.count
                    balancers.append(balancer)
                    if byAddress[balancer.configurationAddress] == nil { byAddress[balancer.configurationAddress] = ordinal }
                    if let arn = balancer.attributes["arn"]?.stringValue, byARN[arn] == nil { byARN[arn] = ordinal }
                }
            }
        }
    }

    static let httpListener = Rule(
        RuleDescription(
            id: "aws-lb-http-listener", title: "Load balancer listener serves plain HTTP", severity: .medium,
            pack: "aws", resourceTypes: listenerTypes,
            rationale: "An HTTP listener that forwards (instead of redirecting to HTTPS) sends session cookies, "
                + "credentials and API tokens in clear across every network between client and load balancer, "
                + "where they can be read or altered.",
            remediation: """
                Redirect HTTP to HTTPS and serve the application on an HTTPS listener:

                default_action {
                  type = "redirect"
                  redirect {
                    port        = "443"
                    protocol    = "HTTPS"
                    status_code = "HTTP_301"
                  }
                }
                """,
            references: ["MITRE ATT&CK T1040", "MITRE ATT&CK T1557"], checkov: "CKV_AWS_2"),
        examples: RuleExamples(
            triggering: [["port": 80, "protocol": "HTTP", "default_action": [["type": "forward", "redirect": []]]]],
            nonTriggering: [
                [
                    "port": 80, "protocol": "HTTP",
                    "default_action": [["type": "redirect", "redirect": [["protocol": "HTTPS", "port": "443"]]]],
                ],
                ["port": 443, "protocol": "HTTPS", "default_action": [["type": "forward"]]],
                ["port": 5432, "protocol": "TCP", "default_action": [["type": "forward"]]],
            ]),
        checkInventory: { resource, inventory in
            guard resource.attributes["protocol"]?.stringValue?.uppercased() == "HTTP" else { return [] }
            let actions = resource.attributes["default_action"]?.elements ?? []
            let redirectsToHTTPS = actions.contains { action in
                action["type"]?.stringValue == "redirect"
                    && AWSSupport.block(action["redirect"])?["protocol"]?.stringValue?.uppercased() == "HTTPS"
            }
            guard !redirectsToHTTPS else { return [] }
            let port = resource.attributes["port"]?.compactText ?? "?"
            return [
                Violation(
                    path: "protocol", value: "HTTP",
                    message: "listener on port \(port) serves plain HTTP without redirecting to HTTPS"
                        + exposure(of: balancer(of: resource, in: inventory)))
            ]
        })

    /// True for policies that refuse anything older than TLS 1.2.
    ///
    /// `ELBSecurityPolicy-TLS13-1-0/1-1` still accept TLS 1.0/1.1 and do not count (Checkov's CKV_AWS_103
    /// accepts any `TLS13` policy).
    static func isModern(_ policy: String) -> Bool {
        [
            "ELBSecurityPolicy-TLS-1-2", "ELBSecurityPolicy-FS-1-2", "ELBSecurityPolicy-TLS13-1-2",
            "ELBSecurityPolicy-TLS13-1-3",
        ].contains { policy.hasPrefix($0) }
    }

    /// An unset `ssl_policy` is computed (absent) and AWS picks ELBSecurityPolicy-2016-08 (TLS 1.0), so absence
    /// fires for HTTPS and TLS listeners.
    static let outdatedTLS = Rule(
        RuleDescription(
            id: "aws-lb-tls-outdated", title: "Load balancer listener accepts TLS older than 1.2", severity: .medium,
            pack: "aws", resourceTypes: listenerTypes,
            rationale: "TLS 1.0 and 1.1 have known weaknesses (BEAST, weak ciphers, no AEAD) and fail PCI DSS; "
                + "ELBSecurityPolicy-2016-08, AWS's default when ssl_policy is unset, still accepts them.",
            remediation: """
                Use a TLS 1.2+ policy:

                resource "aws_lb_listener" "https" {
                  # ...
                  protocol   = "HTTPS"
                  ssl_policy = "ELBSecurityPolicy-TLS13-1-2-2021-06"
                }
                """,
            references: ["MITRE ATT&CK T1040", "MITRE ATT&CK T1557"], checkov: "CKV_AWS_103"),
        examples: RuleExamples(
            triggering: [
                ["protocol": "HTTPS", "ssl_policy": "ELBSecurityPolicy-2016-08"], ["protocol": "TLS"],
                ["protocol": "HTTPS", "ssl_policy": "ELBSecurityPolicy-TLS13-1-0-2021-06"],
            ],
            nonTriggering: [
                ["protocol": "HTTPS", "ssl_policy": "ELBSecurityPolicy-TLS13-1-2-2021-06"],
                ["protocol": "TLS", "ssl_policy": "ELBSecurityPolicy-TLS-1-2-Ext-2018-06"],
                ["protocol": "HTTP"],
            ]),
        check: { resource in
            let proto = resource.attributes["protocol"]?.stringValue?.uppercased() ?? ""
            guard proto == "HTTPS" || proto == "TLS" else { return [] }
            let policy = resource.attributes["ssl_policy"]?.stringValue
            guard !(policy.map(isModern) ?? false) else { return [] }
            return [
                Violation(
                    path: "ssl_policy", value: policy.map(JSONValue.string) ?? .null,
                    message:
                        "listener accepts TLS older than 1.2 (ssl_policy \(policy ?? "unset: ELBSecurityPolicy-2016-08"))"
                )
            ]
        })

    static let accessLogsDisabled = Rule(
        RuleDescription(
            id: "aws-lb-access-logs-disabled", title: "Load balancer does not write access logs", severity: .low,
            pack: "aws", resourceTypes: balancerTypes,
            rationale: "Without access logs there is no record of who requested what through the load balancer: "
                + "attacks against the application (credential stuffing, path traversal, scraping) leave no trace "
                + "to investigate or block. Gateway load balancers have no access logs and are skipped.",
            remediation: """
                Write access logs to an S3 bucket:

                access_logs {
                  bucket  = aws_s3_bucket.lb_logs.id
                  prefix  = "web"
                  enabled = true
                }
                """,
            references: ["MITRE ATT&CK T1562.008"], checkov: "CKV_AWS_91"),
        examples: RuleExamples(
            triggering: [
                ["internal": false, "access_logs": []],
                ["internal": true, "access_logs": [["bucket": "logs", "enabled": false]]],
            ],
            nonTriggering: [
                ["internal": false, "access_logs": [["bucket": "logs", "enabled": true]]],
                ["load_balancer_type": "gateway", "access_logs": []], ["internal": false],
            ]),
        check: { resource in
            guard resource.attributes["load_balancer_type"]?.stringValue != "gateway",
                let logs = resource.attributes["access_logs"]
            else { return [] }
            guard AWSSupport.bool(AWSSupport.block(logs)?["enabled"]) != true else { return [] }
            return [
                Violation(
                    path: "access_logs", value: logs,
                    message: "load balancer writes no access logs" + exposure(of: resource))
            ]
        })

    /// Classic load balancers turn logging on by declaring the block (`enabled` defaults to true).
    static let classicAccessLogsDisabled = Rule(
        RuleDescription(
            id: "aws-elb-access-logs-disabled", title: "Classic load balancer does not write access logs",
            severity: .low, pack: "aws", resourceTypes: ["aws_elb"],
            rationale: "Without access logs there is no record of who reached the backends through the load "
                + "balancer, so attacks leave nothing to investigate.",
            remediation: """
                Write access logs to an S3 bucket:

                access_logs {
                  bucket   = aws_s3_bucket.lb_logs.id
                  interval = 60
                }
                """,
            references: ["MITRE ATT&CK T1562.008"], checkov: "CKV_AWS_92"),
        examples: RuleExamples(
            triggering: [
                ["name": "web", "access_logs": []],
                ["name": "web", "access_logs": [["bucket": "l", "enabled": false]]],
            ],
            nonTriggering: [["name": "web", "access_logs": [["bucket": "l", "enabled": true]]], ["name": "web"]]),
        check: { resource in
            guard let logs = resource.attributes["access_logs"] else { return [] }
            if let block = AWSSupport.block(logs), AWSSupport.bool(block["enabled"]) != false { return [] }
            return [Violation(path: "access_logs", value: logs, message: "classic load balancer writes no access logs")]
        })

    static let dropInvalidHeadersOff = Rule(
        RuleDescription(
            id: "aws-lb-drop-invalid-headers-off", title: "Application load balancer forwards invalid HTTP headers",
            severity: .low, pack: "aws", resourceTypes: balancerTypes,
            rationale: "Headers with invalid characters are the raw material of request smuggling and header "
                + "injection against the backends; the ALB can drop them before they arrive. Network and gateway "
                + "load balancers do not parse HTTP and are skipped.",
            remediation: """
                Drop invalid header fields:

                resource "aws_lb" "web" {
                  # ...
                  drop_invalid_header_fields = true
                }
                """,
            references: ["MITRE ATT&CK T1190"], checkov: "CKV_AWS_131"),
        examples: RuleExamples(
            triggering: [
                ["load_balancer_type": "application", "drop_invalid_header_fields": false],
                ["internal": false, "drop_invalid_header_fields": nil],
            ],
            nonTriggering: [
                ["load_balancer_type": "application", "drop_invalid_header_fields": true],
                ["load_balancer_type": "network", "drop_invalid_header_fields": nil],
                ["load_balancer_type": "application"],
            ]),
        check: { resource in
            let type = resource.attributes["load_balancer_type"]?.stringValue ?? "application"
            guard type == "application", let value = resource.attributes["drop_invalid_header_fields"],
                AWSSupport.bool(value) != true
            else { return [] }
            return [
                Violation(
                    path: "drop_invalid_header_fields", value: value,
                    message: "load balancer forwards invalid HTTP header fields" + exposure(of: resource))
            ]
        })
}
