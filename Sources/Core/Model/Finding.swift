/// What kind of problem a finding reports; `[ci] categories` decides which of them gate.
public enum FindingCategory: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// Configuration and reality (or recorded state) disagree.
    case drift
    /// A rule pack found a misconfiguration.
    case security
    /// A team-written check from `steadystate/checks.json` fired.
    case custom

    public var description: String { rawValue }
    public static var allNames: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

/// The original's three change types; they are part of drift fingerprints, so they never grow.
public enum ChangeType: String, Sendable, Codable, CaseIterable {
    /// Declared but absent: the plan would create it.
    case added
    /// Recorded but no longer declared: the plan would destroy it.
    case removed
    /// Present on both sides but different (an update or a replacement).
    case modified
}

/// Where a finding points in the repository, when the source knows.
public struct SourceLocation: Sendable, Codable, Hashable {
    /// Repository-relative path with `/` separators.
    public var file: String
    /// 1-based line, when known.
    public var line: Int?

    public init(file: String, line: Int? = nil) {
        self.file = file
        self.line = line
    }
}

/// One piece of proof: the attribute a rule read and the value it saw, or a before/after pair for drift.
///
/// Values Terraform marks sensitive are replaced by `Evidence.redactedText` before they get here, so no
/// report, issue or log can carry them.
public struct Evidence: Sendable, Codable, Hashable {
    public static let redactedText = "(sensitive value)"

    /// Attribute path inside the resource, e.g. `ingress.0.cidr_blocks`.
    public var path: String
    /// The offending value (rules), or the value after the change (drift).
    public var value: String?
    /// The value before the change (drift only).
    public var before: String?
    /// True when the value was redacted because the tool marks it sensitive.
    public var isSensitive: Bool

    public init(path: String, value: String? = nil, before: String? = nil, isSensitive: Bool = false) {
        self.path = path
        self.value = isSensitive && value != nil ? Evidence.redactedText : value
        self.before = isSensitive && before != nil ? Evidence.redactedText : before
        self.isSensitive = isSensitive
    }
}

/// A problem found in the repository: the unit of every report, gate decision and GitHub issue.
public struct Finding: Sendable, Codable, Hashable {
    /// Rule id (`aws-sg-ssh-open`), drift id (`drift-modified`) or custom check name.
    public var ruleID: String
    public var category: FindingCategory
    public var severity: Severity
    /// One line, safe to show anywhere.
    public var title: String
    /// Why it matters, in a sentence or two.
    public var detail: String
    /// Source kind name as configured (`terraform-state`, `helm`, …).
    public var source: String
    /// The target (root, chart, folder) this came from, as written in config or discovered.
    public var target: String
    /// The resource's own address (`module.net.aws_security_group.web`, `Deployment/ns/web`).
    public var resource: String
    /// The resource's type or kind (`aws_security_group`, `Deployment`).
    public var resourceType: String
    /// The resource address as hashed into the fingerprint (target-prefixed in multi-target repos).
    public var identity: String
    public var location: SourceLocation?
    public var evidence: [Evidence]
    /// Drift only: the original's change type.
    public var changeType: ChangeType?
    /// Drift only: the tool's own action words (`update`, `delete, create`).
    public var actions: [String]?
    /// What to change, from the rule's description.
    public var remediation: String?
    /// CIS / Pod Security Standards / ATT&CK references.
    public var references: [String]
    /// `Fingerprint.compute` of source, identity and rule id or change type: see `Fingerprint`.
    public var fingerprint: String
    /// The team's runbook entries that match, best first (see `FixMatcher`); absent when none do.
    public var fixes: [MatchedFix]?
    /// Drift only: the drifted resource this one depends on through its configuration's references, followed to
    /// the root of the chain, so a report can show the cause first and its dependents under it.
    public var causedBy: String?
    /// Drift only: `true` when the live object changed outside Terraform (a plan's `resource_drift`), so the
    /// repository has nothing to walk back: the answer is `terraform apply`, or accepting it into the state.
    public var outOfBand: Bool?

    public init(
        ruleID: String, category: FindingCategory, severity: Severity, title: String, detail: String,
        source: String, fingerprintSource: String, target: String, resource: String, resourceType: String,
        identity: String, location: SourceLocation? = nil, evidence: [Evidence] = [], changeType: ChangeType? = nil,
        actions: [String]? = nil, remediation: String? = nil, references: [String] = []
    ) {
        self.ruleID = ruleID
        self.category = category
        self.severity = severity
        self.title = title
        self.detail = detail
        self.source = source
        self.target = target
        self.resource = resource
        self.resourceType = resourceType
        self.identity = identity
        self.location = location
        self.evidence = evidence
        self.changeType = changeType
        self.actions = actions
        self.remediation = remediation
        self.references = references
        self.fingerprint = Fingerprint.compute(
            source: fingerprintSource, identity: identity, discriminator: changeType?.rawValue ?? ruleID)
    }
}

extension Finding {
    /// Report order: worst first, then by identity and rule, so the same input gives byte-identical output.
    public static func reportOrder(_ lhs: Finding, _ rhs: Finding) -> Bool {
        if lhs.severity != rhs.severity { return lhs.severity > rhs.severity }
        if lhs.identity != rhs.identity { return lhs.identity < rhs.identity }
        if lhs.ruleID != rhs.ruleID { return lhs.ruleID < rhs.ruleID }
        return lhs.fingerprint < rhs.fingerprint
    }
}
