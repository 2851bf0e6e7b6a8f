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

    static let allTrafficOpen = Rule(
        RuleDescription(
            id: "aws-sg-all-traffic-open", title: "Security group allows every port from the whole internet",
            severity: .high, pack: "aws", resourceTypes: types,
            rationale: "An all-protocols (-1) or 0-65535 ingress rule from 0.0.0.0/0 exposes every service on the "
                + "instance, including the ones nobody remembers running (debug ports, admin consoles, exporters). "
                + "Checkov's CKV_AWS_277 only flags protocol -1; a TCP or UDP range over every port is the same "
                + "exposure and is flagged here too.",
            remediation: """
                Open only the ports the service needs, and only to the clients that need them:

                ingress {
                  from_port   = 443
                  to_port     = 443
                  protocol    = "tcp"
                  cidr_blocks = ["0.0.0.0/0"]
                }
                """,
            references: ["CIS AWS Foundations 5.2", "CIS AWS Foundations 5.3", "MITRE ATT&CK T1190"],
            checkov: "CKV_AWS_277"),
        examples: RuleExamples(
            triggering: [
                ["ingress": [["from_port": 0, "to_port": 0, "protocol": "-1", "cidr_blocks": ["0.0.0.0/0"]]]],
                ["type": "ingress", "from_port": 0, "to_port": 65535, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]],
                ["ip_protocol": "-1", "cidr_ipv6": "::/0"],
            ],
            nonTriggering: [
                ["ingress": [["from_port": 0, "to_port": 0, "protocol": "-1", "cidr_blocks": ["10.0.0.0/8"]]]],
                ["type": "egress", "from_port": 0, "to_port": 0, "protocol": "-1", "cidr_blocks": ["0.0.0.0/0"]],
                ["type": "ingress", "from_port": 443, "to_port": 443, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]],
                ["ip_protocol": "-1", "referenced_security_group_id": "sg-0123456789abcdef0"],
            ]),
        check: { resource in
            ingressEntries(resource).compactMap { entry in
                guard entry.coversEveryPort, let open = entry.worldCIDRs else { return nil }
                return Violation(
                    path: open.path, value: open.value,
                    message:
                        "ingress allows every port (\(entry.protocolName == "-1" ? "all protocols" : entry.protocolName)) "
                        + "from \(open.cidrs.joined(separator: ", "))")
            }
        })

    /// Ports of databases and data stores that should never face the internet.
    static let databasePorts: [(port: Int, service: String)] = [
        (1433, "SQL Server"), (1521, "Oracle"), (3306, "MySQL"), (5432, "PostgreSQL"), (5439, "Redshift"),
        (5984, "CouchDB"), (6379, "Redis"), (9042, "Cassandra"), (9200, "Elasticsearch"), (9300, "Elasticsearch"),
        (11211, "Memcached"), (27017, "MongoDB"),
    ]

    static let databasePortOpen = Rule(
        RuleDescription(
            id: "aws-sg-database-port-open", title: "Security group allows a database port from the whole internet",
            severity: .high, pack: "aws", resourceTypes: types,
            rationale: "Databases reachable from 0.0.0.0/0 (MySQL 3306, PostgreSQL 5432, SQL Server 1433, Redis "
                + "6379, MongoDB 27017, Elasticsearch 9200 …) are scanned continuously; unauthenticated Redis, "
                + "MongoDB and Elasticsearch instances have been wiped and ransomed by the thousand. Rules that "
                + "open every port are reported once, by aws-sg-all-traffic-open, not again here.",
            remediation: """
                Let only the application's security group reach the database:

                resource "aws_security_group_rule" "db_from_app" {
                  type                     = "ingress"
                  from_port                = 5432
                  to_port                  = 5432
                  protocol                 = "tcp"
                  source_security_group_id = aws_security_group.app.id
                  security_group_id        = aws_security_group.db.id
                }
                """,
            references: ["MITRE ATT&CK T1190"], checkov: nil),
        examples: RuleExamples(
            triggering: [
                ["ingress": [["from_port": 3306, "to_port": 3306, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]]]],
                [
                    "type": "ingress", "from_port": 9200, "to_port": 9300, "protocol": "tcp",
                    "ipv6_cidr_blocks": ["::/0"],
                ],
                ["ip_protocol": "tcp", "from_port": 27017, "to_port": 27017, "cidr_ipv4": "0.0.0.0/0"],
            ],
            nonTriggering: [
                ["ingress": [["from_port": 5432, "to_port": 5432, "protocol": "tcp", "cidr_blocks": ["10.0.0.0/16"]]]],
                [
                    "type": "egress", "from_port": 27017, "to_port": 27017, "protocol": "tcp",
                    "cidr_blocks": ["0.0.0.0/0"],
                ],
                ["type": "ingress", "from_port": 0, "to_port": 0, "protocol": "-1", "cidr_blocks": ["0.0.0.0/0"]],
                ["ip_protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_ipv4": "0.0.0.0/0"],
            ]),
        check: { resource in
            ingressEntries(resource).compactMap { entry in
                guard !entry.coversEveryPort, entry.isTCP, let open = entry.worldCIDRs else { return nil }
                let exposed = databasePorts.filter { entry.covers($0.port) }
                guard !exposed.isEmpty else { return nil }
                let names = exposed.map { "\($0.service) \($0.port)" }.joined(separator: ", ")
                return Violation(
                    path: open.path, value: open.value,
                    message: "ingress allows \(names) from \(open.cidrs.joined(separator: ", "))")
            }
        })

    static let defaultAllowsTraffic = Rule(
        RuleDescription(
            id: "aws-sg-default-allows-traffic", title: "A VPC's default security group allows traffic",
            severity: .low, pack: "aws", resourceTypes: ["aws_default_security_group", "aws_vpc"],
            rationale: "Anything launched without an explicit security group lands in the VPC's default group, "
                + "whose AWS-made rules allow all egress and all traffic between its members; one compromised "
                + "instance then reaches every other one. Reported on an `aws_default_security_group` with rules, "
                + "and on an `aws_vpc` whose default group Terraform does not manage at all (it keeps AWS's "
                + "rules). Checkov's CKV2_AWS_12 reports both cases on the VPC.",
            remediation: """
                Adopt the default security group and give it no rules; use named groups instead:

                resource "aws_default_security_group" "default" {
                  vpc_id = aws_vpc.main.id
                }
                """,
            references: ["CIS AWS Foundations 5.4", "MITRE ATT&CK T1021"], checkov: "CKV2_AWS_12"),
        examples: RuleExamples(
            triggering: [
                ["vpc_id": "vpc-1", "ingress": [["protocol": "-1", "self": true, "from_port": 0, "to_port": 0]]],
                ["egress": [["protocol": "-1", "from_port": 0, "to_port": 0, "cidr_blocks": ["0.0.0.0/0"]]]],
                ["id": "vpc-2", "cidr_block": "10.2.0.0/16"],
            ],
            // Each example is read both as a default security group and as a VPC; vpc-1 has a managed one.
            nonTriggering: [
                ["id": "vpc-1", "vpc_id": "vpc-1", "ingress": [], "egress": []],
                ["id": "vpc-1", "revoke_rules_on_delete": false],
                ["id": "vpc-1", "cidr_block": "10.1.0.0/16"],
            ],
            context: [
                Resource(
                    address: "aws_default_security_group.main", type: "aws_default_security_group", name: "main",
                    attributes: ["vpc_id": "vpc-1"])
            ]),
        checkInventory: { resource, inventory in
            if resource.type == "aws_vpc" {
                guard
                    case .none = AWSSupport.link(
                        to: resource, from: ["aws_default_security_group"], attribute: "vpc_id", targetKeys: ["id"],
                        in: inventory)
                else { return [] }
                return [
                    Violation(
                        path: "default_security_group_id", value: nil,
                        message: "the VPC's default security group is not managed, so it keeps AWS's allow rules")
                ]
            }
            let ingress = resource.attributes["ingress"]?.elements ?? []
            let egress = resource.attributes["egress"]?.elements ?? []
            guard !ingress.isEmpty || !egress.isEmpty else { return [] }
            return [
                Violation(
                    path: ingress.isEmpty ? "egress" : "ingress",
                    value: .string("\(ingress.count) ingress, \(egress.count) egress rule(s)"),
                    message:
                        "default security group allows traffic (\(ingress.count) ingress, \(egress.count) egress rule(s))"
                )
            ]
        })

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
