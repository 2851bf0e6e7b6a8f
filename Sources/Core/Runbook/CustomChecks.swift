/// Runs the team's `resource` checks over scanned resources, and explains why live checks do not run.
///
/// The CI step holds no infrastructure access, so the original's six live kinds (`kubectl-*`, `docker-log`,
/// `ansible-service`, `http`) are validated and reported as skipped — never run, never fired (the original runs
/// them from CI, and its `http` check fires whenever the runner cannot reach the endpoint).
public enum CustomChecks {
    /// One line per live check, printed once per run.
    public static func liveCheckNotices(_ checks: [Check], file: String) -> [String] {
        checks.compactMap { check in
            if case .resource = check.reader { return nil }
            return "\(file): '\(check.name)' (\(check.reader.kind)) is a live check, not checkable from the "
                + "repository: skipped"
        }
    }

    public static func evaluate(
        _ checks: [Check], over inventory: ResourceInventory, context: RuleEngine.Context
    ) -> [Finding] {
        var findings: [Finding] = []
        for check in checks {
            guard case .resource(let selector, let condition) = check.reader else { continue }
            for type in selector.types {
                for resource in inventory.resources(ofType: type) where selector.selects(resource, source: context.source) {
                    guard let witnesses = ConditionEvaluator.evaluate(condition, on: resource.attributes) else {
                        continue
                    }
                    findings.append(finding(check, resource, witnesses, context))
                }
            }
        }
        return findings
    }

    static func finding(
        _ check: Check, _ resource: Resource, _ witnesses: [ConditionEvaluator.Witness], _ context: RuleEngine.Context
    ) -> Finding {
        let secrets = SensitiveValues.collect(resource.attributes, mask: resource.sensitivity)
        let evidence = witnesses.prefix(10).map { witness in
            let text = witness.value?.compactText ?? "(absent)"
            let sensitive = resource.isSensitive(witness.path) || SensitiveValues.reveals(text, secrets)
            return Evidence(path: witness.path, value: text, isSensitive: sensitive)
        }
        return Finding(
            ruleID: check.name, category: .custom, severity: check.severity, title: "\(resource.address): \(check.title)",
            detail: "custom check '\(check.name)' from steadystate/checks.json", source: context.source.rawValue,
            fingerprintSource: context.source.ruleFingerprintName, target: context.target, resource: resource.address,
            resourceType: resource.type, identity: context.identity(for: resource.address), location: resource.location,
            evidence: Array(evidence))
    }
}
