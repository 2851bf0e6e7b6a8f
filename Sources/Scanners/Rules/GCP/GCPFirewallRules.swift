import Core

/// `google_compute_firewall` ingress open to the internet: SSH, RDP, every port, other ports, web ports.
///
/// Only enabled INGRESS rules count: `direction` is Optional+Computed, so an unset direction is absent from
/// the plan and means INGRESS (the API default). `deny` blocks never open anything, and a rule scoped by
/// `source_tags`/`source_service_accounts` without world `source_ranges` is internal. ICMP and other
/// portless protocols are not reported.
enum GCPFirewallRules {
    static let worldRanges: Set<String> = ["0.0.0.0/0", "::/0"]

    static func exposures(_ resource: Resource) -> [IngressExposure] {
        let attributes = resource.attributes
        let direction = attributes["direction"]?.stringValue?.uppercased() ?? "INGRESS"
        guard direction == "INGRESS", PlanValues.flag(attributes["disabled"]) != true else { return [] }
        let sources = PlanValues.strings(attributes["source_ranges"]).filter(worldRanges.contains)
        guard !sources.isEmpty else { return [] }
        var tcp = PortExposure.none
        var udp = PortExposure.none
        for allow in PlanValues.blocks(attributes, "allow") {
            let ports = PlanValues.strings(allow["ports"])
            let exposure = ports.isEmpty ? PortExposure.all : PortExposure(specs: ports)
            switch allow["protocol"]?.stringValue?.lowercased() ?? "" {
            case "all":
                tcp = .all
                udp = .all
            case "tcp", "6": tcp = tcp + exposure
            case "udp", "17": udp = udp + exposure
            default: continue
            }
        }
        guard !tcp.isEmpty || !udp.isEmpty else { return [] }
        return [IngressExposure(path: "", sourcePath: "source_ranges", sources: sources, tcp: tcp, udp: udp)]
    }

    static let rules: [Rule] = IngressRules.rules(
        IngressRules.Texts(
            pack: "gcp", subject: "Firewall rule", types: ["google_compute_firewall"],
            sshRemediation: remediation(
                ports: #"["22"]"#, note: "Allow SSH only from IAP's range (or a VPN) instead of the internet:"),
            rdpRemediation: remediation(
                ports: #"["3389"]"#, note: "Allow RDP only from IAP's range (or a VPN) instead of the internet:"),
            allRemediation: remediation(
                ports: #"["443"]"#, note: "Open only the ports the service needs, from the ranges that need them:"),
            otherRemediation: remediation(
                ports: #"["5432"]"#,
                note: "Reach internal services over private networking, or restrict the source ranges:"),
            webRemediation: """
                If the service is public, put it behind an external HTTPS load balancer and allow only Google's \
                front-end ranges to reach the backends:

                resource "google_compute_firewall" "lb_to_web" {
                  name          = "allow-lb-https"
                  network       = google_compute_network.main.id
                  direction     = "INGRESS"
                  source_ranges = ["130.211.0.0/22", "35.191.0.0/16"]
                  allow {
                    protocol = "tcp"
                    ports    = ["443"]
                  }
                }
                """,
            sshReferences: ["CIS GCP Foundations 3.6"], rdpReferences: ["CIS GCP Foundations 3.7"],
            checkovSSH: "CKV_GCP_2", checkovRDP: "CKV_GCP_3", checkovAll: "CKV2_GCP_12", checkovWeb: "CKV_GCP_106",
            examples: (
                ssh: RuleExamples(
                    triggering: [
                        firewall(protocol: "tcp", ports: ["22"]),
                        firewall(protocol: "tcp", ports: ["20-30", "443"], direction: nil),
                        firewall(protocol: "tcp", ports: ["22"], sources: ["::/0"]),
                    ],
                    nonTriggering: [
                        firewall(protocol: "tcp", ports: ["22"], sources: ["35.235.240.0/20"]),
                        firewall(protocol: "tcp", ports: ["22"], direction: "EGRESS"),
                        firewall(protocol: "tcp", ports: ["22"], disabled: true),
                        firewall(protocol: "all", ports: []),
                        firewall(protocol: "icmp", ports: []),
                    ]),
                rdp: RuleExamples(
                    triggering: [
                        firewall(protocol: "tcp", ports: ["3389"]), firewall(protocol: "udp", ports: ["3389"]),
                    ],
                    nonTriggering: [
                        firewall(protocol: "tcp", ports: ["3389"], sources: ["10.0.0.0/8"]),
                        firewall(protocol: "tcp", ports: ["443"]),
                    ]),
                all: RuleExamples(
                    triggering: [
                        firewall(protocol: "all", ports: []), firewall(protocol: "tcp", ports: []),
                        firewall(protocol: "tcp", ports: ["0-65535"]),
                    ],
                    nonTriggering: [
                        firewall(protocol: "all", ports: [], sources: ["10.0.0.0/8"]),
                        firewall(protocol: "tcp", ports: ["22"]), firewall(protocol: "icmp", ports: []),
                    ]),
                other: RuleExamples(
                    triggering: [
                        firewall(protocol: "tcp", ports: ["5432"]), firewall(protocol: "tcp", ports: ["8000-8080"]),
                    ],
                    nonTriggering: [
                        firewall(protocol: "tcp", ports: ["443", "80"]), firewall(protocol: "tcp", ports: ["22"]),
                        firewall(protocol: "tcp", ports: ["5432"], sources: ["10.0.0.0/8"]),
                    ]),
                web: RuleExamples(
                    triggering: [
                        firewall(protocol: "tcp", ports: ["443"]), firewall(protocol: "tcp", ports: ["80", "22"]),
                    ],
                    nonTriggering: [
                        firewall(protocol: "tcp", ports: ["443"], sources: ["130.211.0.0/22", "35.191.0.0/16"]),
                        firewall(protocol: "all", ports: []),
                    ])
            )),
        exposures: exposures)

    private static func remediation(ports: String, note: String) -> String {
        """
        \(note)

        resource "google_compute_firewall" "admin" {
          name          = "allow-admin-from-iap"
          network       = google_compute_network.main.id
          direction     = "INGRESS"
          source_ranges = ["35.235.240.0/20"] # Identity-Aware Proxy TCP forwarding
          allow {
            protocol = "tcp"
            ports    = \(ports)
          }
        }
        """
    }

    /// A firewall's planned values; `direction: nil` leaves it absent, as the plan does when it is unset.
    private static func firewall(
        protocol proto: String, ports: [String], sources: [String] = ["0.0.0.0/0"], direction: String? = "INGRESS",
        disabled: Bool = false
    ) -> JSONValue {
        var values: [String: JSONValue] = [
            "name": "fw", "network": "default", "disabled": .bool(disabled), "priority": 1000,
            "source_ranges": .array(sources.map(JSONValue.string)), "source_tags": nil, "deny": [],
            "allow": [["protocol": .string(proto), "ports": .array(ports.map(JSONValue.string))]],
        ]
        if let direction { values["direction"] = .string(direction) }
        return .object(values)
    }
}
