import Core

/// The kernel-facing confinement of a pod: seccomp, AppArmor, SELinux, the /proc mask and sysctls.
enum PodIsolationRules {
    static let acceptedSeccomp: Set<String> = ["RuntimeDefault", "Localhost"]

    static let seccompUnset = KubernetesRules.podRule(
        KubernetesRules.describe(
            "k8s-seccomp-unset", "Workload sets no seccomp profile", .low, profile: .restricted,
            rationale: "Without a RuntimeDefault or Localhost seccomp profile the container may make every system "
                + "call, so a kernel bug in a rarely used call (the usual container-escape route) stays reachable.",
            remediation: """
                Set the runtime's default profile for the whole pod:

                spec:
                  securityContext:
                    seccompProfile:
                      type: RuntimeDefault
                """,
            references: ["PSS restricted: Seccomp", "CIS Kubernetes 5.7.2"], checkov: "CKV_K8S_31"),
        examples: RuleExamples(
            triggering: [
                K8sExample.deployment(
                    K8sExample.container("securityContext.seccompProfile", nil).setting(
                        "securityContext.seccompProfile", nil))
            ],
            nonTriggering: [
                K8sExample.deployment(),
                K8sExample.deployment(K8sExample.hardenedSpec.setting("securityContext.seccompProfile", nil)),
                K8sExample.deployment(K8sExample.container("securityContext.seccompProfile", nil)),
            ]),
        check: { pod in
            // The original's predicate: the pod-level profile, else every container's, must be accepted.
            func accepted(_ context: JSONValue?) -> Bool {
                context?["seccompProfile"]?["type"]?.stringValue.map(acceptedSeccomp.contains) ?? false
            }
            guard !pod.containers.isEmpty, !accepted(pod.spec["securityContext"]) else { return nil }
            let unset = pod.containers.filter { !accepted($0.value["securityContext"]) }
            guard let first = unset.first else { return nil }
            return Violation(
                path: first.path("securityContext.seccompProfile"), value: first.securityContext("seccompProfile"),
                message: "sets no seccomp profile (\(unset.map { "'\($0.name)'" }.joined(separator: ", ")))")
        })

    static let seccompUnconfined = KubernetesRules.podRule(
        KubernetesRules.describe(
            "k8s-pss-seccomp-unconfined", "Workload turns seccomp off", .medium, profile: .baseline,
            rationale: "An Unconfined seccomp profile removes the runtime's default syscall filter that blocks "
                + "known escape primitives (unshare, keyctl, bpf, mount), even where the pod sets a default.",
            remediation: """
                Use the runtime default (or a Localhost profile) instead of Unconfined:

                securityContext:
                  seccompProfile:
                    type: RuntimeDefault
                """,
            references: ["PSS baseline: Seccomp", "CIS Kubernetes 5.7.2", "MITRE ATT&CK T1611"]),
        examples: RuleExamples(
            triggering: [
                K8sExample.deployment(K8sExample.container("securityContext.seccompProfile.type", "Unconfined")),
                K8sExample.deployment(annotations: ["seccomp.security.alpha.kubernetes.io/pod": "unconfined"]),
            ],
            nonTriggering: [
                K8sExample.deployment(),
                K8sExample.deployment(
                    K8sExample.hardenedSpec.setting("securityContext.seccompProfile.type", "Localhost")),
            ]),
        check: { pod in
            var setters: [String] = []
            var first: (String, JSONValue?)?
            func note(_ setter: String, _ path: String, _ value: JSONValue?) {
                setters.append(setter)
                if first == nil { first = (path, value) }
            }
            if pod.securityContext("seccompProfile")?["type"]?.stringValue == "Unconfined" {
                note("pod", pod.path("securityContext.seccompProfile.type"), "Unconfined")
            }
            for container in pod.containers
            where container.securityContext("seccompProfile")?["type"]?.stringValue == "Unconfined" {
                note("'\(container.name)'", container.path("securityContext.seccompProfile.type"), "Unconfined")
            }
            // The annotations older clusters read (Kubernetes before 1.19), still honoured by some runtimes.
            for (key, value) in pod.annotations(withPrefix: "seccomp.security.alpha.kubernetes.io/pod")
                + pod.annotations(withPrefix: "container.seccomp.security.alpha.kubernetes.io/")
            where value.stringValue == "unconfined" {
                note("annotation \(key)", pod.annotationPath(key), value)
            }
            guard let first else { return nil }
            return Violation(
                path: first.0, value: first.1,
                message: "turns seccomp off (Unconfined: \(setters.joined(separator: ", ")))")
        })

    static let appArmor = KubernetesRules.podRule(
        KubernetesRules.describe(
            "k8s-pss-apparmor", "Workload overrides the default AppArmor profile", .medium, profile: .baseline,
            rationale: "The runtime's default AppArmor profile denies writes to /proc and /sys and mounts; an "
                + "unconfined profile lifts those denials, which several container escapes rely on.",
            remediation: """
                Keep the runtime default (or a named Localhost profile):

                securityContext:
                  appArmorProfile:
                    type: RuntimeDefault
                """,
            references: ["PSS baseline: AppArmor", "CIS Kubernetes 5.7.3", "MITRE ATT&CK T1611"]),
        examples: RuleExamples(
            triggering: [
                K8sExample.deployment(annotations: ["container.apparmor.security.beta.kubernetes.io/app": "unconfined"]
                ),
                K8sExample.deployment(K8sExample.container("securityContext.appArmorProfile.type", "Unconfined")),
            ],
            nonTriggering: [
                K8sExample.deployment(),
                K8sExample.deployment(
                    annotations: ["container.apparmor.security.beta.kubernetes.io/app": "localhost/web-profile"]),
                K8sExample.deployment(
                    K8sExample.hardenedSpec.setting("securityContext.appArmorProfile.type", "RuntimeDefault")),
            ]),
        check: { pod in
            var setters: [String] = []
            var first: (String, JSONValue?)?
            func check(_ context: JSONValue?, _ setter: String, _ path: String) {
                guard let type = context?["appArmorProfile"]?["type"], !type.isNull,
                    !["RuntimeDefault", "Localhost"].contains(type.compactText)
                else { return }
                setters.append("\(setter): \(type.compactText)")
                if first == nil { first = (path, type) }
            }
            check(pod.spec["securityContext"], "pod", pod.path("securityContext.appArmorProfile.type"))
            for container in pod.containers {
                check(
                    container.value["securityContext"], "'\(container.name)'",
                    container.path("securityContext.appArmorProfile.type"))
            }
            for (key, value) in pod.annotations(withPrefix: "container.apparmor.security.beta.kubernetes.io/") {
                let profile = value.compactText
                guard profile != "runtime/default", !profile.hasPrefix("localhost/") else { continue }
                setters.append("annotation \(key): \(profile)")
                if first == nil { first = (pod.annotationPath(key), value) }
            }
            guard let first else { return nil }
            return Violation(
                path: first.0, value: first.1,
                message: "overrides the AppArmor profile (\(setters.joined(separator: "; ")))")
        })

    /// SELinux types the baseline allows; the empty type is the runtime's default.
    static let seLinuxTypes: Set<String> = [
        "", "container_t", "container_init_t", "container_kvm_t", "container_engine_t",
    ]

    static let seLinux = KubernetesRules.podRule(
        KubernetesRules.describe(
            "k8s-pss-selinux", "Workload sets custom SELinux options", .medium, profile: .baseline,
            rationale: "An SELinux type such as spc_t (super-privileged container) or a custom user or role "
                + "takes the container out of the policy that keeps it from the node's files and processes.",
            remediation: """
                Remove seLinuxOptions, or keep to the container types:

                securityContext:
                  seLinuxOptions:
                    type: container_t
                """,
            references: ["PSS baseline: SELinux", "CIS Kubernetes 5.7.3", "MITRE ATT&CK T1611"]),
        examples: RuleExamples(
            triggering: [
                K8sExample.deployment(K8sExample.hardenedSpec.setting("securityContext.seLinuxOptions.type", "spc_t")),
                K8sExample.deployment(K8sExample.container("securityContext.seLinuxOptions.user", "system_u")),
            ],
            nonTriggering: [
                K8sExample.deployment(),
                K8sExample.deployment(
                    K8sExample.container(
                        "securityContext.seLinuxOptions", ["type": "container_t", "level": "s0:c1,c2"])),
            ]),
        check: { pod in
            var setters: [String] = []
            var problems: [String] = []
            var first: (String, JSONValue?)?
            func check(_ options: JSONValue?, _ setter: String, _ path: String) {
                guard let options, options.objectValue != nil else { return }
                var found: [String] = []
                let type = options["type"]?.compactText ?? ""
                if !seLinuxTypes.contains(type) { found.append("type \(type)") }
                if let user = options["user"]?.stringValue, !user.isEmpty { found.append("user \(user)") }
                if let role = options["role"]?.stringValue, !role.isEmpty { found.append("role \(role)") }
                guard !found.isEmpty else { return }
                setters.append(setter)
                for problem in found where !problems.contains(problem) { problems.append(problem) }
                if first == nil { first = (path, options) }
            }
            check(pod.securityContext("seLinuxOptions"), "pod", pod.path("securityContext.seLinuxOptions"))
            for container in pod.containers {
                check(
                    container.securityContext("seLinuxOptions"), "'\(container.name)'",
                    container.path("securityContext.seLinuxOptions"))
            }
            guard let first else { return nil }
            return Violation(
                path: first.0, value: first.1,
                message: "sets custom SELinux options: \(problems.joined(separator: ", ")) "
                    + "(\(setters.joined(separator: ", ")))")
        })

    static let procMount = KubernetesRules.containerRule(
        KubernetesRules.describe(
            "k8s-pss-proc-mount", "Workload unmasks /proc", .medium, profile: .baseline,
            rationale: "procMount: Unmasked exposes the parts of /proc the runtime hides (kcore, sysrq-trigger, "
                + "timer and keys lists), which leak node information and let a process poke the node's kernel.",
            remediation: """
                Leave procMount unset, or Default:

                securityContext:
                  procMount: Default
                """,
            references: ["PSS baseline: /proc Mount Type", "MITRE ATT&CK T1611"]),
        examples: RuleExamples(
            triggering: [K8sExample.deployment(K8sExample.container("securityContext.procMount", "Unmasked"))],
            nonTriggering: [
                K8sExample.deployment(),
                K8sExample.deployment(K8sExample.container("securityContext.procMount", "Default")),
            ]),
        message: { "unmasks /proc with procMount: Unmasked (\($0))" },
        offends: { container, _ in
            guard let value = container.securityContext("procMount"), !value.isNull, value.stringValue != "Default"
            else {
                return nil
            }
            return (container.path("securityContext.procMount"), value)
        })

    /// Sysctls the baseline calls safe: namespaced to the pod and isolated from other pods on the node.
    static let safeSysctls: Set<String> = [
        "kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.ip_unprivileged_port_start",
        "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range", "net.ipv4.ip_local_reserved_ports",
        "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl",
        "net.ipv4.tcp_keepalive_probes", "net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem",
    ]

    static let sysctls = KubernetesRules.podRule(
        KubernetesRules.describe(
            "k8s-pss-sysctls", "Workload sets unsafe sysctls", .medium, profile: .baseline,
            rationale: "Sysctls outside the safe set are not isolated per pod: setting them changes the node's "
                + "kernel for every workload on it, or turns off protections (kernel.* limits, net.* routing).",
            remediation: """
                Keep to the safe sysctls, or tune the node itself:

                spec:
                  securityContext:
                    sysctls:
                      - name: net.ipv4.ip_local_port_range
                        value: "1024 65535"
                """,
            references: ["PSS baseline: Sysctls", "MITRE ATT&CK T1611"]),
        examples: RuleExamples(
            triggering: [
                K8sExample.deployment(
                    K8sExample.hardenedSpec.setting(
                        "securityContext.sysctls", [["name": "kernel.msgmax", "value": "65536"]]))
            ],
            nonTriggering: [
                K8sExample.deployment(),
                K8sExample.deployment(
                    K8sExample.hardenedSpec.setting(
                        "securityContext.sysctls", [["name": "net/ipv4/tcp_syncookies", "value": "1"]])),
            ]),
        check: { pod in
            var unsafe: [String] = []
            var firstPath: String?
            for (index, sysctl) in (pod.securityContext("sysctls")?.arrayValue ?? []).enumerated() {
                // The kubelet accepts `/` as the separator too (net/ipv4/tcp_syncookies).
                let name = (sysctl["name"]?.compactText ?? "").replacingOccurrences(of: "/", with: ".")
                guard !safeSysctls.contains(name) else { continue }
                unsafe.append(name)
                if firstPath == nil { firstPath = pod.path("securityContext.sysctls.\(index).name") }
            }
            guard let firstPath else { return nil }
            return Violation(
                path: firstPath, value: .string(unsafe[0]),
                message: "sets unsafe sysctls: \(unsafe.joined(separator: ", "))")
        })
}
