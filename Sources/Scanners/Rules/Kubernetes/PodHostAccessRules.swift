import Core

/// Pods that reach into the node: its process, IPC and network namespaces, its ports, and (through probes
/// and lifecycle hooks the kubelet runs) the hosts it can talk to.
enum PodHostAccessRules {
    static let hostPID = namespaceRule(
        field: "hostPID", id: "k8s-host-pid", name: "PID",
        rationale: "hostPID lets the pod see and signal every process on the node, read their environment "
            + "(secrets included) through /proc, and with ptrace step into them: a short path to the node.",
        references: ["PSS baseline: Host Namespaces", "CIS Kubernetes 5.2.2", "MITRE ATT&CK T1611"],
        checkov: "CKV_K8S_17")

    static let hostIPC = namespaceRule(
        field: "hostIPC", id: "k8s-host-ipc", name: "IPC",
        rationale: "hostIPC shares the node's System V IPC and POSIX shared memory with the pod, so it can read "
            + "and corrupt the shared memory of other workloads and node daemons.",
        references: ["PSS baseline: Host Namespaces", "CIS Kubernetes 5.2.3"], checkov: "CKV_K8S_18")

    static let hostNetwork = namespaceRule(
        field: "hostNetwork", id: "k8s-host-network", name: "network",
        rationale: "hostNetwork removes network isolation: the pod binds the node's interfaces, sniffs its "
            + "traffic, bypasses NetworkPolicies and reaches services listening on localhost and the cloud "
            + "metadata endpoint.",
        references: ["PSS baseline: Host Namespaces", "CIS Kubernetes 5.2.4"], checkov: "CKV_K8S_19")

    static func namespaceRule(
        field: String, id: String, name: String, rationale: String, references: [String], checkov: String
    ) -> Rule {
        KubernetesRules.podRule(
            KubernetesRules.describe(
                id, "Workload shares the host \(name) namespace", .medium, profile: .baseline, rationale: rationale,
                remediation: """
                    Remove the setting (it defaults to false); expose what the pod needs through a Service instead:

                    spec:
                      \(field): false
                    """,
                references: references, checkov: checkov),
            examples: RuleExamples(
                triggering: [
                    K8sExample.deployment(K8sExample.hardenedSpec.setting(field, true)),
                    K8sExample.pod(K8sExample.hardenedSpec.setting(field, "yes")),
                ],
                nonTriggering: [
                    K8sExample.deployment(), K8sExample.deployment(K8sExample.hardenedSpec.setting(field, false)),
                ]),
            check: { pod in
                let value = pod.spec[field]
                guard RuleValues.isTruthy(value) else { return nil }
                return Violation(path: pod.path(field), value: value, message: "shares the host \(name) namespace")
            })
    }

    static let hostPorts = KubernetesRules.podRule(
        KubernetesRules.describe(
            "k8s-pss-host-ports", "Workload binds ports on the node", .medium, profile: .baseline,
            rationale: "A hostPort opens the port on the node's own address, outside Services and "
                + "NetworkPolicies, so the pod is reachable by anything that reaches the node.",
            remediation: """
                Drop hostPort and publish the port through a Service:

                ports:
                  - containerPort: 8080     # no hostPort
                """,
            references: ["PSS baseline: Host Ports", "CIS Kubernetes 5.2.13"], checkov: "CKV_K8S_26"),
        examples: RuleExamples(
            triggering: [
                K8sExample.deployment(K8sExample.container("ports", [["containerPort": 8080, "hostPort": 80]]))
            ],
            nonTriggering: [
                K8sExample.deployment(),
                K8sExample.deployment(K8sExample.container("ports", [["containerPort": 8080, "hostPort": 0]])),
            ]),
        check: { pod in
            var offenders = ContainerOffenders()
            var ports: [String] = []
            for container in pod.containers {
                for (index, port) in (container.value["ports"]?.arrayValue ?? []).enumerated() {
                    guard let hostPort = port["hostPort"], !hostPort.isNull, !RuleValues.isZero(hostPort) else {
                        continue
                    }
                    offenders.add(container, container.path("ports.\(index).hostPort"), hostPort)
                    ports.append(hostPort.compactText)
                }
            }
            return offenders.violation { "binds host ports \(ports.joined(separator: ", ")) (\($0))" }
        })

    static let probeHost = KubernetesRules.podRule(
        KubernetesRules.describe(
            "k8s-pss-probe-host", "Workload points probes or lifecycle hooks at another host", .medium,
            profile: .baseline,
            rationale: "The kubelet runs httpGet and tcpSocket probes and hooks from the node; a host field aims "
                + "those requests anywhere the node can reach (the cloud metadata endpoint, node-local services), "
                + "a server-side request forgery by manifest.",
            remediation: """
                Leave host unset so the probe targets the pod's own IP:

                livenessProbe:
                  httpGet:
                    path: /healthz
                    port: 8080      # no host
                """,
            references: ["PSS baseline: Probes / Lifecycle Hooks", "MITRE ATT&CK T1552.005"]),
        examples: RuleExamples(
            triggering: [
                K8sExample.deployment(K8sExample.container("livenessProbe.httpGet.host", "169.254.169.254")),
                K8sExample.deployment(
                    K8sExample.container("lifecycle.preStop.tcpSocket", ["host": "10.0.0.1", "port": 22])),
            ],
            nonTriggering: [
                K8sExample.deployment(), K8sExample.deployment(K8sExample.container("livenessProbe.httpGet.host", "")),
            ]),
        check: { pod in
            var offenders = ContainerOffenders()
            var hosts: [String] = []
            let handlers = [
                "livenessProbe", "readinessProbe", "startupProbe", "lifecycle.postStart", "lifecycle.preStop",
            ]
            for container in pod.containers {
                for handler in handlers {
                    for action in ["httpGet", "tcpSocket"] {
                        let field = "\(handler).\(action).host"
                        guard let host = container.value.value(at: field)?.stringValue, !host.isEmpty else { continue }
                        offenders.add(container, container.path(field), .string(host))
                        if !hosts.contains(host) { hosts.append(host) }
                    }
                }
            }
            return offenders.violation {
                "points probes or lifecycle hooks at \(hosts.joined(separator: ", ")) (\($0))"
            }
        })
}
