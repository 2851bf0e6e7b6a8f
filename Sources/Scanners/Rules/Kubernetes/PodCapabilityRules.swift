import Core

/// Linux capabilities: added ones, and the default set left in place.
///
/// `k8s-added-capabilities` keeps the original's predicate, which is stricter than the baseline profile: it
/// reports every added capability, including the thirteen the baseline allows (`NET_BIND_SERVICE`, `CHOWN`…),
/// and it is high only when one of them is host-escape grade. The restricted profile's "drop ALL, add at
/// most NET_BIND_SERVICE" is this rule together with `k8s-capabilities-not-dropped`.
enum PodCapabilityRules {
    /// The original's host-escape-grade set; any of them makes the finding high.
    static let dangerous: Set<String> = ["SYS_ADMIN", "SYS_MODULE", "SYS_PTRACE", "BPF", "NET_ADMIN"]

    static let addedCapabilities = KubernetesRules.podRule(
        KubernetesRules.describe(
            "k8s-added-capabilities", "Workload adds Linux capabilities", .medium, profile: .baseline,
            rationale: "Added capabilities widen what the container may ask of the kernel; SYS_ADMIN, SYS_MODULE, "
                + "SYS_PTRACE, BPF and NET_ADMIN are enough to escape to the node (reported high), the others still "
                + "undo part of the isolation the runtime gives by default.",
            remediation: """
                Drop every capability and add back only what the process needs, ideally nothing:

                securityContext:
                  capabilities:
                    drop: ["ALL"]
                    add: ["NET_BIND_SERVICE"]   # only if it binds a port below 1024
                """,
            references: [
                "PSS baseline: Capabilities", "PSS restricted: Capabilities", "CIS Kubernetes 5.2.8",
                "MITRE ATT&CK T1611",
            ],
            checkov: "CKV_K8S_25"),
        examples: RuleExamples(
            triggering: [
                K8sExample.deployment(K8sExample.container("securityContext.capabilities.add", ["SYS_ADMIN"])),
                K8sExample.deployment(K8sExample.container("securityContext.capabilities.add", ["NET_BIND_SERVICE"])),
            ],
            nonTriggering: [
                K8sExample.deployment(),
                K8sExample.deployment(K8sExample.container("securityContext.capabilities.add", [])),
            ]),
        check: { pod in
            var capabilities: Set<String> = []
            var firstPath: String?
            for container in pod.containers {
                let added = container.securityContext("capabilities")?["add"]?.arrayValue ?? []
                guard !added.isEmpty else { continue }
                capabilities.formUnion(added.map(\.compactText))
                if firstPath == nil { firstPath = container.path("securityContext.capabilities.add") }
            }
            guard let firstPath else { return nil }
            let sorted = capabilities.sorted()
            let isDangerous = !capabilities.isDisjoint(with: dangerous)
            return Violation(
                path: firstPath, value: .array(sorted.map(JSONValue.string)),
                message: "adds Linux capabilities: \(sorted.joined(separator: ", "))",
                severity: isDangerous ? .high : nil)
        })

    static let capabilitiesNotDropped = KubernetesRules.containerRule(
        KubernetesRules.describe(
            "k8s-capabilities-not-dropped", "Workload does not drop ALL capabilities", .low, profile: .restricted,
            rationale: "A container keeps the runtime's default capabilities (NET_RAW, CHOWN, SETUID…) unless it "
                + "drops them; NET_RAW alone allows ARP and DNS spoofing of neighbouring pods.",
            remediation: """
                Drop everything, then add back only what is needed:

                securityContext:
                  capabilities:
                    drop: ["ALL"]
                """,
            references: ["PSS restricted: Capabilities", "CIS Kubernetes 5.2.9"], checkov: "CKV_K8S_37"),
        examples: RuleExamples(
            triggering: [
                K8sExample.deployment(K8sExample.container("securityContext.capabilities", nil)),
                K8sExample.deployment(K8sExample.container("securityContext.capabilities.drop", ["NET_RAW"])),
            ],
            nonTriggering: [
                K8sExample.deployment(),
                K8sExample.deployment(K8sExample.container("securityContext.capabilities.drop", ["all"])),
            ]),
        message: { "does not drop ALL capabilities (\($0))" },
        offends: { container, _ in
            let drop = container.securityContext("capabilities")?["drop"]
            let dropsAll = (drop?.arrayValue ?? []).contains { $0.compactText.uppercased() == "ALL" }
            return dropsAll ? nil : (container.path("securityContext.capabilities.drop"), drop)
        })
}
