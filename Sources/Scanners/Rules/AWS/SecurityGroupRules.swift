import Core

/// Security-group ingress open to the whole internet, and default security groups that allow traffic.
///
/// Reads the three ways Terraform expresses ingress: inline `ingress` blocks of `aws_security_group`,
/// `aws_security_group_rule` with `type = "ingress"`, and `aws_vpc_security_group_ingress_rule`. Egress is
/// never read (the original scores open egress as high, which buries real exposures). Protocol `-1` opens
/// every port, so it counts for every port rule except the database one (see `databasePortOpen`).
enum SecurityGroupRules {
    static let types = ["aws_security_group", "aws_security_group_rule", "aws_vpc_security_group_ingress_rule"]

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
            references: [
                "CIS AWS Foundations 5.2", "CIS AWS Foundations 5.3", "MITRE ATT&CK T1190",
                "MITRE ATT&CK T1021.004",
            ],
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
            references: [
                "CIS AWS Foundations 5.2", "CIS AWS Foundations 5.3", "MITRE ATT&CK T1190",
                "MITRE ATT&CK T1021.001",
            ],
            checkov: "CKV_AWS_25"),
        examples: examples(port: 3389),
        check: { openIngress($0, port: 3389, protocols: ["tcp", "6", "udp", "17"], service: "RDP") })

    // MARK: Ingress entries

    /// One ingress permission, whatever resource shape it came from.
    struct Entry {
        var block: JSONValue
        var prefix: String
        var protocolKey: String
        var cidrKeys: [String]

        var protocolName: String { block[protocolKey]?.compactText.lowercased() ?? "-1" }
        var isAllTraffic: Bool { protocolName == "-1" || protocolName == "all" }
        var isTCP: Bool { isAllTraffic || protocolName == "tcp" || protocolName == "6" }
        var from: Int { AWSSupport.int(block["from_port"]) ?? 0 }
        var to: Int { AWSSupport.int(block["to_port"]) ?? 65535 }

        /// Protocol -1, or a TCP/UDP range over every port (0 or 1 to 65535).
        var coversEveryPort: Bool { isAllTraffic || (from <= 1 && to >= 65535) }

        func covers(_ port: Int) -> Bool { isAllTraffic || (from <= port && port <= to) }

        /// The first CIDR attribute that holds 0.0.0.0/0 or ::/0.
        var worldCIDRs: (path: String, value: JSONValue?, cidrs: [String])? {
            for key in cidrKeys {
                let open = AWSSupport.strings(block[key]).filter(AWSSupport.worldCIDRs.contains)
                if !open.isEmpty { return (prefix + key, block[key], open) }
            }
            return nil
        }
    }

    /// The ingress permissions a resource declares; none for egress rules.
    static func ingressEntries(_ resource: Resource) -> [Entry] {
        let attributes = resource.attributes
        switch resource.type {
        case "aws_security_group":
            return (attributes["ingress"]?.elements ?? []).enumerated().map { index, block in
                Entry(
                    block: block, prefix: "ingress.\(index).", protocolKey: "protocol",
                    cidrKeys: ["cidr_blocks", "ipv6_cidr_blocks"])
            }
        case "aws_security_group_rule":
            guard attributes["type"]?.stringValue == "ingress" else { return [] }
            return [
                Entry(
                    block: attributes, prefix: "", protocolKey: "protocol",
                    cidrKeys: ["cidr_blocks", "ipv6_cidr_blocks"])
            ]
        default:
            // The newer resource spells its fields differently and is ingress by definition.
            return [
                Entry(block: attributes, prefix: "", protocolKey: "ip_protocol", cidrKeys: ["cidr_ipv4", "cidr_ipv6"])
            ]
        }
    }

    /// One violation per open ingress entry that covers `port`.
    static func openIngress(_ resource: Resource, port: Int, protocols: Set<String>, service: String) -> [Violation] {
        ingressEntries(resource).compactMap { entry in
            guard entry.isAllTraffic || protocols.contains(entry.protocolName), entry.covers(port),
                let open = entry.worldCIDRs
            else { return nil }
            let what = entry.isAllTraffic ? "all traffic (including \(service))" : "\(service) (port \(port))"
            return Violation(
                path: open.path, value: open.value,
                message: "ingress allows \(what) from \(open.cidrs.joined(separator: ", "))")
        }
    }

    private static func examples(port: Int) -> RuleExamples {
        let open: JSONValue = [
            "from_port": .number(Double(port)), "to_port": .number(Double(port)), "protocol": "tcp",
            "cidr_blocks": ["0.0.0.0/0"], "ipv6_cidr_blocks": [],
        ]
        let closed: JSONValue = [
            "from_port": .number(Double(port)), "to_port": .number(Double(port)), "protocol": "tcp",
            "cidr_blocks": ["10.0.0.0/8"], "ipv6_cidr_blocks": [],
        ]
        return RuleExamples(
            triggering: [
                ["ingress": [open]],
                ["type": "ingress", "from_port": 0, "to_port": 65535, "protocol": "tcp", "ipv6_cidr_blocks": ["::/0"]],
                ["type": "ingress", "from_port": 0, "to_port": 0, "protocol": "-1", "cidr_blocks": ["0.0.0.0/0"]],
                [
                    "ip_protocol": "tcp", "from_port": .number(Double(port)), "to_port": .number(Double(port)),
                    "cidr_ipv4": "0.0.0.0/0",
                ],
            ],
            nonTriggering: [
                ["ingress": [closed]],
                ["ingress": [["from_port": 443, "to_port": 443, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]]]],
                ["type": "egress", "from_port": 0, "to_port": 0, "protocol": "-1", "cidr_blocks": ["0.0.0.0/0"]],
                [
                    "ip_protocol": "tcp", "from_port": .number(Double(port)), "to_port": .number(Double(port)),
                    "cidr_ipv4": "192.168.0.0/16",
                ],
            ])
    }
}
