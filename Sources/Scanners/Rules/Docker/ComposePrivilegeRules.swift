import Core

/// What a service's processes may do to the kernel: privileged mode, capabilities, privilege escalation, the
/// user it runs as, and the confinement profiles.
enum ComposePrivilegeRules {
    static let privileged = DockerRules.serviceRule(
        DockerRules.describe(
            "docker-privileged", "Service runs privileged", .high, profile: .baseline,
            rationale: "A privileged container gets every capability and every host device: it can mount the "
                + "host's disks and load kernel modules, a direct path to root on the host.",
            remediation: """
                Remove privileged and add only the capability the service needs, if any:

                services:
                  web:
                    privileged: false
                    cap_drop: [ALL]
                """,
            references: ["CIS Docker 5.4", "MITRE ATT&CK T1611"]),
        examples: RuleExamples(
            triggering: [ComposeExample.with("privileged", true), ComposeExample.with("privileged", "true")],
            nonTriggering: [ComposeExample.hardened, ComposeExample.with("privileged", false)]),
        check: { service in
            let value = service["privileged"]
            guard RuleValues.isTruthy(value) else { return nil }
            return Violation(path: "privileged", value: value, message: "runs privileged")
        })

    static let addedCapabilities = DockerRules.serviceRule(
        DockerRules.describe(
            "docker-added-capabilities", "Service adds Linux capabilities", .medium, profile: .baseline,
            rationale: "cap_add grants kernel capabilities beyond Docker's default set, undoing part of the "
                + "isolation the runtime gives; the worst of them are reported again as docker-dangerous-capabilities.",
            remediation: """
                Drop everything and add back only what the process needs:

                services:
                  web:
                    cap_drop: [ALL]
                    cap_add: [NET_BIND_SERVICE]   # only if it binds a port below 1024
                """,
            references: ["CIS Docker 5.3"]),
        examples: RuleExamples(
            triggering: [
                ComposeExample.with("cap_add", ["NET_BIND_SERVICE"]), ComposeExample.with("cap_add", "SYS_TIME"),
            ],
            nonTriggering: [ComposeExample.hardened, ComposeExample.with("cap_add", [])]),
        check: { service in
            let added = RuleValues.texts(service["cap_add"])
            guard !added.isEmpty else { return nil }
            return Violation(
                path: "cap_add", value: service["cap_add"],
                message: "adds Linux capabilities: \(added.joined(separator: ", "))")
        })

    /// Capabilities enough to escape to the host (`ALL` included).
    static let dangerous: Set<String> = [
        "ALL", "SYS_ADMIN", "SYS_MODULE", "SYS_PTRACE", "SYS_RAWIO", "SYS_BOOT", "BPF", "PERFMON", "NET_ADMIN",
        "DAC_READ_SEARCH",
    ]

    static let dangerousCapabilities = DockerRules.serviceRule(
        DockerRules.describe(
            "docker-dangerous-capabilities", "Service adds host-escape-grade capabilities", .high, profile: .baseline,
            rationale: "SYS_ADMIN, SYS_MODULE, SYS_PTRACE, SYS_RAWIO, BPF, NET_ADMIN, DAC_READ_SEARCH (the "
                + "\"shocker\" escape) and ALL each give a container enough kernel power to break out to the host.",
            remediation: """
                Remove the capability; if a tool needs it, run that tool outside the container:

                services:
                  web:
                    cap_drop: [ALL]
                """,
            references: ["CIS Docker 5.3", "MITRE ATT&CK T1611"]),
        examples: RuleExamples(
            triggering: [
                ComposeExample.with("cap_add", ["SYS_ADMIN"]), ComposeExample.with("cap_add", ["cap_sys_ptrace"]),
            ],
            nonTriggering: [ComposeExample.hardened, ComposeExample.with("cap_add", ["NET_BIND_SERVICE"])]),
        check: { service in
            let found = RuleValues.texts(service["cap_add"]).filter { dangerous.contains(normalizedCapability($0)) }
            guard !found.isEmpty else { return nil }
            return Violation(
                path: "cap_add", value: service["cap_add"],
                message: "adds host-escape-grade capabilities: \(found.joined(separator: ", "))")
        })

    static let capDropAll = DockerRules.serviceRule(
        DockerRules.describe(
            "docker-cap-drop-all-missing", "Service keeps Docker's default capabilities", .low, profile: .restricted,
            rationale: "Docker's default set includes NET_RAW, CHOWN, SETUID and others most services never use; "
                + "NET_RAW alone lets a compromised container spoof traffic on the bridge network.",
            remediation: """
                Drop them all and add back what is needed:

                services:
                  web:
                    cap_drop: [ALL]
                """,
            references: ["CIS Docker 5.3"]),
        examples: RuleExamples(
            triggering: [ComposeExample.with("cap_drop", nil), ComposeExample.with("cap_drop", ["NET_RAW"])],
            nonTriggering: [ComposeExample.hardened, ComposeExample.with("cap_drop", "all")]),
        check: { service in
            guard !RuleValues.texts(service["cap_drop"]).contains(where: { normalizedCapability($0) == "ALL" }) else {
                return nil
            }
            return Violation(path: "cap_drop", value: service["cap_drop"], message: "does not drop ALL capabilities")
        })

    static let noNewPrivileges = DockerRules.serviceRule(
        DockerRules.describe(
            "docker-no-new-privileges-missing", "Service does not set no-new-privileges", .low, profile: .baseline,
            rationale: "Without no-new-privileges a process in the container can still gain privileges through "
                + "setuid binaries or file capabilities, turning a foothold into root in the container.",
            remediation: """
                Set it on every service:

                services:
                  web:
                    security_opt:
                      - no-new-privileges:true
                """,
            references: ["CIS Docker 5.25"]),
        examples: RuleExamples(
            triggering: [
                ComposeExample.with("security_opt", nil),
                ComposeExample.with("security_opt", ["no-new-privileges:false"]),
            ],
            nonTriggering: [ComposeExample.hardened, ComposeExample.with("security_opt", "no-new-privileges")]),
        check: { service in
            // The original accepts any entry that mentions no-new-privileges; one that sets it to false is not
            // accepted here.
            let options = RuleValues.texts(service["security_opt"]).map {
                $0.lowercased().replacingOccurrences(of: " ", with: "")
            }
            let isSet = options.contains {
                $0.contains("no-new-privileges") && !$0.hasSuffix(":false") && !$0.hasSuffix("=false")
            }
            guard !isSet else { return nil }
            return Violation(
                path: "security_opt", value: service["security_opt"], message: "does not set no-new-privileges")
        })

    static let rootUser = DockerRules.serviceRule(
        DockerRules.describe(
            "docker-root-user", "Service runs as root", .low, profile: .baseline,
            rationale: "No non-root user is set, so the container runs as root (unless its image says otherwise): "
                + "a breakout then starts as root on the host, and root in the container can rewrite its binaries.",
            remediation: """
                Run as an unprivileged user (and create it in the image):

                services:
                  web:
                    user: "10001:10001"
                """,
            references: ["CIS Docker 4.1"]),
        examples: RuleExamples(
            triggering: [
                ComposeExample.with("user", nil), ComposeExample.with("user", "root"), ComposeExample.with("user", 0),
                ComposeExample.with("user", "0:0"),
            ],
            nonTriggering: [ComposeExample.hardened, ComposeExample.with("user", "app")]),
        check: { service in
            let value = service["user"]
            let text = value.map { $0.isNull ? "" : $0.compactText } ?? ""
            let name = text.split(separator: ":", omittingEmptySubsequences: false).first.map(String.init) ?? ""
            guard ["", "root", "0"].contains(name.trimmingCharacters(in: .whitespaces).lowercased()) else { return nil }
            return Violation(path: "user", value: value, message: "runs as root")
        })

    /// `security_opt` entries that switch a confinement off, in `key:value` form.
    static let unconfinedOptions: Set<String> = [
        "seccomp:unconfined", "apparmor:unconfined", "label:disable", "systempaths:unconfined",
    ]

    static let unconfined = DockerRules.serviceRule(
        DockerRules.describe(
            "docker-security-opt-unconfined", "Service turns off seccomp, AppArmor or SELinux", .medium,
            profile: .baseline,
            rationale: "seccomp:unconfined, apparmor:unconfined, label:disable and systempaths:unconfined remove "
                + "the filters Docker applies by default, which block the system calls and /proc writes most "
                + "container escapes need.",
            remediation: """
                Remove the option (the defaults apply), or name a custom profile:

                services:
                  web:
                    security_opt:
                      - no-new-privileges:true
                      - seccomp:./seccomp/web.json
                """,
            references: ["CIS Docker 5.1", "CIS Docker 5.2", "CIS Docker 5.21", "MITRE ATT&CK T1611"]),
        examples: RuleExamples(
            triggering: [
                ComposeExample.with("security_opt", ["no-new-privileges:true", "seccomp:unconfined"]),
                ComposeExample.with("security_opt", ["apparmor=unconfined"]),
            ],
            nonTriggering: [ComposeExample.hardened, ComposeExample.with("security_opt", ["seccomp:./web.json"])]),
        check: { service in
            let found = RuleValues.texts(service["security_opt"]).filter { option in
                let normalized = option.lowercased().replacingOccurrences(of: " ", with: "")
                    .replacingOccurrences(of: "=", with: ":")
                return unconfinedOptions.contains(normalized)
            }
            guard !found.isEmpty else { return nil }
            return Violation(
                path: "security_opt", value: service["security_opt"],
                message: "turns off confinement: \(found.joined(separator: ", "))")
        })

    /// `cap_sys_admin` → `SYS_ADMIN`: compose accepts either spelling.
    static func normalizedCapability(_ name: String) -> String {
        let upper = name.trimmingCharacters(in: .whitespaces).uppercased()
        return upper.hasPrefix("CAP_") ? String(upper.dropFirst(4)) : upper
    }
}
