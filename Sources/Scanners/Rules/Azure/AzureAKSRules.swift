import Core

/// AKS (`azurerm_kubernetes_cluster`): authorization, API server exposure, network policy, local accounts.
///
/// Shapes by azurerm major: RBAC is `role_based_access_control.0.enabled` in 2.x and
/// `role_based_access_control_enabled` from 3.x; authorized IP ranges are the top-level
/// `api_server_authorized_ip_ranges` up to 3.x and `api_server_access_profile.0.authorized_ip_ranges` from
/// late 3.x/4.x; Cilium network policy comes with `ebpf_data_plane` (3.x) or `network_data_plane` (4.x).
enum AzureAKSRules {
    static let cluster = ["azurerm_kubernetes_cluster"]

    static func isPrivate(_ resource: Resource) -> Bool {
        PlanValues.flag(resource.attributes["private_cluster_enabled"]) == true
    }

    static let rbacDisabled = Rule(
        RuleDescription(
            id: "azure-aks-rbac-disabled", title: "AKS cluster has Kubernetes RBAC disabled", severity: .high,
            pack: "azure", resourceTypes: cluster,
            rationale: "Without RBAC every authenticated identity, including every pod's service account, is "
                + "effectively cluster admin, so one compromised pod owns the cluster.",
            remediation: """
                resource "azurerm_kubernetes_cluster" "main" {
                  # ...
                  role_based_access_control_enabled = true # role_based_access_control { enabled = true } on 2.x
                }
                """,
            references: ["CIS AKS Benchmark 5.1.1", "MITRE ATT&CK T1078"], checkov: "CKV_AZURE_5"),
        examples: RuleExamples(
            triggering: [
                ["name": "aks", "role_based_access_control_enabled": false],
                ["name": "aks", "role_based_access_control": [["enabled": false]]],
            ],
            nonTriggering: [
                ["name": "aks", "role_based_access_control_enabled": true],
                ["name": "aks", "role_based_access_control": [["enabled": true]]],
            ]),
        check: { resource in
            if PlanValues.flag(resource.attributes["role_based_access_control_enabled"]) == false {
                return [Violation(path: "role_based_access_control_enabled", value: false)]
            }
            let block = PlanValues.block(resource.attributes, "role_based_access_control")
            guard PlanValues.flag(block?["enabled"]) == false else { return [] }
            return [Violation(path: "role_based_access_control.0.enabled", value: false)]
        })

    static let networkPolicy = Rule(
        RuleDescription(
            id: "azure-aks-network-policy", title: "AKS cluster enforces no network policy", severity: .medium,
            pack: "azure", resourceTypes: cluster,
            rationale: "Without a network policy engine, NetworkPolicy objects are silently ignored and any pod can "
                + "reach any other, so one compromised workload can reach every database and internal API. An "
                + "unwritten network_profile is unknown in the plan and means kubenet without policy.",
            remediation: """
                network_profile {
                  network_plugin = "azure"
                  network_policy = "cilium" # or "azure" / "calico"
                  network_data_plane = "cilium"
                }
                """,
            references: ["CIS AKS Benchmark 5.3.2", "MITRE ATT&CK T1021"], checkov: "CKV_AZURE_7"),
        examples: RuleExamples(
            triggering: [
                ["name": "aks", "network_profile": [["network_plugin": "kubenet", "network_policy": nil]]],
                ["name": "aks"],
            ],
            nonTriggering: [
                ["name": "aks", "network_profile": [["network_plugin": "azure", "network_policy": "calico"]]]
            ]),
        check: { resource in
            let profile = PlanValues.block(resource.attributes, "network_profile")
            guard PlanValues.isUnset(profile?["network_policy"]) || profile?["network_policy"]?.stringValue == "none"
            else { return [] }
            return [
                Violation(
                    path: "network_profile.0.network_policy", value: profile?["network_policy"],
                    message: profile == nil ? "cluster sets no network_profile: no network policy engine" : nil)
            ]
        })

    static let authorizedIPRanges = Rule(
        RuleDescription(
            id: "azure-aks-api-server-open", title: "AKS API server is reachable from any address", severity: .medium,
            pack: "azure", resourceTypes: cluster,
            rationale: "A public API server without authorized IP ranges accepts connections from the whole "
                + "internet, so a leaked kubeconfig or an API server CVE is exploitable from anywhere. Private "
                + "clusters are skipped.",
            remediation: """
                api_server_access_profile {
                  authorized_ip_ranges = ["203.0.113.0/24"] # api_server_authorized_ip_ranges on azurerm ≤ 3.x
                }
                """,
            references: ["CIS AKS Benchmark 5.4.1", "MITRE ATT&CK T1133"], checkov: "CKV_AZURE_6"),
        examples: RuleExamples(
            triggering: [
                ["name": "aks", "private_cluster_enabled": false, "api_server_access_profile": []],
                ["name": "aks", "private_cluster_enabled": false, "api_server_authorized_ip_ranges": ["0.0.0.0/0"]],
            ],
            nonTriggering: [
                [
                    "name": "aks", "private_cluster_enabled": false,
                    "api_server_access_profile": [["authorized_ip_ranges": ["203.0.113.0/24"]]],
                ],
                ["name": "aks", "private_cluster_enabled": false, "api_server_authorized_ip_ranges": ["10.0.0.0/8"]],
                ["name": "aks", "private_cluster_enabled": true],
            ]),
        check: { resource in
            guard !isPrivate(resource) else { return [] }
            let attributes = resource.attributes
            let ranges =
                PlanValues.strings(attributes["api_server_authorized_ip_ranges"])
                + PlanValues.strings(PlanValues.block(attributes, "api_server_access_profile")?["authorized_ip_ranges"])
            if ranges.isEmpty {
                return [
                    Violation(
                        path: "api_server_access_profile.0.authorized_ip_ranges", value: nil,
                        message: "public API server sets no authorized IP ranges")
                ]
            }
            guard ranges.contains(where: { $0 == "0.0.0.0/0" || $0 == "::/0" }) else { return [] }
            return [
                Violation(
                    path: "api_server_access_profile.0.authorized_ip_ranges",
                    value: .array(ranges.map(JSONValue.string)),
                    message: "authorized IP ranges include the whole internet")
            ]
        })

    static let privateCluster = Rule(
        RuleDescription(
            id: "azure-aks-private-cluster", title: "AKS cluster has a public API server", severity: .low,
            pack: "azure",
            resourceTypes: cluster,
            rationale: "A private cluster keeps the API server off the internet entirely. Low: a public endpoint "
                + "restricted by authorized IP ranges is acceptable; azure-aks-api-server-open reports when it is not.",
            remediation: """
                resource "azurerm_kubernetes_cluster" "main" {
                  # ...
                  private_cluster_enabled = true
                }
                """,
            references: ["CIS AKS Benchmark 5.4.2", "MITRE ATT&CK T1133"], checkov: "CKV_AZURE_115"),
        examples: RuleExamples(
            triggering: [["name": "aks", "private_cluster_enabled": false]],
            nonTriggering: [["name": "aks", "private_cluster_enabled": true]]),
        check: { resource in
            guard PlanValues.flag(resource.attributes["private_cluster_enabled"]) == false else { return [] }
            return [Violation(path: "private_cluster_enabled", value: false)]
        })

    static let localAccounts = Rule(
        RuleDescription(
            id: "azure-aks-local-accounts", title: "AKS cluster keeps local admin accounts", severity: .medium,
            pack: "azure", resourceTypes: cluster,
            rationale: "Local accounts give a static cluster-admin kubeconfig (az aks get-credentials --admin) that "
                + "bypasses Entra ID, conditional access and audit by identity, and survives offboarding.",
            remediation: """
                resource "azurerm_kubernetes_cluster" "main" {
                  # ...
                  local_account_disabled = true
                  azure_active_directory_role_based_access_control {
                    azure_rbac_enabled = true
                  }
                }
                """,
            references: ["CIS AKS Benchmark 3.1", "MITRE ATT&CK T1078.001"], checkov: "CKV_AZURE_141"),
        examples: RuleExamples(
            triggering: [["name": "aks", "local_account_disabled": false]],
            nonTriggering: [["name": "aks", "local_account_disabled": true]]),
        check: { resource in
            guard PlanValues.flag(resource.attributes["local_account_disabled"]) == false else { return [] }
            return [Violation(path: "local_account_disabled", value: false)]
        })

    static let all: [Rule] = [rbacDisabled, networkPolicy, authorizedIPRanges, privateCluster, localAccounts]
}
