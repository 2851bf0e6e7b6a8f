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
///
/// A value with copy-on-write storage: a 10k-resource plan yields about 19k findings, and every sort, filter
/// and report pass used to copy each one field by field (twenty-odd retains apiece); now a copy is one retain,
/// and a mutation copies only a finding that is shared. It encodes and compares exactly as its fields do.
public struct Finding: Sendable, Codable, Hashable {
    struct Fields: Sendable, Codable, Hashable {
        var ruleID: String
        var category: FindingCategory
        var severity: Severity
        var title: String
        var detail: String
        var source: String
        var target: String
        var resource: String
        var resourceType: String
        var identity: String
        var location: SourceLocation?
        var evidence: [Evidence]
        var changeType: ChangeType?
        var actions: [String]?
        var remediation: String?
        var references: [String]
        var fingerprint: String
        var fixes: [MatchedFix]? = nil
        var causedBy: String? = nil
        var outOfBand: Bool? = nil
    }

    private var storage: CopyOnWrite<Fields>

    /// The fields in one read, for the report writers (methods of `Fields`): one copy of the members, which
    /// measured cheaper than a getter (a retain and a release) per member read, over 190k findings on two cores.
    /// Swift copies the struct here even through `_read`; a pointer to the storage was measured too, and copied
    /// it as well.
    var fields: Fields { _read { yield storage.value } }

    /// Rule id (`aws-sg-ssh-open`), drift id (`drift-modified`) or custom check name.
    public var ruleID: String {
        get { storage.value.ruleID }
        set { storage.value.ruleID = newValue }
    }
    public var category: FindingCategory {
        get { storage.value.category }
        set { storage.value.category = newValue }
    }
    public var severity: Severity {
        get { storage.value.severity }
        set { storage.value.severity = newValue }
    }
    /// One line, safe to show anywhere.
    public var title: String {
        get { storage.value.title }
        set { storage.value.title = newValue }
    }
    /// Why it matters, in a sentence or two.
    public var detail: String {
        get { storage.value.detail }
        set { storage.value.detail = newValue }
    }
    /// Source kind name as configured (`terraform-state`, `helm`, …).
    public var source: String {
        get { storage.value.source }
        set { storage.value.source = newValue }
    }
    /// The target (root, chart, folder) this came from, as written in config or discovered.
    public var target: String {
        get { storage.value.target }
        set { storage.value.target = newValue }
    }
    /// The resource's own address (`module.net.aws_security_group.web`, `Deployment/ns/web`).
    public var resource: String {
        get { storage.value.resource }
        set { storage.value.resource = newValue }
    }
    /// The resource's type or kind (`aws_security_group`, `Deployment`).
    public var resourceType: String {
        get { storage.value.resourceType }
        set { storage.value.resourceType = newValue }
    }
    /// The resource address as hashed into the fingerprint (target-prefixed in multi-target repos).
    public var identity: String {
        get { storage.value.identity }
        set { storage.value.identity = newValue }
    }
    public var location: SourceLocation? {
        get { storage.value.location }
        set { storage.value.location = newValue }
    }
    public var evidence: [Evidence] {
        get { storage.value.evidence }
        set { storage.value.evidence = newValue }
    }
    /// Drift only: the original's change type.
    public var changeType: ChangeType? {
        get { storage.value.changeType }
        set { storage.value.changeType = newValue }
    }
    /// Drift only: the tool's own action words (`update`, `delete, create`).
    public var actions: [String]? {
        get { storage.value.actions }
        set { storage.value.actions = newValue }
    }
    /// What to change, from the rule's description.
    public var remediation: String? {
        get { storage.value.remediation }
        set { storage.value.remediation = newValue }
    }
    /// CIS / Pod Security Standards / ATT&CK references.
    public var references: [String] {
        get { storage.value.references }
        set { storage.value.references = newValue }
    }
    /// `Fingerprint.compute` of source, identity and rule id or change type: see `Fingerprint`.
    public var fingerprint: String {
        get { storage.value.fingerprint }
        set { storage.value.fingerprint = newValue }
    }
    /// The team's runbook entries that match, best first (see `FixMatcher`); absent when none do.
    public var fixes: [MatchedFix]? {
        get { storage.value.fixes }
        set { storage.value.fixes = newValue }
    }
    /// Drift only: the drifted resource this one depends on through its configuration's references, followed to
    /// the root of the chain, so a report can show the cause first and its dependents under it.
    public var causedBy: String? {
        get { storage.value.causedBy }
        set { storage.value.causedBy = newValue }
    }
    /// Drift only: `true` when the live object changed outside Terraform (a plan's `resource_drift`), so the
    /// repository has nothing to walk back: the answer is `terraform apply`, or accepting it into the state.
    public var outOfBand: Bool? {
        get { storage.value.outOfBand }
        set { storage.value.outOfBand = newValue }
    }

    public init(
        ruleID: String, category: FindingCategory, severity: Severity, title: String, detail: String,
        source: String, fingerprintSource: String, target: String, resource: String, resourceType: String,
        identity: String, location: SourceLocation? = nil, evidence: [Evidence] = [], changeType: ChangeType? = nil,
        actions: [String]? = nil, remediation: String? = nil, references: [String] = []
    ) {
        var fields = Fields(
            ruleID: ruleID, category: category, severity: severity, title: title, detail: detail, source: source,
            target: target, resource: resource, resourceType: resourceType, identity: identity, location: location,
            evidence: evidence, changeType: changeType, actions: actions, remediation: remediation,
            references: references, fingerprint: "")
        fields.fingerprint = Fingerprint.compute(
            source: fingerprintSource, identity: identity, discriminator: changeType?.rawValue ?? ruleID)
        storage = CopyOnWrite(fields)
    }

    public init(from decoder: any Decoder) throws { storage = CopyOnWrite(try Fields(from: decoder)) }
    public func encode(to encoder: any Encoder) throws { try storage.value.encode(to: encoder) }
    public static func == (lhs: Finding, rhs: Finding) -> Bool {
        lhs.storage.sharesBox(with: rhs.storage) || lhs.storage.value == rhs.storage.value
    }
    public func hash(into hasher: inout Hasher) { storage.value.hash(into: &hasher) }
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
