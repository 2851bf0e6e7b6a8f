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

    /// Rules run concurrently, a share of (rule, resource type) pairs each; the findings come back in the order
    /// one loop over rules, types and resources would give.
    public static func evaluate(_ rules: [Rule], over inventory: ResourceInventory, context: Context) -> [Finding] {
        let work = rules.flatMap { rule in
            rule.description.resourceTypes.compactMap { type -> (rule: Rule, type: String, cost: Int)? in
                let count = inventory.count(ofType: type)
                return count == 0 ? nil : (rule, type, count)
            }
        }
        // Shares of about equal resource counts, several per core so a slow rule does not hold one core alone.
        let costs = work.map(\.cost)
        let shares = Parallel.shares(of: costs, target: max(256, costs.reduce(0, +) / (Parallel.width * 8)))
        let perShare = Parallel.map(shares.count) { share in
            var findings: [Finding] = []
            for (rule, type, _) in work[shares[share]] {
                // Resources are read in place, not copied out per rule: a type's resources pass through every
                // rule for that type.
                inventory.resources(ofType: type).withUnsafeBufferPointer { resources in
                    for index in resources.indices {
                        for violation in rule.check(resources[index], in: inventory) {
                            findings.append(finding(rule.description, resources[index], violation, context))
                        }
                    }
                }
            }
            return findings
        }
        // Joined on every core; the shares are left to process exit (freeing them was a release per finding).
        ProcessLifetime.retainUntilExit(perShare)
        return Parallel.joined(perShare)
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
