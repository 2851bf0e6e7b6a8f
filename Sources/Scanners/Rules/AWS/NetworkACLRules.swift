import Core

/// Network ACLs that let the whole internet in on an administration port or on every port.
///
/// NACL rules are evaluated in `rule_no` order and the first match wins, so a lower-numbered deny closes a
/// port that a later allow opens. The rules honour that order among the inline `ingress` blocks of an
/// `aws_network_acl`, and among the `aws_network_acl_rule` resources of the same ACL (linked through their
/// `network_acl_id`). Only rules whose CIDR is the whole internet decide "open to anyone"; narrower
/// rules affect some addresses only. Egress rules are never read.
enum NetworkACLRules {
    static let types = ["aws_network_acl", "aws_network_acl_rule"]

    static let sshOpen = Rule(
        RuleDescription(
            id: "aws-nacl-ssh-open", title: "Network ACL allows SSH (port 22) from the whole internet",
            severity: .medium, pack: "aws", resourceTypes: types,
            rationale: "A subnet ACL that admits SSH from 0.0.0.0/0 leaves a single security-group mistake "
                + "between a brute-forced sshd and the internet; CIS asks that no ACL admit remote administration "
                + "ports from anywhere. A lower-numbered deny for the same port closes it and is honoured.",
            remediation: """
                Deny remote administration from the internet before any broad allow:

                ingress {
                  rule_no    = 90
                  protocol   = "tcp"
                  action     = "deny"
                  cidr_block = "0.0.0.0/0"
                  from_port  = 22
                  to_port    = 22
                }
                """,
            references: ["CIS AWS Foundations 5.1", "MITRE ATT&CK T1190", "MITRE ATT&CK T1021.004"],
            checkov: "CKV_AWS_232"),
        examples: examples(port: 22),
        checkInventory: { openPort($0, in: $1, port: 22, service: "SSH") })

    static let rdpOpen = Rule(
        RuleDescription(
            id: "aws-nacl-rdp-open", title: "Network ACL allows RDP (port 3389) from the whole internet",
            severity: .medium, pack: "aws", resourceTypes: types,
            rationale: "A subnet ACL that admits RDP from 0.0.0.0/0 leaves Windows hosts one security-group "
                + "mistake away from brute force and RDP exploits, the classic ransomware entry. A lower-numbered "
                + "deny for the same port closes it and is honoured.",
            remediation: """
                Deny remote administration from the internet before any broad allow:

                resource "aws_network_acl_rule" "deny_rdp" {
                  network_acl_id = aws_network_acl.main.id
                  rule_number    = 90
                  egress         = false
                  protocol       = "tcp"
                  rule_action    = "deny"
                  cidr_block     = "0.0.0.0/0"
                  from_port      = 3389
                  to_port        = 3389
                }
                """,
            references: ["CIS AWS Foundations 5.1", "MITRE ATT&CK T1190", "MITRE ATT&CK T1021.001"],
            checkov: "CKV_AWS_231"),
        examples: examples(port: 3389),
        checkInventory: { openPort($0, in: $1, port: 3389, service: "RDP") })

    static let allTrafficOpen = Rule(
        RuleDescription(
            id: "aws-nacl-all-traffic-open", title: "Network ACL allows every port from the whole internet",
            severity: .medium, pack: "aws", resourceTypes: types,
            rationale: "An allow-all ingress entry from 0.0.0.0/0 turns the subnet ACL off as a layer of "
                + "defence: every service in the subnet is one security-group mistake from the internet. "
                + "Checkov's CKV_AWS_352 flags every ingress `aws_network_acl_rule` without ports, deny rules and "
                + "private ranges included; this rule only flags allows from the internet.",
            remediation: """
                Allow only the ports the subnet serves (return traffic needs the ephemeral range):

                ingress {
                  rule_no    = 100
                  protocol   = "tcp"
                  action     = "allow"
                  cidr_block = "0.0.0.0/0"
                  from_port  = 443
                  to_port    = 443
                }
                """,
            references: ["CIS AWS Foundations 5.1", "MITRE ATT&CK T1190"], checkov: "CKV_AWS_352"),
        examples: RuleExamples(
            triggering: [
                [
                    "ingress": [
                        [
                            "rule_no": 100, "action": "allow", "protocol": "-1", "cidr_block": "0.0.0.0/0",
                            "from_port": 0, "to_port": 0,
                        ]
                    ]
                ],
                [
                    "egress": false, "rule_number": 200, "rule_action": "allow", "protocol": "-1",
                    "cidr_block": "0.0.0.0/0",
                ],
            ],
            nonTriggering: [
                [
                    "ingress": [
                        [
                            "rule_no": 100, "action": "allow", "protocol": "-1", "cidr_block": "10.0.0.0/8",
                            "from_port": 0, "to_port": 0,
                        ]
                    ]
                ],
                [
                    "egress": true, "rule_number": 100, "rule_action": "allow", "protocol": "-1",
                    "cidr_block": "0.0.0.0/0",
                ],
                [
                    "egress": false, "rule_number": 100, "rule_action": "deny", "protocol": "-1",
                    "cidr_block": "0.0.0.0/0",
                ],
                [
                    "ingress": [
                        [
                            "rule_no": 50, "action": "deny", "protocol": "-1", "cidr_block": "0.0.0.0/0",
                            "from_port": 0,
                            "to_port": 0,
                        ],
                        [
                            "rule_no": 100, "action": "allow", "protocol": "-1", "cidr_block": "0.0.0.0/0",
                            "from_port": 0,
                            "to_port": 0,
                        ],
                    ]
                ],
            ]),
        checkInventory: { resource, inventory in
            let entries = ingressEntries(resource, in: inventory)
            // The first world entry that covers every port decides for "every port".
            guard let deciding = entries.first(where: { $0.coversEveryPort && $0.worldCIDR != nil }),
                deciding.isAllow, deciding.isOwn
            else { return [] }
            return [
                Violation(
                    path: deciding.path + deciding.cidrKey, value: .string(deciding.worldCIDR ?? ""),
                    message: "ACL rule \(deciding.number) allows every port from \(deciding.worldCIDR ?? "")")
            ]
        })

    // MARK: Entries

    /// One ingress entry, inline or a separate rule, in evaluation order.
    struct Entry {
        var number: Int
        var isAllow: Bool
        var protocolName: String
        var from: Int?
        var to: Int?
        var worldCIDR: String?
        var cidrKey: String
        var path: String
        /// False for a sibling rule resource: it is reported on its own address, not this one's.
        var isOwn: Bool

        var isAllTraffic: Bool { protocolName == "-1" || protocolName == "all" }
        var coversEveryPort: Bool { isAllTraffic || ((from ?? 0) <= 1 && (to ?? 0) >= 65535) }

        func covers(port: Int) -> Bool {
            guard isAllTraffic || ["tcp", "6"].contains(protocolName) else { return false }
            if isAllTraffic { return true }
            guard let from, let to else { return false }
            return from <= port && port <= to
        }
    }

    private static func entry(_ block: JSONValue, path: String, isOwn: Bool, actionKey: String, numberKey: String)
        -> Entry
    {
        let ipv4 = block["cidr_block"]?.stringValue ?? ""
        let ipv6 = block["ipv6_cidr_block"]?.stringValue ?? ""
        let world: (String, String)? =
            AWSSupport.worldCIDRs.contains(ipv4)
            ? (ipv4, "cidr_block") : AWSSupport.worldCIDRs.contains(ipv6) ? (ipv6, "ipv6_cidr_block") : nil
        return Entry(
            number: AWSSupport.int(block[numberKey]) ?? Int.max,
            isAllow: block[actionKey]?.stringValue?.lowercased() == "allow",
            protocolName: block["protocol"]?.compactText.lowercased() ?? "-1",
            from: AWSSupport.int(block["from_port"]), to: AWSSupport.int(block["to_port"]),
            worldCIDR: world?.0, cidrKey: world?.1 ?? "cidr_block", path: path, isOwn: isOwn)
    }

    /// The ingress entries that decide for this resource, sorted by rule number.
    ///
    /// For an `aws_network_acl`, its inline blocks. For an `aws_network_acl_rule`, itself and the other
    /// ingress rule resources of the same ACL (same `network_acl_id` reference or known value).
    static func ingressEntries(_ resource: Resource, in inventory: ResourceInventory) -> [Entry] {
        var entries: [Entry] = []
        if resource.type == "aws_network_acl" {
            for (index, block) in (resource.attributes["ingress"]?.elements ?? []).enumerated() {
                entries.append(
                    entry(
                        block, path: "ingress.\(index).", isOwn: true, actionKey: "action",
                        numberKey: "rule_no"))
            }
        } else {
            guard AWSSupport.bool(resource.attributes["egress"]) != true else { return [] }
            entries.append(
                entry(
                    resource.attributes, path: "", isOwn: true, actionKey: "rule_action",
                    numberKey: "rule_number"))
            for sibling in ingressSiblings(of: resource, in: inventory) {
                entries.append(
                    entry(
                        sibling.attributes, path: "", isOwn: false, actionKey: "rule_action",
                        numberKey: "rule_number"))
            }
        }
        return entries.sorted { $0.number < $1.number }
    }

    /// The other ingress `aws_network_acl_rule`s of the rule's ACL (same `network_acl_id` references, or the
    /// same known value), in plan order, from an index built once per inventory.
    private static func ingressSiblings(of rule: Resource, in inventory: ResourceInventory) -> [Resource] {
        let index = inventory.memoized("aws.nacl.ingress-rules") { IngressRules($0) }
        let references = rule.references["network_acl_id"] ?? []
        var ordinals = references.isEmpty ? [] : index.byReferences[references] ?? []
        if let id = rule.attributes["network_acl_id"]?.stringValue { ordinals += index.byID[id] ?? [] }
        return Set(ordinals).sorted().map { index.rules[$0] }.filter { $0.address != rule.address }
    }

    private struct IngressRules: Sendable {
        var rules: [Resource] = []
        var byReferences: [[String]: [Int]] = [:]
        var byID: [String: [Int]] = [:]

        init(_ inventory: ResourceInventory) {
            for rule in inventory.resources(ofType: "aws_network_acl_rule")
            where AWSSupport.bool(rule.attributes["egress"]) != true {
                let ordinal = rules.count
                rules.append(rule)
                let references = rule.references["network_acl_id"] ?? []
                if !references.isEmpty { byReferences[references, default: []].append(ordinal) }
                if let id = rule.attributes["network_acl_id"]?.stringValue { byID[id, default: []].append(ordinal) }
            }
        }
    }

    /// A violation when the first internet-wide entry covering `port` is this resource's own allow.
    static func openPort(_ resource: Resource, in inventory: ResourceInventory, port: Int, service: String)
        -> [Violation]
    {
        let entries = ingressEntries(resource, in: inventory)
        guard let deciding = entries.first(where: { $0.worldCIDR != nil && $0.covers(port: port) }),
            deciding.isAllow, deciding.isOwn
        else { return [] }
        let what = deciding.isAllTraffic ? "all traffic (including \(service))" : "\(service) (port \(port))"
        return [
            Violation(
                path: deciding.path + deciding.cidrKey, value: .string(deciding.worldCIDR ?? ""),
                message: "ACL rule \(deciding.number) allows \(what) from \(deciding.worldCIDR ?? "")")
        ]
    }

    private static func examples(port: Int) -> RuleExamples {
        let p = JSONValue.number(Double(port))
        return RuleExamples(
            triggering: [
                [
                    "ingress": [
                        [
                            "rule_no": 100, "action": "allow", "protocol": "tcp", "cidr_block": "0.0.0.0/0",
                            "from_port": p, "to_port": p,
                        ]
                    ]
                ],
                [
                    "egress": false, "rule_number": 100, "rule_action": "allow", "protocol": "-1",
                    "cidr_block": "0.0.0.0/0",
                ],
                [
                    "egress": false, "rule_number": 100, "rule_action": "allow", "protocol": "6",
                    "ipv6_cidr_block": "::/0", "from_port": 0, "to_port": 65535,
                ],
            ],
            nonTriggering: [
                [
                    "ingress": [
                        [
                            "rule_no": 100, "action": "allow", "protocol": "tcp", "cidr_block": "10.0.0.0/8",
                            "from_port": p, "to_port": p,
                        ]
                    ]
                ],
                [
                    "ingress": [
                        [
                            "rule_no": 100, "action": "deny", "protocol": "tcp", "cidr_block": "0.0.0.0/0",
                            "from_port": p,
                            "to_port": p,
                        ],
                        [
                            "rule_no": 200, "action": "allow", "protocol": "-1", "cidr_block": "0.0.0.0/0",
                            "from_port": 0,
                            "to_port": 0,
                        ],
                    ]
                ],
                [
                    "egress": true, "rule_number": 100, "rule_action": "allow", "protocol": "-1",
                    "cidr_block": "0.0.0.0/0",
                ],
                [
                    "egress": false, "rule_number": 100, "rule_action": "allow", "protocol": "tcp",
                    "cidr_block": "0.0.0.0/0", "from_port": 443, "to_port": 443,
                ],
            ])
    }
}
