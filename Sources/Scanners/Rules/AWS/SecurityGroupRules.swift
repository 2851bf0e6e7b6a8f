import Core

/// Ingress open to the whole internet on a remote-administration port (SSH, RDP).
///
/// Reads the three ways Terraform expresses ingress: inline `ingress` blocks of `aws_security_group`,
/// `aws_security_group_rule` with `type = "ingress"`, and `aws_vpc_security_group_ingress_rule`. Egress is
/// never read (the original scores open egress as high, which buries real exposures). Protocol `-1` opens
/// every port, so it counts.
enum SecurityGroupRules {
    static let types = ["aws_security_group", "aws_security_group_rule", "aws_vpc_security_group_ingress_rule"]
    static let worldCIDRs: Set<String> = ["0.0.0.0/0", "::/0"]

    static let sshOpen = Rule(
        RuleDescription(
            id: "aws-sg-ssh-open", title: "Security group allows SSH (port 22) from the whole internet",
            severity: .high, pack: "aws", resourceTypes: types,
            rationale: "SSH open to 0.0.0.0/0 is found by internet-wide scanners within minutes; one weak key or "
                + "an unpatched sshd then hands an attacker a shell inside the VPC.",
            remediation: """
                Allow SSH only from a known range (VPN, bastion) or use SSM Session Manager instead:

                ingress {
                  from_port   = 22
                  to_port     = 22
                  protocol    = "tcp"
                  cidr_blocks = ["10.0.0.0/8"]
                }
                """,
            references: ["CIS AWS Foundations 5.2", "CIS AWS Foundations 5.3", "MITRE ATT&CK T1190",
                         "MITRE ATT&CK T1021.004"],
            checkov: "CKV_AWS_24"),
        examples: examples(port: 22),
        check: { openIngress($0, port: 22, protocols: ["tcp", "6"], service: "SSH") })

    static let rdpOpen = Rule(
        RuleDescription(
            id: "aws-sg-rdp-open", title: "Security group allows RDP (port 3389) from the whole internet",
            severity: .high, pack: "aws", resourceTypes: types,
            rationale: "RDP exposed to the internet is a leading ransomware entry point: brute force and RDP "
                + "vulnerabilities (BlueKeep) give interactive access to Windows hosts.",
            remediation: """
                Reach Windows hosts through a VPN, a bastion or SSM Fleet Manager, and restrict the rule:

                ingress {
                  from_port   = 3389
                  to_port     = 3389
                  protocol    = "tcp"
                  cidr_blocks = ["10.0.0.0/8"]
                }
                """,
            references: ["CIS AWS Foundations 5.2", "CIS AWS Foundations 5.3", "MITRE ATT&CK T1190",
                         "MITRE ATT&CK T1021.001"],
            checkov: "CKV_AWS_25"),
        examples: examples(port: 3389),
        check: { openIngress($0, port: 3389, protocols: ["tcp", "6", "udp", "17"], service: "RDP") })

    /// One violation per open ingress entry that covers `port`.
    static func openIngress(_ resource: Resource, port: Int, protocols: Set<String>, service: String) -> [Violation] {
        let attributes = resource.attributes
        switch resource.type {
        case "aws_security_group":
            return (attributes["ingress"]?.elements ?? []).enumerated().compactMap { index, block in
                violation(block, path: "ingress.\(index)", port: port, protocols: protocols, service: service)
            }
        case "aws_security_group_rule":
            guard attributes["type"]?.stringValue == "ingress" else { return [] }
            return violation(attributes, path: "", port: port, protocols: protocols, service: service).map { [$0] } ?? []
        default:
            // The newer resource spells its fields differently and is ingress by definition.
            return violation(
                attributes, path: "", port: port, protocols: protocols, service: service, protocolKey: "ip_protocol",
                cidrKeys: ["cidr_ipv4", "cidr_ipv6"]
            ).map { [$0] } ?? []
        }
    }

    private static func violation(
        _ block: JSONValue, path: String, port: Int, protocols: Set<String>, service: String,
        protocolKey: String = "protocol", cidrKeys: [String] = ["cidr_blocks", "ipv6_cidr_blocks"]
    ) -> Violation? {
        let prefix = path.isEmpty ? "" : path + "."
        let protocolName = block[protocolKey]?.compactText.lowercased() ?? "-1"
        let isAllTraffic = protocolName == "-1" || protocolName == "all"
        guard isAllTraffic || protocols.contains(protocolName) else { return nil }
        if !isAllTraffic {
            let from = block["from_port"]?.intValue ?? 0
            let to = block["to_port"]?.intValue ?? 65535
            guard from <= port, port <= to else { return nil }
        }
        for key in cidrKeys {
            let values = (block[key]?.elements ?? []).compactMap(\.stringValue)
            if values.contains(where: worldCIDRs.contains) {
                let what = isAllTraffic ? "all traffic (including \(service))" : "\(service) (port \(port))"
                return Violation(
                    path: prefix + key, value: block[key],
                    message: "ingress allows \(what) from \(values.filter(worldCIDRs.contains).joined(separator: ", "))")
            }
        }
        return nil
    }

    private static func examples(port: Int) -> RuleExamples {
        let open: JSONValue = ["from_port": .number(Double(port)), "to_port": .number(Double(port)), "protocol": "tcp",
                               "cidr_blocks": ["0.0.0.0/0"], "ipv6_cidr_blocks": []]
        let closed: JSONValue = ["from_port": .number(Double(port)), "to_port": .number(Double(port)), "protocol": "tcp",
                                 "cidr_blocks": ["10.0.0.0/8"], "ipv6_cidr_blocks": []]
        return RuleExamples(
            triggering: [
                ["ingress": [open]],
                ["type": "ingress", "from_port": 0, "to_port": 65535, "protocol": "tcp", "ipv6_cidr_blocks": ["::/0"]],
                ["type": "ingress", "from_port": 0, "to_port": 0, "protocol": "-1", "cidr_blocks": ["0.0.0.0/0"]],
                ["ip_protocol": "tcp", "from_port": .number(Double(port)), "to_port": .number(Double(port)),
                 "cidr_ipv4": "0.0.0.0/0"],
            ],
            nonTriggering: [
                ["ingress": [closed]],
                ["ingress": [["from_port": 443, "to_port": 443, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]]]],
                ["type": "egress", "from_port": 0, "to_port": 0, "protocol": "-1", "cidr_blocks": ["0.0.0.0/0"]],
                ["ip_protocol": "tcp", "from_port": .number(Double(port)), "to_port": .number(Double(port)),
                 "cidr_ipv4": "192.168.0.0/16"],
            ])
    }
}
