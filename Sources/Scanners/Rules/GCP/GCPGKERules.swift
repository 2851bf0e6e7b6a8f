import Core

/// GKE (`google_container_cluster`, `google_container_node_pool`): control-plane access, node isolation,
/// authentication and the managed features that keep nodes patched.
///
/// Autopilot clusters (`enable_autopilot = true`) are skipped by the node rules: Google enforces shielded
/// nodes, workload identity, Dataplane V2 and auto-upgrade/repair there, and the fields are not settable.
/// Defaults moved between major versions: `enable_shielded_nodes` defaults to false in google 3.x and true
/// from 4.x; basic auth (`master_auth.username`) and `workload_identity_config.identity_namespace` only
/// exist in 3.x (4.x spells it `workload_pool`). Only explicit values are judged where the default is safe.
enum GCPGKERules {
    static let cluster = ["google_container_cluster"]
    static let worldRanges: Set<String> = ["0.0.0.0/0", "::/0"]

    static func isAutopilot(_ resource: Resource) -> Bool {
        PlanValues.flag(resource.attributes["enable_autopilot"]) == true
    }

    static let legacyABAC = Rule(
        RuleDescription(
            id: "gcp-gke-legacy-abac", title: "GKE cluster enables legacy ABAC", severity: .high, pack: "gcp",
            resourceTypes: cluster,
            rationale: "Legacy ABAC grants broad static permissions that bypass Kubernetes RBAC, so any pod's "
                + "service account can become cluster admin.",
            remediation: """
                resource "google_container_cluster" "main" {
                  # ...
                  enable_legacy_abac = false
                }
                """,
            references: ["CIS GKE Benchmark 5.8.3", "MITRE ATT&CK T1078"], checkov: "CKV_GCP_7"),
        examples: RuleExamples(
            triggering: [["name": "c", "enable_legacy_abac": true]],
            nonTriggering: [["name": "c", "enable_legacy_abac": false], ["name": "c"]]),
        check: { resource in
            guard PlanValues.flag(resource.attributes["enable_legacy_abac"]) == true else { return [] }
            return [Violation(path: "enable_legacy_abac", value: true)]
        })

    static let masterAuthorizedNetworks = Rule(
        RuleDescription(
            id: "gcp-gke-master-authorized-networks", title: "GKE control plane is reachable from any address",
            severity: .medium, pack: "gcp", resourceTypes: cluster,
            rationale: "Without master authorized networks the Kubernetes API endpoint accepts connections from the "
                + "whole internet, so a leaked kubeconfig or an API server CVE is exploitable from anywhere. "
                + "Clusters that use only the private endpoint are skipped.",
            remediation: """
                master_authorized_networks_config {
                  cidr_blocks {
                    cidr_block   = "10.0.0.0/8"
                    display_name = "corp"
                  }
                }
                """,
            references: ["CIS GKE Benchmark 5.6.3", "MITRE ATT&CK T1133"], checkov: "CKV_GCP_20"),
        examples: RuleExamples(
            triggering: [
                ["name": "c", "master_authorized_networks_config": []],
                ["name": "c", "master_authorized_networks_config": [["cidr_blocks": [["cidr_block": "0.0.0.0/0"]]]]],
            ],
            nonTriggering: [
                ["name": "c", "master_authorized_networks_config": [["cidr_blocks": [["cidr_block": "10.0.0.0/8"]]]]],
                [
                    "name": "c", "master_authorized_networks_config": [],
                    "private_cluster_config": [["enable_private_endpoint": true, "enable_private_nodes": true]],
                ],
            ]),
        check: { resource in
            let attributes = resource.attributes
            let privateConfig = PlanValues.block(attributes, "private_cluster_config")
            guard PlanValues.flag(privateConfig?["enable_private_endpoint"]) != true else { return [] }
            guard let config = PlanValues.block(attributes, "master_authorized_networks_config") else {
                return [
                    Violation(
                        path: "master_authorized_networks_config",
                        value: attributes["master_authorized_networks_config"],
                        message: "cluster sets no master authorized networks: the API endpoint is open to the internet")
                ]
            }
            let blocks = PlanValues.blocks(config, "cidr_blocks")
            guard let index = blocks.firstIndex(where: { worldRanges.contains($0["cidr_block"]?.stringValue ?? "") })
            else { return [] }
            return [
                Violation(
                    path: "master_authorized_networks_config.0.cidr_blocks.\(index).cidr_block",
                    value: blocks[index]["cidr_block"], message: "master authorized networks include the whole internet"
                )
            ]
        })

    static let privateNodes = Rule(
        RuleDescription(
            id: "gcp-gke-private-nodes", title: "GKE nodes have public IP addresses", severity: .medium, pack: "gcp",
            resourceTypes: cluster,
            rationale: "Nodes with public addresses expose the kubelet, NodePorts and anything bound to the host "
                + "network to the internet; private nodes reach out through Cloud NAT only.",
            remediation: """
                private_cluster_config {
                  enable_private_nodes    = true
                  enable_private_endpoint = false
                  master_ipv4_cidr_block  = "172.16.0.0/28"
                }
                """,
            references: ["CIS GKE Benchmark 5.6.5", "MITRE ATT&CK T1190"], checkov: "CKV_GCP_64"),
        examples: RuleExamples(
            triggering: [
                ["name": "c", "private_cluster_config": []],
                ["name": "c", "private_cluster_config": [["enable_private_nodes": false]]],
            ],
            nonTriggering: [
                ["name": "c", "private_cluster_config": [["enable_private_nodes": true]]],
                ["name": "c", "enable_autopilot": true, "private_cluster_config": []],
            ]),
        check: { resource in
            guard !isAutopilot(resource) else { return [] }
            let config = PlanValues.block(resource.attributes, "private_cluster_config")
            guard PlanValues.flag(config?["enable_private_nodes"]) != true else { return [] }
            return [
                Violation(
                    path: "private_cluster_config.0.enable_private_nodes", value: config?["enable_private_nodes"],
                    message: config == nil ? "cluster has no private_cluster_config: nodes get public IPs" : nil)
            ]
        })

    static let networkPolicy = Rule(
        RuleDescription(
            id: "gcp-gke-network-policy", title: "GKE cluster does not enforce network policies", severity: .medium,
            pack: "gcp", resourceTypes: cluster,
            rationale: "Without network policy enforcement every pod can reach every other pod, so one compromised "
                + "workload can talk to databases and internal admin APIs in all namespaces. Dataplane V2 "
                + "(datapath_provider = ADVANCED_DATAPATH) enforces policies itself and counts as enabled.",
            remediation: """
                resource "google_container_cluster" "main" {
                  # ...
                  datapath_provider = "ADVANCED_DATAPATH" # Dataplane V2, or:
                  # network_policy { enabled = true }  plus  addons_config { network_policy_config { disabled = false } }
                }
                """,
            references: ["CIS GKE Benchmark 5.6.7", "MITRE ATT&CK T1021"], checkov: "CKV_GCP_12"),
        examples: RuleExamples(
            triggering: [
                ["name": "c", "network_policy": [], "datapath_provider": ""],
                ["name": "c", "network_policy": [["enabled": false, "provider": "PROVIDER_UNSPECIFIED"]]],
            ],
            nonTriggering: [
                ["name": "c", "network_policy": [["enabled": true, "provider": "CALICO"]]],
                ["name": "c", "network_policy": [], "datapath_provider": "ADVANCED_DATAPATH"],
                ["name": "c", "enable_autopilot": true],
            ]),
        check: { resource in
            let attributes = resource.attributes
            guard !isAutopilot(resource), attributes["datapath_provider"]?.stringValue != "ADVANCED_DATAPATH" else {
                return []
            }
            let policy = PlanValues.block(attributes, "network_policy")
            guard PlanValues.flag(policy?["enabled"]) != true else { return [] }
            return [
                Violation(
                    path: "network_policy.0.enabled", value: policy?["enabled"],
                    message: policy == nil ? "cluster enables neither network_policy nor Dataplane V2" : nil)
            ]
        })

    static let workloadIdentity = Rule(
        RuleDescription(
            id: "gcp-gke-workload-identity", title: "GKE cluster does not use Workload Identity", severity: .medium,
            pack: "gcp", resourceTypes: cluster,
            rationale: "Without Workload Identity pods use the node's service account and can read the metadata "
                + "server, so any compromised pod gets the node's Google credentials (and kubelet bootstrap "
                + "secrets on older clusters). The block is Optional+Computed: left out, it is unknown in the "
                + "plan and Standard clusters are created without Workload Identity.",
            remediation: """
                workload_identity_config {
                  workload_pool = "my-project.svc.id.goog" # identity_namespace on google 3.x
                }
                """,
            references: ["CIS GKE Benchmark 5.2.2", "MITRE ATT&CK T1552.005"], checkov: nil),
        examples: RuleExamples(
            triggering: [
                ["name": "c", "workload_identity_config": []],
                ["name": "c", "workload_identity_config": [["workload_pool": ""]]],
            ],
            nonTriggering: [
                ["name": "c", "workload_identity_config": [["workload_pool": "p.svc.id.goog"]]],
                ["name": "c", "workload_identity_config": [["identity_namespace": "p.svc.id.goog"]]],
                ["name": "c", "enable_autopilot": true, "workload_identity_config": []],
            ]),
        check: { resource in
            guard !isAutopilot(resource) else { return [] }
            let config = PlanValues.block(resource.attributes, "workload_identity_config")
            guard PlanValues.isUnset(config?["workload_pool"]), PlanValues.isUnset(config?["identity_namespace"]) else {
                return []
            }
            return [
                Violation(
                    path: "workload_identity_config", value: resource.attributes["workload_identity_config"],
                    message: "cluster sets no workload identity pool")
            ]
        })

    static let clientCertificate = Rule(
        RuleDescription(
            id: "gcp-gke-client-certificate", title: "GKE cluster issues a client certificate", severity: .medium,
            pack: "gcp", resourceTypes: cluster,
            rationale: "The issued client certificate is a cluster-admin credential that cannot be revoked short "
                + "of rotating the cluster CA; whoever reads it from state or a laptop keeps admin access.",
            remediation: """
                master_auth {
                  client_certificate_config {
                    issue_client_certificate = false
                  }
                }
                """,
            references: ["CIS GKE Benchmark 5.8.1", "MITRE ATT&CK T1552"], checkov: "CKV_GCP_13"),
        examples: RuleExamples(
            triggering: [
                ["name": "c", "master_auth": [["client_certificate_config": [["issue_client_certificate": true]]]]]
            ],
            nonTriggering: [
                ["name": "c", "master_auth": [["client_certificate_config": [["issue_client_certificate": false]]]]],
                ["name": "c", "master_auth": []],
            ]),
        check: { resource in
            let config = PlanValues.block(
                PlanValues.block(resource.attributes, "master_auth"), "client_certificate_config")
            guard PlanValues.flag(config?["issue_client_certificate"]) == true else { return [] }
            return [Violation(path: "master_auth.0.client_certificate_config.0.issue_client_certificate", value: true)]
        })

    static let basicAuth = Rule(
        RuleDescription(
            id: "gcp-gke-basic-auth", title: "GKE cluster enables basic authentication", severity: .high, pack: "gcp",
            resourceTypes: cluster,
            rationale: "A static username and password on the API server (google 3.x master_auth.username) is a "
                + "shared admin credential that is brute-forceable from anywhere the endpoint is reachable.",
            remediation: """
                master_auth {
                  username = ""
                  password = ""
                }
                """,
            references: ["CIS GKE Benchmark 5.8.1", "MITRE ATT&CK T1110"], checkov: nil),
        examples: RuleExamples(
            triggering: [
                ["name": "c", "master_auth": [["username": "admin", "password": "correct-horse-battery-staple"]]]
            ],
            nonTriggering: [
                ["name": "c", "master_auth": [["username": "", "password": ""]]], ["name": "c", "master_auth": []],
            ]),
        check: { resource in
            let auth = PlanValues.block(resource.attributes, "master_auth")
            guard !PlanValues.isUnset(auth?["username"]) else { return [] }
            return [
                Violation(
                    path: "master_auth.0.username", value: auth?["username"], message: "basic authentication is enabled"
                )
            ]
        })

    static let loggingDisabled = serviceRule(
        id: "gcp-gke-logging-disabled", attribute: "logging_service", what: "logging",
        rationale: "With logging_service = \"none\" no control-plane, audit or workload logs reach Cloud Logging, "
            + "so an intrusion leaves no trace to investigate.",
        cis: "CIS GKE Benchmark 5.7.1", checkov: "CKV_GCP_1", technique: "MITRE ATT&CK T1562.008")

    static let monitoringDisabled = serviceRule(
        id: "gcp-gke-monitoring-disabled", attribute: "monitoring_service", what: "monitoring",
        rationale: "With monitoring_service = \"none\" resource anomalies (crypto-mining, runaway pods) raise no "
            + "metric or alert.",
        cis: "CIS GKE Benchmark 5.7.1", checkov: "CKV_GCP_8", technique: "MITRE ATT&CK T1562.001")

    static func serviceRule(
        id: String, attribute: String, what: String, rationale: String, cis: String, checkov: String, technique: String
    ) -> Rule {
        Rule(
            RuleDescription(
                id: id, title: "GKE cluster disables \(what)", severity: .medium, pack: "gcp", resourceTypes: cluster,
                rationale: rationale,
                remediation: """
                    resource "google_container_cluster" "main" {
                      # ...
                      \(attribute) = "\(what).googleapis.com/kubernetes"
                    }
                    """,
                references: [cis, technique], checkov: checkov),
            examples: RuleExamples(
                triggering: [["name": "c", attribute: "none"]],
                nonTriggering: [
                    ["name": "c", attribute: .string("\(what).googleapis.com/kubernetes")],
                    ["name": "c"],
                ]),
            check: { resource in
                guard resource.attributes[attribute]?.stringValue == "none" else { return [] }
                return [Violation(path: attribute, value: "none")]
            })
    }

    static let shieldedNodes = Rule(
        RuleDescription(
            id: "gcp-gke-shielded-nodes", title: "GKE cluster disables shielded nodes", severity: .medium, pack: "gcp",
            resourceTypes: cluster,
            rationale: "Without shielded nodes an attacker who gets a pod onto the node network can impersonate a "
                + "node with a forged kubelet certificate and read secrets of other workloads. Default: false "
                + "in google 3.x, true from 4.x (so only an explicit false is reported there).",
            remediation: """
                resource "google_container_cluster" "main" {
                  # ...
                  enable_shielded_nodes = true
                }
                """,
            references: ["CIS GKE Benchmark 5.5.5", "MITRE ATT&CK T1542"], checkov: "CKV_GCP_71"),
        examples: RuleExamples(
            triggering: [["name": "c", "enable_shielded_nodes": false]],
            nonTriggering: [
                ["name": "c", "enable_shielded_nodes": true],
                [
                    "name": "c", "enable_autopilot": true,
                    "enable_shielded_nodes": false,
                ],
            ]),
        check: { resource in
            guard !isAutopilot(resource), PlanValues.flag(resource.attributes["enable_shielded_nodes"]) == false else {
                return []
            }
            return [Violation(path: "enable_shielded_nodes", value: false)]
        })

    static let nodeAutoUpgrade = managementRule(
        id: "gcp-gke-node-auto-upgrade", key: "auto_upgrade", title: "GKE node pool disables auto-upgrade",
        rationale: "Node pools without auto-upgrade drift behind on kubelet, container runtime and OS patches, "
            + "leaving known container-escape CVEs open.",
        cis: "CIS GKE Benchmark 5.5.3", checkov: "CKV_GCP_10")

    static let nodeAutoRepair = managementRule(
        id: "gcp-gke-node-auto-repair", key: "auto_repair", title: "GKE node pool disables auto-repair",
        rationale: "Without auto-repair, unhealthy or tampered nodes keep running workloads instead of being "
            + "recreated from a clean image.",
        cis: "CIS GKE Benchmark 5.5.2", checkov: "CKV_GCP_9")

    /// A node-pool management rule, over `google_container_node_pool` and inline `node_pool` blocks.
    ///
    /// Only an explicit false is reported: when unset GKE enables both (the provider marks them computed).
    static func managementRule(id: String, key: String, title: String, rationale: String, cis: String, checkov: String)
        -> Rule
    {
        Rule(
            RuleDescription(
                id: id, title: title, severity: .medium, pack: "gcp",
                resourceTypes: ["google_container_node_pool", "google_container_cluster"], rationale: rationale,
                remediation: """
                    resource "google_container_node_pool" "default" {
                      # ...
                      management {
                        auto_repair  = true
                        auto_upgrade = true
                      }
                    }
                    """,
                references: [cis, "MITRE ATT&CK T1190"], checkov: checkov),
            examples: RuleExamples(
                triggering: [
                    ["name": "np", "management": [[key: false]]],
                    ["name": "c", "node_pool": [["name": "np", "management": [[key: false]]]]],
                ],
                nonTriggering: [["name": "np", "management": [[key: true]]], ["name": "np", "management": []]]),
            check: { resource in
                if resource.type == "google_container_node_pool" {
                    let management = PlanValues.block(resource.attributes, "management")
                    guard PlanValues.flag(management?[key]) == false else { return [] }
                    return [Violation(path: "management.0.\(key)", value: false)]
                }
                return PlanValues.blocks(resource.attributes, "node_pool").enumerated().compactMap { index, pool in
                    guard PlanValues.flag(PlanValues.block(pool, "management")?[key]) == false else { return nil }
                    return Violation(
                        path: "node_pool.\(index).management.0.\(key)", value: false,
                        message: "node pool \(pool["name"]?.stringValue ?? String(index)) disables \(key)")
                }
            })
    }

    static let all: [Rule] = [
        legacyABAC, masterAuthorizedNetworks, privateNodes, networkPolicy, workloadIdentity, clientCertificate,
        basicAuth, loggingDisabled, monitoringDisabled, shieldedNodes, nodeAutoUpgrade, nodeAutoRepair,
    ]
}
