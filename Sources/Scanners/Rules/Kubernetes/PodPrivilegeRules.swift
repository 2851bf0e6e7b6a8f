import Core

/// Containers that run with more privilege than their workload needs: privileged mode, Windows HostProcess,
/// privilege escalation, root.
///
/// `k8s-privileged`, `k8s-allow-privilege-escalation` and `k8s-runs-as-root` keep the original's predicates
/// (an explicit `true`, an explicit `runAsUser: 0` or `runAsNonRoot: false`); the restricted profile's
/// "must be set" halves are the two `…-unset` rules, so a workload that never mentions the fields is not
/// reported under the original's ids.
enum PodPrivilegeRules {
    static let privileged = KubernetesRules.containerRule(
        KubernetesRules.describe(
            "k8s-privileged", "Workload runs a privileged container", .high, profile: .baseline,
            rationale: "A privileged container gets every capability and the host's devices: it can mount the "
                + "node's disk, load kernel modules and escape to the node, taking every other pod there with it.",
            remediation: """
                Remove privileged mode; grant only the capability the workload needs, if any:

                securityContext:
                  privileged: false
                  capabilities:
                    drop: ["ALL"]
                """,
            references: ["PSS baseline: Privileged Containers", "CIS Kubernetes 5.2.1", "MITRE ATT&CK T1611"],
            checkov: "CKV_K8S_16"),
        examples: RuleExamples(
            triggering: [
                K8sExample.deployment(K8sExample.container("securityContext.privileged", true)),
                K8sExample.pod(
                    K8sExample.hardenedSpec.setting(
                        "initContainers", [K8sExample.hardenedContainer.setting("securityContext.privileged", "true")])),
            ],
            nonTriggering: [
                K8sExample.deployment(K8sExample.container("securityContext.privileged", false)),
                K8sExample.deployment(K8sExample.container("securityContext.privileged", "false")),
            ]),
        message: { "runs a privileged container (\($0))" },
        offends: { container, _ in
            let value = container.securityContext("privileged")
            return RuleValues.isTruthy(value) ? (container.path("securityContext.privileged"), value) : nil
        })

    static let hostProcess = KubernetesRules.podRule(
        KubernetesRules.describe(
            "k8s-pss-host-process", "Workload runs Windows HostProcess containers", .high, profile: .baseline,
            rationale: "A HostProcess container runs directly on the Windows node, outside any container "
                + "isolation, with the node's network and file system: it is the Windows equivalent of a "
                + "privileged pod.",
            remediation: """
                Run the workload as a normal Windows container; leave hostProcess unset or false:

                securityContext:
                  windowsOptions:
                    hostProcess: false
                """,
            references: ["PSS baseline: HostProcess", "CIS Kubernetes 5.2.11", "MITRE ATT&CK T1611"]),
        examples: RuleExamples(
            triggering: [
                K8sExample.pod(K8sExample.hardenedSpec.setting("securityContext.windowsOptions.hostProcess", true)),
                K8sExample.deployment(K8sExample.container("securityContext.windowsOptions.hostProcess", true)),
            ],
            nonTriggering: [
                K8sExample.pod(K8sExample.hardenedSpec.setting("securityContext.windowsOptions.hostProcess", false)),
                K8sExample.deployment(),
            ]),
        check: { pod in
            let podValue = pod.securityContext("windowsOptions")?["hostProcess"]
            var setters: [String] = []
            var first: (String, JSONValue?)?
            if RuleValues.isTruthy(podValue) {
                setters.append("pod")
                first = (pod.path("securityContext.windowsOptions.hostProcess"), podValue)
            }
            for container in pod.containers {
                let value = container.securityContext("windowsOptions")?["hostProcess"]
                guard RuleValues.isTruthy(value) else { continue }
                setters.append("'\(container.name)'")
                if first == nil { first = (container.path("securityContext.windowsOptions.hostProcess"), value) }
            }
            guard let first else { return nil }
            return Violation(
                path: first.0, value: first.1,
                message: "runs Windows HostProcess containers (\(setters.joined(separator: ", ")))")
        })

    static let allowPrivilegeEscalation = KubernetesRules.containerRule(
        KubernetesRules.describe(
            "k8s-allow-privilege-escalation", "Workload allows privilege escalation", .low, profile: .baseline,
            rationale: "allowPrivilegeEscalation: true lets a process gain more privileges than its parent, "
                + "through setuid binaries or file capabilities: a foothold in the container becomes root in it.",
            remediation: """
                Set it to false on every container:

                securityContext:
                  allowPrivilegeEscalation: false
                """,
            references: ["PSS restricted: Privilege Escalation", "CIS Kubernetes 5.2.5"], checkov: "CKV_K8S_20"),
        examples: RuleExamples(
            triggering: [K8sExample.deployment(K8sExample.container("securityContext.allowPrivilegeEscalation", true))],
            nonTriggering: [
                K8sExample.deployment(),
                K8sExample.deployment(K8sExample.container("securityContext.allowPrivilegeEscalation", nil)),
            ]),
        message: { "allows privilege escalation (\($0))" },
        offends: { container, _ in
            let value = container.securityContext("allowPrivilegeEscalation")
            return value == .bool(true) ? (container.path("securityContext.allowPrivilegeEscalation"), value) : nil
        })

    static let privilegeEscalationUnset = KubernetesRules.containerRule(
        KubernetesRules.describe(
            "k8s-pss-privilege-escalation-unset", "Workload does not forbid privilege escalation", .low,
            profile: .restricted,
            rationale: "Privilege escalation is allowed unless a container says otherwise, so a container that "
                + "leaves allowPrivilegeEscalation unset still lets setuid binaries make a compromised process root.",
            remediation: """
                Set it explicitly on every container (Linux pods):

                securityContext:
                  allowPrivilegeEscalation: false
                """,
            references: ["PSS restricted: Privilege Escalation", "CIS Kubernetes 5.2.5"], checkov: "CKV_K8S_20"),
        examples: RuleExamples(
            triggering: [K8sExample.deployment(K8sExample.container("securityContext.allowPrivilegeEscalation", nil))],
            nonTriggering: [
                K8sExample.deployment(),
                K8sExample.deployment(K8sExample.container("securityContext.allowPrivilegeEscalation", true)),
                K8sExample.deployment(
                    K8sExample.container("securityContext.allowPrivilegeEscalation", nil).setting("os.name", "windows")),
            ]),
        message: { "does not set allowPrivilegeEscalation: false (\($0))" },
        offends: { container, pod in
            // The restricted profile exempts Windows pods (Kubernetes 1.25+); an explicit true is the original's rule.
            guard pod.spec["os"]?["name"]?.stringValue != "windows" else { return nil }
            let value = container.securityContext("allowPrivilegeEscalation")
            guard value?.boolValue == nil else { return nil }
            return (container.path("securityContext.allowPrivilegeEscalation"), value)
        })

    static let runsAsRoot = KubernetesRules.podRule(
        KubernetesRules.describe(
            "k8s-runs-as-root", "Workload runs as root", .low, profile: .baseline,
            rationale: "The pod runs as UID 0 (runAsUser: 0 or runAsNonRoot: false): a container breakout then "
                + "starts as root on the node, and root in the container can rewrite its own binaries.",
            remediation: """
                Run as an unprivileged user and let the kubelet refuse root:

                securityContext:
                  runAsNonRoot: true
                  runAsUser: 10001
                """,
            references: ["PSS restricted: Running as Non-root user", "CIS Kubernetes 5.2.6"], checkov: "CKV_K8S_23"),
        examples: RuleExamples(
            triggering: [
                K8sExample.deployment(K8sExample.hardenedSpec.setting("securityContext.runAsUser", 0)),
                K8sExample.deployment(K8sExample.container("securityContext.runAsNonRoot", false)),
                K8sExample.cronJob(K8sExample.container("securityContext.runAsUser", 0)),
            ],
            nonTriggering: [
                K8sExample.deployment(),
                K8sExample.deployment(K8sExample.hardenedSpec.setting("securityContext", nil)),
            ]),
        check: { pod in
            // The original's predicate exactly: an explicit root, never an absent setting.
            func isRoot(_ context: JSONValue?) -> Bool {
                RuleValues.isZero(context?["runAsUser"]) || context?["runAsNonRoot"] == .bool(false)
            }
            var setters: [String] = []
            var firstPath: String?
            if isRoot(pod.spec["securityContext"]) {
                setters.append("pod")
                firstPath = pod.path("securityContext")
            }
            for container in pod.containers where isRoot(container.value["securityContext"]) {
                setters.append("'\(container.name)'")
                if firstPath == nil { firstPath = container.path("securityContext") }
            }
            guard let firstPath else { return nil }
            return Violation(
                path: firstPath, value: nil,
                message: "runs as root: runAsUser: 0 or runAsNonRoot: false (\(setters.joined(separator: ", ")))")
        })

    static let runAsNonRootUnset = KubernetesRules.containerRule(
        KubernetesRules.describe(
            "k8s-pss-run-as-non-root-unset", "Workload does not require a non-root user", .low, profile: .restricted,
            rationale: "Without runAsNonRoot: true the container runs as whatever user its image names, which for "
                + "most images is root; an image rebuilt with USER root would then run as root unnoticed.",
            remediation: """
                Require a non-root user for the whole pod:

                spec:
                  securityContext:
                    runAsNonRoot: true
                """,
            references: ["PSS restricted: Running as Non-root", "CIS Kubernetes 5.2.6"], checkov: "CKV_K8S_23"),
        examples: RuleExamples(
            triggering: [
                K8sExample.deployment(
                    K8sExample.container("securityContext.runAsNonRoot", nil).setting(
                        "securityContext.runAsNonRoot", nil))
            ],
            nonTriggering: [
                K8sExample.deployment(),
                K8sExample.deployment(K8sExample.container("securityContext.runAsNonRoot", nil)),
                K8sExample.deployment(K8sExample.container("securityContext.runAsNonRoot", false)),
            ]),
        message: { "does not set runAsNonRoot: true (\($0))" },
        offends: { container, pod in
            // An explicit false is `k8s-runs-as-root`; this rule reports only the absent setting.
            let value = container.securityContext("runAsNonRoot") ?? pod.securityContext("runAsNonRoot")
            guard value?.boolValue == nil else { return nil }
            return (container.path("securityContext.runAsNonRoot"), value)
        })
}
