import Core

/// The Docker pack (`docker-…`): CIS Docker Benchmark controls a compose service can break.
///
/// The original's seven ids keep their predicates, so their fingerprints (`docker-compose|<service>|<rule
/// id>`) match; two of them are deliberately tighter, because the original passes settings that switch the
/// protection off: `security_opt: [no-new-privileges:false]` counts as missing, and `user: "0:0"` or
/// `"root:root"` as root. Each rule reports a service at most once.
enum DockerRules {
    /// The resource type compose services have (see `Resource`).
    static let serviceType = "docker_compose_service"

    static let all: [Rule] = [
        ComposePrivilegeRules.privileged,
        ComposeNamespaceRules.hostNetwork,
        ComposeNamespaceRules.hostPID,
        ComposePrivilegeRules.addedCapabilities,
        ComposePrivilegeRules.noNewPrivileges,
        ComposePrivilegeRules.rootUser,
        ComposeImageRules.unpinned,
        ComposeNamespaceRules.hostIPC,
        ComposeNamespaceRules.usernsHost,
        ComposeHostAccessRules.runtimeSocket,
        ComposeHostAccessRules.devices,
        ComposeHostAccessRules.databasePorts,
        ComposePrivilegeRules.dangerousCapabilities,
        ComposePrivilegeRules.unconfined,
        ComposeSecretRules.secretLiteral,
        ComposePrivilegeRules.capDropAll,
        ComposeHardeningRules.readOnly,
        ComposeHardeningRules.healthcheck,
        ComposeHardeningRules.restartPolicy,
    ]

    static func describe(
        _ id: String, _ title: String, _ severity: Severity, profile: RuleProfile, rationale: String,
        remediation: String, references: [String]
    ) -> RuleDescription {
        RuleDescription(
            id: id, title: title, severity: severity, pack: "docker", resourceTypes: [serviceType],
            rationale: rationale, remediation: remediation, references: references, profile: profile)
    }

    /// A rule over one service's mapping, reporting it at most once.
    static func serviceRule(
        _ description: RuleDescription, examples: RuleExamples, check: @escaping @Sendable (JSONValue) -> Violation?
    ) -> Rule {
        Rule(description, examples: examples) { resource in
            guard resource.attributes.objectValue != nil, let violation = check(resource.attributes) else { return [] }
            return [violation]
        }
    }
}

/// Compose services for the Docker rules' examples: `hardened` passes every rule of the restricted profile,
/// and each example changes one field of it.
enum ComposeExample {
    static let hardened: JSONValue = [
        "image": .string(K8sExample.image),
        "user": "10001:10001",
        "read_only": true,
        "cap_drop": ["ALL"],
        "security_opt": ["no-new-privileges:true"],
        "healthcheck": ["test": ["CMD", "/app/healthcheck"], "interval": "30s"],
        "restart": "on-failure:5",
        "ports": ["127.0.0.1:8080:8080"],
        "environment": ["LOG_LEVEL": "info"],
    ]

    static func with(_ path: String, _ value: JSONValue?) -> JSONValue { hardened.setting(path, value) }
}
