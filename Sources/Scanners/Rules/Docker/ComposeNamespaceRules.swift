import Core

/// Services that share a namespace with the host: network, PID, IPC, user.
enum ComposeNamespaceRules {
    static let hostNetwork = namespaceRule(
        key: "network_mode", id: "docker-host-network", what: "network", references: ["CIS Docker 5.9"],
        rationale: "network_mode: host removes network isolation: the container binds the host's interfaces, "
            + "sees its traffic and reaches every service listening on the host's localhost.")

    static let hostPID = namespaceRule(
        key: "pid", id: "docker-host-pid", what: "PID", references: ["CIS Docker 5.15", "MITRE ATT&CK T1611"],
        rationale: "pid: host lets the container see and signal every host process and read their environment "
            + "through /proc, which aids escaping to the host.")

    static let hostIPC = namespaceRule(
        key: "ipc", id: "docker-host-ipc", what: "IPC", references: ["CIS Docker 5.16"],
        rationale: "ipc: host shares the host's shared memory and semaphores with the container, so it can read "
            + "and corrupt the memory of host processes that use them.")

    static let usernsHost = namespaceRule(
        key: "userns_mode", id: "docker-userns-host", what: "user",
        references: ["CIS Docker 5.30", "MITRE ATT&CK T1611"],
        rationale: "userns_mode: host opts the container out of the daemon's user-namespace remapping, so root "
            + "in the container is root on the host again.")

    /// The original's test: the setting's text, lowercased, is `host`.
    static func namespaceRule(
        key: String, id: String, what: String, references: [String], rationale: String
    ) -> Rule {
        DockerRules.serviceRule(
            DockerRules.describe(
                id, "Service shares the host \(what) namespace", .medium, profile: .baseline, rationale: rationale,
                remediation: """
                    Remove the setting so the container gets its own namespace:

                    services:
                      web:
                        # no \(key): host
                        image: registry.example.com/shop/web:1.4.2
                    """,
                references: references),
            examples: RuleExamples(
                triggering: [ComposeExample.with(key, "host"), ComposeExample.with(key, "HOST")],
                nonTriggering: [ComposeExample.hardened, ComposeExample.with(key, "service:db")]),
            check: { service in
                guard let value = service[key], value.compactText.lowercased() == "host" else { return nil }
                return Violation(path: key, value: value, message: "shares the host \(what) namespace")
            })
    }
}
