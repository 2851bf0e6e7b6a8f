/// Runs rules over an inventory: each rule sees only the resource types it declares, once each.
///
/// Pure and deterministic: findings come out in inventory order per rule, and the caller sorts for output.
public enum RuleEngine {
    /// Who the findings belong to, for source names, identities and fingerprints.
    public struct Context: Sendable {
        public var source: SourceKind
        public var target: String
        /// Prepended as `<prefix>/` to every identity when the repository has several targets.
        public var identityPrefix: String?

        public init(source: SourceKind, target: String, identityPrefix: String? = nil) {
            self.source = source
            self.target = target
            self.identityPrefix = identityPrefix
        }

        public func identity(for address: String) -> String {
            guard let identityPrefix, !identityPrefix.isEmpty, identityPrefix != "." else { return address }
            return "\(identityPrefix)/\(address)"
        }
    }

    public static func evaluate(_ rules: [Rule], over inventory: ResourceInventory, context: Context) -> [Finding] {
        var findings: [Finding] = []
        for rule in rules {
            for type in rule.description.resourceTypes {
                for resource in inventory.resources(ofType: type) {
                    for violation in rule.check(resource, in: inventory) {
                        findings.append(finding(rule.description, resource, violation, context))
                    }
                }
            }
        }
        return findings
    }

    static func finding(
        _ rule: RuleDescription, _ resource: Resource, _ violation: Violation, _ context: Context
    ) -> Finding {
        let text = violation.value?.compactText
        let sensitive =
            resource.isSensitive(violation.path)
            || SensitiveValues.reveals(text, SensitiveValues.collect(resource.attributes, mask: resource.sensitivity))
        let evidence = Evidence(path: violation.path, value: text, isSensitive: sensitive)
        return Finding(
            ruleID: rule.id, category: rule.category, severity: violation.severity ?? rule.severity,
            title: "\(resource.address): \(violation.message ?? rule.title)", detail: rule.rationale,
            source: context.source.rawValue, fingerprintSource: context.source.ruleFingerprintName,
            target: context.target, resource: resource.address, resourceType: resource.type,
            identity: context.identity(for: resource.address), location: resource.location, evidence: [evidence],
            remediation: rule.remediation, references: rule.references)
    }
}
