import Core

/// The Kubernetes pack (`k8s-…`): the Pod Security Standards plus workload hygiene, over every pod-bearing kind.
///
/// The original's ten ids keep their predicates, so their fingerprints (`kubernetes|<identity>|<rule id>`)
/// match its findings; where the Pod Security Standards ask for more than the original checked, the difference
/// is a separate `k8s-pss-…` rule instead of a widened predicate. Two deliberate differences remain: these
/// rules also read ReplicationControllers and ephemeral containers, which the original skips.
///
/// Every rule reports a workload at most once, naming every offending container, because a fingerprint has
/// no room for the container: two findings of one rule on one workload would share it.
enum KubernetesRules {
    static let all: [Rule] = [
        PodPrivilegeRules.privileged,
        PodPrivilegeRules.hostProcess,
        PodPrivilegeRules.allowPrivilegeEscalation,
        PodPrivilegeRules.privilegeEscalationUnset,
        PodPrivilegeRules.runsAsRoot,
        PodPrivilegeRules.runAsNonRootUnset,
        PodCapabilityRules.addedCapabilities,
        PodCapabilityRules.capabilitiesNotDropped,
        PodHostAccessRules.hostPID,
        PodHostAccessRules.hostIPC,
        PodHostAccessRules.hostNetwork,
        PodHostAccessRules.hostPorts,
        PodHostAccessRules.probeHost,
        PodVolumeRules.hostPath,
        PodVolumeRules.volumeTypes,
        PodIsolationRules.seccompUnset,
        PodIsolationRules.seccompUnconfined,
        PodIsolationRules.appArmor,
        PodIsolationRules.seLinux,
        PodIsolationRules.procMount,
        PodIsolationRules.sysctls,
        PodResourceRules.cpuRequests,
        PodResourceRules.cpuLimits,
        PodResourceRules.memoryRequests,
        PodResourceRules.memoryLimits,
        PodResourceRules.livenessProbe,
        PodResourceRules.readinessProbe,
        PodImageRules.latestTag,
        PodImageRules.noDigest,
        PodConfigurationRules.serviceAccountToken,
        PodConfigurationRules.defaultNamespace,
        PodConfigurationRules.secretLiteral,
    ]

    /// A `k8s` rule description; it reads every pod-bearing kind unless told otherwise.
    static func describe(
        _ id: String, _ title: String, _ severity: Severity, profile: RuleProfile,
        resourceTypes: [String] = PodSpecs.kinds, rationale: String, remediation: String, references: [String],
        checkov: String? = nil
    ) -> RuleDescription {
        RuleDescription(
            id: id, title: title, severity: severity, pack: "k8s", resourceTypes: resourceTypes, rationale: rationale,
            remediation: remediation, references: references, checkov: checkov, profile: profile)
    }

    /// A rule over the pod template of a pod-bearing object, reporting it at most once.
    static func podRule(
        _ description: RuleDescription, examples: RuleExamples,
        check: @escaping @Sendable (PodSpecs) -> Violation?
    ) -> Rule {
        Rule(description, examples: examples) { resource in
            guard let pod = PodSpecs(resource), let violation = check(pod) else { return [] }
            return [violation]
        }
    }

    /// A rule that reports every container for which `offends` returns the offending field's path and value.
    static func containerRule(
        _ description: RuleDescription, examples: RuleExamples,
        lists: Set<PodSpecs.ContainerList> = Set(PodSpecs.ContainerList.allCases),
        message: @escaping @Sendable (String) -> String,
        offends: @escaping @Sendable (PodSpecs.Container, PodSpecs) -> (path: String, value: JSONValue?)?
    ) -> Rule {
        podRule(description, examples: examples) { pod in
            var offenders = ContainerOffenders()
            for container in pod.containers(in: lists) {
                if let found = offends(container, pod) { offenders.add(container, found.path, found.value) }
            }
            return offenders.violation(message)
        }
    }
}
