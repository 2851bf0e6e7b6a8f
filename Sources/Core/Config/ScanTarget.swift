/// One root to scan: a Terraform root module, a chart, a manifest folder, a compose file, or a captured
/// JSON file standing in for the tool's output.
public struct ScanTarget: Sendable, Equatable, Codable {
    /// Display name: the configured `name`, else the path.
    public var name: String
    public var source: SourceKind
    /// Relative to the working directory.
    public var path: String
    public var plan: String?
    public var initialize: Bool?
    public var varFiles: [String]
    public var vars: [String: String]
    public var timeoutSeconds: Double?
    public var release: String?
    public var values: [String]
    public var set: [String: String]
    public var namespace: String?
    public var kubeVersion: String?
    /// Manifest folders: read sub-folders too (default). Discovery turns it off, because it makes each nested
    /// manifest folder a target of its own.
    public var recursive: Bool
    /// Which rule packs and profile run on this target, and severity overrides.
    public var rulePolicy: RulePolicy
    /// Terraform: whether planning reads the live objects. `nil` is the source's own default: `terraform`
    /// refreshes (the original's plan), `terraform-state` does not; `true` on `terraform-state` adds a
    /// `-refresh-only` plan for drift made outside Terraform (it needs read credentials).
    public var refresh: Bool?

    /// `refresh` resolved against the source's default.
    public var refreshes: Bool { refresh ?? (source != .terraformState) }

    public init(
        name: String? = nil, source: SourceKind, path: String, plan: String? = nil, initialize: Bool? = nil,
        varFiles: [String] = [], vars: [String: String] = [:], timeoutSeconds: Double? = nil,
        release: String? = nil, values: [String] = [], set: [String: String] = [:], namespace: String? = nil,
        kubeVersion: String? = nil, recursive: Bool = true, rulePolicy: RulePolicy = RulePolicy(),
        refresh: Bool? = nil
    ) {
        self.refresh = refresh
        self.name = name ?? path
        self.source = source
        self.path = path
        self.plan = plan
        self.initialize = initialize
        self.varFiles = varFiles
        self.vars = vars
        self.timeoutSeconds = timeoutSeconds
        self.release = release
        self.values = values
        self.set = set
        self.namespace = namespace
        self.kubeVersion = kubeVersion
        self.recursive = recursive
        self.rulePolicy = rulePolicy
    }

    /// The identity prefix used in fingerprints when a repository has several targets: the path, without
    /// `./` and trailing slashes, so `infra/prod/` and `./infra/prod` give the same fingerprints.
    public var identityPrefix: String {
        var trimmed = path
        while trimmed.hasPrefix("./") { trimmed.removeFirst(2) }
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
        return trimmed
    }
}
