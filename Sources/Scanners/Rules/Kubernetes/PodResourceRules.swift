import Core

/// What the scheduler and the kubelet need to run a workload safely: resource requests and limits, and the
/// probes that tell a live, ready container from a stuck one.
enum PodResourceRules {
    static let cpuRequests = resourceRule(
        "requests", "cpu", id: "k8s-cpu-requests-missing", label: "CPU request", checkov: "CKV_K8S_10",
        rationale: "Without a CPU request the scheduler places the pod as if it needed nothing: nodes get "
            + "overcommitted and the pod is starved first when they are busy.",
        example: "100m", references: ["Kubernetes: Resource Management for Pods and Containers", "MITRE ATT&CK T1499"])

    static let cpuLimits = resourceRule(
        "limits", "cpu", id: "k8s-cpu-limits-missing", label: "CPU limit", checkov: "CKV_K8S_11",
        rationale: "Without a CPU limit one runaway or compromised container (a cryptominer is the classic "
            + "case) takes all the node's CPU from its neighbours.",
        example: "500m", references: ["MITRE ATT&CK T1496", "MITRE ATT&CK T1499"])

    static let memoryRequests = resourceRule(
        "requests", "memory", id: "k8s-memory-requests-missing", label: "memory request", checkov: "CKV_K8S_12",
        rationale: "Without a memory request the pod is BestEffort: scheduled onto full nodes and evicted first "
            + "under memory pressure.",
        example: "128Mi", references: ["Kubernetes: Resource Management for Pods and Containers", "MITRE ATT&CK T1499"])

    static let memoryLimits = resourceRule(
        "limits", "memory", id: "k8s-memory-limits-missing", label: "memory limit", checkov: "CKV_K8S_13",
        rationale: "Without a memory limit a leak or a compromised container grows until the node runs out of "
            + "memory and the kernel kills other workloads' processes.",
        example: "256Mi", references: ["MITRE ATT&CK T1496", "MITRE ATT&CK T1499"])

    static func resourceRule(
        _ kind: String, _ resource: String, id: String, label: String, checkov: String, rationale: String,
        example: String, references: [String]
    ) -> Rule {
        KubernetesRules.containerRule(
            KubernetesRules.describe(
                id, "Workload sets no \(label)", .low, profile: .restricted, rationale: rationale,
                remediation: """
                    Set a \(label) on every container:

                    resources:
                      \(kind):
                        \(resource): \(example)
                    """,
                references: references, checkov: checkov),
            examples: RuleExamples(
                triggering: [
                    K8sExample.deployment(K8sExample.container("resources.\(kind).\(resource)", nil)),
                    K8sExample.cronJob(K8sExample.container("resources", nil)),
                ],
                nonTriggering: [K8sExample.deployment(), K8sExample.cronJob()]),
            lists: [.containers, .initContainers],
            message: { "sets no \(label) (\($0))" },
            offends: { container, _ in
                let value = container.value["resources"]?[kind]?[resource]
                guard value == nil || value?.isNull == true else { return nil }
                return (container.path("resources.\(kind).\(resource)"), nil)
            })
    }

    /// Batch workloads run to completion, so probes are not expected of them.
    static let longRunningKinds = PodSpecs.kinds.filter { $0 != "Job" && $0 != "CronJob" }

    static let livenessProbe = probeRule(
        "livenessProbe", id: "k8s-liveness-probe-missing", label: "liveness probe", checkov: "CKV_K8S_8",
        rationale: "Without a liveness probe a deadlocked or wedged container keeps running and keeps its "
            + "place, and nothing restarts it until a human notices the outage.",
        path: "/healthz")

    static let readinessProbe = probeRule(
        "readinessProbe", id: "k8s-readiness-probe-missing", label: "readiness probe", checkov: "CKV_K8S_9",
        rationale: "Without a readiness probe the pod receives traffic as soon as it starts and while it is "
            + "overloaded, so every rollout and restart drops requests.",
        path: "/ready")

    static func probeRule(
        _ field: String, id: String, label: String, checkov: String, rationale: String, path: String
    ) -> Rule {
        KubernetesRules.containerRule(
            KubernetesRules.describe(
                id, "Workload has no \(label)", .low, profile: .restricted, resourceTypes: longRunningKinds,
                rationale: rationale,
                remediation: """
                    Give every long-running container a \(label):

                    \(field):
                      httpGet:
                        path: \(path)
                        port: 8080
                      periodSeconds: 10
                    """,
                references: ["Kubernetes: Configure Liveness, Readiness and Startup Probes"], checkov: checkov),
            examples: RuleExamples(
                triggering: [K8sExample.deployment(K8sExample.container(field, nil))],
                nonTriggering: [K8sExample.deployment(), K8sExample.pod()]),
            lists: [.containers],
            message: { "has no \(label) (\($0))" },
            offends: { container, _ in
                let value = container.value[field]
                guard value == nil || value?.isNull == true else { return nil }
                return (container.path(field), nil)
            })
    }
}
