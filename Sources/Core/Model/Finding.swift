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

    final class Storage: @unchecked Sendable {
        var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var storage: Storage

    /// The fields in one read, for the report writers (methods of `Fields`): one copy of the members, which
    /// measured cheaper than a getter (a retain and a release) per member read, over 190k findings on two cores.
    /// Swift copies the struct here even through `_read`; a pointer to the storage was measured too, and copied
    /// it as well.
    var fields: Fields { _read { yield storage.fields } }

    private mutating func uniqueStorage() -> Storage {
        if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage.fields) }
        return storage
    }

    /// Rule id (`aws-sg-ssh-open`), drift id (`drift-modified`) or custom check name.
    public var ruleID: String {
        get { storage.fields.ruleID }
        set { uniqueStorage().fields.ruleID = newValue }
    }
    public var category: FindingCategory {
        get { storage.fields.category }
        set { uniqueStorage().fields.category = newValue }
    }
    public var severity: Severity {
        get { storage.fields.severity }
        set { uniqueStorage().fields.severity = newValue }
    }
    /// One line, safe to show anywhere.
    public var title: String {
        get { storage.fields.title }
        set { uniqueStorage().fields.title = newValue }
    }
    /// Why it matters, in a sentence or two.
    public var detail: String {
        get { storage.fields.detail }
        set { uniqueStorage().fields.detail = newValue }
    }
    /// Source kind name as configured (`terraform-state`, `helm`, …).
    public var source: String {
        get { storage.fields.source }
        set { uniqueStorage().fields.source = newValue }
    }
    /// The target (root, chart, folder) this came from, as written in config or discovered.
    public var target: String {
        get { storage.fields.target }
        set { uniqueStorage().fields.target = newValue }
    }
    /// The resource's own address (`module.net.aws_security_group.web`, `Deployment/ns/web`).
    public var resource: String {
        get { storage.fields.resource }
        set { uniqueStorage().fields.resource = newValue }
    }
    /// The resource's type or kind (`aws_security_group`, `Deployment`).
    public var resourceType: String {
        get { storage.fields.resourceType }
        set { uniqueStorage().fields.resourceType = newValue }
    }
    /// The resource address as hashed into the fingerprint (target-prefixed in multi-target repos).
    public var identity: String {
        get { storage.fields.identity }
        set { uniqueStorage().fields.identity = newValue }
    }
    public var location: SourceLocation? {
        get { storage.fields.location }
        set { uniqueStorage().fields.location = newValue }
    }
    public var evidence: [Evidence] {
        get { storage.fields.evidence }
        set { uniqueStorage().fields.evidence = newValue }
    }
    /// Drift only: the original's change type.
    public var changeType: ChangeType? {
        get { storage.fields.changeType }
        set { uniqueStorage().fields.changeType = newValue }
    }
    /// Drift only: the tool's own action words (`update`, `delete, create`).
    public var actions: [String]? {
        get { storage.fields.actions }
        set { uniqueStorage().fields.actions = newValue }
    }
    /// What to change, from the rule's description.
    public var remediation: String? {
        get { storage.fields.remediation }
        set { uniqueStorage().fields.remediation = newValue }
    }
    /// CIS / Pod Security Standards / ATT&CK references.
    public var references: [String] {
        get { storage.fields.references }
        set { uniqueStorage().fields.references = newValue }
    }
    /// `Fingerprint.compute` of source, identity and rule id or change type: see `Fingerprint`.
    public var fingerprint: String {
        get { storage.fields.fingerprint }
        set { uniqueStorage().fields.fingerprint = newValue }
    }
    /// The team's runbook entries that match, best first (see `FixMatcher`); absent when none do.
    public var fixes: [MatchedFix]? {
        get { storage.fields.fixes }
        set { uniqueStorage().fields.fixes = newValue }
    }
    /// Drift only: the drifted resource this one depends on through its configuration's references, followed to
    /// the root of the chain, so a report can show the cause first and its dependents under it.
    public var causedBy: String? {
        get { storage.fields.causedBy }
        set { uniqueStorage().fields.causedBy = newValue }
    }
    /// Drift only: `true` when the live object changed outside Terraform (a plan's `resource_drift`), so the
    /// repository has nothing to walk back: the answer is `terraform apply`, or accepting it into the state.
    public var outOfBand: Bool? {
        get { storage.fields.outOfBand }
        set { uniqueStorage().fields.outOfBand = newValue }
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
        storage = Storage(fields)
    }

    public init(from decoder: any Decoder) throws { storage = Storage(try Fields(from: decoder)) }
    public func encode(to encoder: any Encoder) throws { try storage.fields.encode(to: encoder) }
    public static func == (lhs: Finding, rhs: Finding) -> Bool {
        lhs.storage === rhs.storage || lhs.storage.fields == rhs.storage.fields
    }
    public func hash(into hasher: inout Hasher) { storage.fields.hash(into: &hasher) }
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
