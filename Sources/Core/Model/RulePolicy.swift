/// How much hardening a target is held to; each rule names the lowest profile that runs it.
///
/// The names follow the Pod Security Standards. `baseline` runs the rules that flag an affirmative danger
/// (a privileged container, a host namespace, a docker socket mount): everything the original reports in a
/// normal scan plus the baseline controls it lacked. `restricted` adds the absence-based hardening (no
/// seccomp profile, capabilities not dropped, no resource limits, no probes) that fires on most workloads
/// that were not written for it, which is why it is opt-in.
public enum RuleProfile: String, Sendable, Codable, CaseIterable, Comparable, CustomStringConvertible {
    case baseline
    case restricted

    /// The profile a target gets when neither `[ci]` nor its `[[targets]]` entry names one: the low-noise one.
    public static let `default`: RuleProfile = .baseline

    private var rank: Int {
        switch self {
        case .baseline: 0
        case .restricted: 1
        }
    }

    public static func < (lhs: RuleProfile, rhs: RuleProfile) -> Bool { lhs.rank < rhs.rank }

    public var description: String { rawValue }

    public static var allNames: String { allCases.map(\.rawValue).joined(separator: ", ") }

    public init?(parsing text: String) {
        self.init(rawValue: text.trimmingCharacters(in: .whitespaces).lowercased())
    }
}

/// Which rules run on one target and how severe their findings are: `packs`, `profile` and `severity` of
/// `[ci]`, refined per `[[targets]]` entry.
///
/// A value, applied by one pure function, so the pipeline's only job is to call `apply(to:)` before the
/// engine runs; filtering rules (rather than findings) also keeps rules that are switched off from doing
/// any work.
public struct RulePolicy: Sendable, Equatable, Codable {
    /// Packs that run (`aws`, `k8s`, `docker`); `nil` runs every pack.
    public var packs: [String]?
    public var profile: RuleProfile
    /// Rule id → the severity its findings get instead of the rule's own.
    public var severities: [String: Severity]

    public init(packs: [String]? = nil, profile: RuleProfile = .default, severities: [String: Severity] = [:]) {
        self.packs = packs
        self.profile = profile
        self.severities = severities
    }

    /// The rules this policy runs, in their original order, with severity overrides applied.
    ///
    /// A rule without a profile (the cloud packs) runs under every profile. An override replaces every
    /// severity the rule can report, including the ones it picks per finding.
    public func apply(to rules: [Rule]) -> [Rule] {
        let enabledPacks = packs.map { Set($0.map { $0.lowercased() }) }
        return rules.compactMap { rule in
            let description = rule.description
            if let enabledPacks, !enabledPacks.contains(description.pack) { return nil }
            if let required = description.profile, required > profile { return nil }
            guard let severity = severities[description.id] else { return rule }
            return rule.overriding(severity: severity)
        }
    }
}

extension Rule {
    /// The same check reporting `severity` for every finding, whatever the rule or the violation says.
    public func overriding(severity: Severity) -> Rule {
        var description = self.description
        description.severity = severity
        return Rule(description, examples: examples) { resource in
            check(resource).map { violation in
                var adjusted = violation
                adjusted.severity = nil
                return adjusted
            }
        }
    }
}
