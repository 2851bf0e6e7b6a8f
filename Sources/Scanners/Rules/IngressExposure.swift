import Core

/// One allow rule that admits traffic from the whole internet, reduced to what it opens.
///
/// GCP firewalls and Azure NSGs spell protocols and ports differently; both packs reduce an entry to this
/// shape and share the five network rules' predicates, so "SSH open" means the same thing in every pack.
/// Each exposure is reported by one rule only: a rule that opens every port is the all-ports rule's
/// finding (its message names SSH and RDP), not three findings on one line of HCL.
struct IngressExposure: Sendable {
    /// Attribute path of the entry (`allow.0`, `security_rule.2`, or empty for a standalone rule).
    var path: String
    /// The attribute that holds the world source, for evidence.
    var sourcePath: String
    var sources: [String]
    var tcp: PortExposure
    var udp: PortExposure

    var isAllPorts: Bool { tcp.isAllPorts || udp.isAllPorts }
    var exposesSSH: Bool { !isAllPorts && tcp.covers(22) }
    var exposesRDP: Bool { !isAllPorts && (tcp.covers(3389) || udp.covers(3389)) }
    /// Ports other than SSH, RDP and the two web ports, each shown once.
    var otherPorts: [String] {
        guard !isAllPorts else { return [] }
        var seen: Set<String> = []
        return (tcp.otherThan(Self.namedPorts) + udp.otherThan(Self.namedPorts)).filter { seen.insert($0).inserted }
    }
    var webPorts: [Int] {
        guard !isAllPorts else { return [] }
        return [80, 443].filter { port in tcp.ranges.contains(port...port) }
    }

    static let namedPorts: Set<Int> = [22, 3389, 80, 443]

    var sourceText: String { sources.joined(separator: ", ") }
}

/// The network rule family both packs instantiate: SSH, RDP, all ports, other ports, web ports.
enum IngressRules {
    struct Texts: Sendable {
        var pack: String
        var subject: String  // "Firewall rule", "Network security rule"
        var types: [String]
        var sshRemediation: String
        var rdpRemediation: String
        var allRemediation: String
        var otherRemediation: String
        var webRemediation: String
        var sshReferences: [String]
        var rdpReferences: [String]
        var checkovSSH: String?
        var checkovRDP: String?
        var checkovAll: String?
        var checkovWeb: String?
        var examples: (ssh: RuleExamples, rdp: RuleExamples, all: RuleExamples, other: RuleExamples, web: RuleExamples)
    }

    static func rules(_ t: Texts, exposures: @escaping @Sendable (Resource) -> [IngressExposure]) -> [Rule] {
        [
            Rule(
                RuleDescription(
                    id: "\(t.pack)-\(idStem(t))-ssh-open", title: "\(t.subject) allows SSH (port 22) from the internet",
                    severity: .high, pack: t.pack, resourceTypes: t.types,
                    rationale: "SSH open to the internet is found by scanners within minutes; one weak key, leaked "
                        + "credential or unpatched sshd then gives an attacker a shell inside the network.",
                    remediation: t.sshRemediation,
                    references: t.sshReferences + ["MITRE ATT&CK T1190", "MITRE ATT&CK T1021.004"],
                    checkov: t.checkovSSH),
                examples: t.examples.ssh,
                check: { resource in
                    exposures(resource).filter(\.exposesSSH).map {
                        Violation(
                            path: $0.sourcePath, value: .array($0.sources.map(JSONValue.string)),
                            message: "ingress allows SSH (port 22) from \($0.sourceText)")
                    }
                }),
            Rule(
                RuleDescription(
                    id: "\(t.pack)-\(idStem(t))-rdp-open",
                    title: "\(t.subject) allows RDP (port 3389) from the internet",
                    severity: .high, pack: t.pack, resourceTypes: t.types,
                    rationale: "Internet-facing RDP is a leading ransomware entry point: password spraying and RDP "
                        + "vulnerabilities (BlueKeep) give interactive access to Windows hosts.",
                    remediation: t.rdpRemediation,
                    references: t.rdpReferences + ["MITRE ATT&CK T1190", "MITRE ATT&CK T1021.001"],
                    checkov: t.checkovRDP),
                examples: t.examples.rdp,
                check: { resource in
                    exposures(resource).filter(\.exposesRDP).map {
                        Violation(
                            path: $0.sourcePath, value: .array($0.sources.map(JSONValue.string)),
                            message: "ingress allows RDP (port 3389) from \($0.sourceText)")
                    }
                }),
            Rule(
                RuleDescription(
                    id: "\(t.pack)-\(idStem(t))-all-ports-open",
                    title: "\(t.subject) allows every port from the internet", severity: .high, pack: t.pack,
                    resourceTypes: t.types,
                    rationale: "A rule that admits all traffic from anywhere exposes every service on the targets, "
                        + "including SSH, RDP, databases and admin consoles that were never meant to be public.",
                    remediation: t.allRemediation, references: t.sshReferences + ["MITRE ATT&CK T1190"],
                    checkov: t.checkovAll),
                examples: t.examples.all,
                check: { resource in
                    exposures(resource).filter(\.isAllPorts).map {
                        Violation(
                            path: $0.sourcePath, value: .array($0.sources.map(JSONValue.string)),
                            message: "ingress allows every port (including SSH 22 and RDP 3389) from \($0.sourceText)")
                    }
                }),
            Rule(
                RuleDescription(
                    id: "\(t.pack)-\(idStem(t))-ingress-open",
                    title: "\(t.subject) exposes a non-web port to the internet", severity: .medium, pack: t.pack,
                    resourceTypes: t.types,
                    rationale: "Databases, caches and admin ports (3306, 5432, 6379, 9200, 8080…) reached from the "
                        + "internet are how unauthenticated data stores get wiped or ransomed; only load balancer "
                        + "ports should face the world.",
                    remediation: t.otherRemediation, references: ["MITRE ATT&CK T1190"], checkov: nil),
                examples: t.examples.other,
                check: { resource in
                    exposures(resource).compactMap { exposure in
                        let ports = exposure.otherPorts
                        guard !ports.isEmpty else { return nil }
                        return Violation(
                            path: exposure.sourcePath, value: .array(exposure.sources.map(JSONValue.string)),
                            message:
                                "ingress allows port(s) \(ports.joined(separator: ", ")) from \(exposure.sourceText)")
                    }
                }),
            Rule(
                RuleDescription(
                    id: "\(t.pack)-\(idStem(t))-web-open",
                    title: "\(t.subject) exposes HTTP/HTTPS to the internet", severity: .low, pack: t.pack,
                    resourceTypes: t.types,
                    rationale: "Usually intended for a public service, so it is low: it makes every new internet-"
                        + "facing web entry point visible in review, and plain HTTP (80) carries credentials and "
                        + "session cookies in clear unless it only redirects.",
                    remediation: t.webRemediation, references: ["MITRE ATT&CK T1190"], checkov: t.checkovWeb),
                examples: t.examples.web,
                check: { resource in
                    exposures(resource).compactMap { exposure in
                        let ports = exposure.webPorts
                        guard !ports.isEmpty else { return nil }
                        return Violation(
                            path: exposure.sourcePath, value: .array(exposure.sources.map(JSONValue.string)),
                            message: "ingress allows port(s) \(ports.map(String.init).joined(separator: ", ")) from "
                                + exposure.sourceText)
                    }
                }),
        ]
    }

    private static func idStem(_ t: Texts) -> String { t.pack == "gcp" ? "firewall" : "nsg" }
}
