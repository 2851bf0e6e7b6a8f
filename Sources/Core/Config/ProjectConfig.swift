/// What `steadystate/config.toml` says, typed but not yet merged with flags and environment.
///
/// Every field is optional: absence means "fall through to the next layer". The original's tables and keys
/// are read as they are; ours (`[[targets]]`, `[github]`, `[[suppress]]`, `[tools]`, `[ci] categories`)
/// extend them without changing what the original's keys mean.
public struct ProjectConfig: Sendable, Equatable {
    public struct Defaults: Sendable, Equatable {
        public var source: String?
        public var path: String?
    }

    public struct CI: Sendable, Equatable {
        public var source: String?
        public var path: String?
        public var failOn: String?
        public var to: [String]?
        public var deliver: [String]?
        /// Which finding categories gate (ours); all of them when absent.
        public var categories: [String]?
        /// Rule packs, profile and severity overrides for every target (ours).
        public var rules = Rules()
        /// Terraform targets plan against the live objects (ours; see `ScanTarget.refresh`).
        public var refresh: Bool?
    }

    /// `packs`, `profile` and `severity` as written in `[ci]` or one `[[targets]]` entry.
    public struct Rules: Sendable, Equatable {
        public var packs: [String]?
        public var profile: String?
        /// Rule id → severity name.
        public var severity: [String: String]?

        public init(packs: [String]? = nil, profile: String? = nil, severity: [String: String]? = nil) {
            self.packs = packs
            self.profile = profile
            self.severity = severity
        }

        init(reading table: inout TableReader) throws(ConfigError) {
            self.init(
                packs: try table.list("packs"), profile: try table.string("profile"),
                severity: try table.stringTable("severity"))
        }
    }

    public struct GitHub: Sendable, Equatable {
        /// Extra labels put on every issue, beside `steadystate` and the severity.
        public var labels: [String]?
        /// The issue filing bar (the original's `STEADYSTATE_GITHUB_SEVERITY`, here also committable).
        public var severity: String?
        public var openIssues: Bool?
        public var openFixPRs: Bool?
        public var base: String?
        public var autoMergeLabel: String?
        /// `finding` (default), `rule` or `target`: how findings are gathered into issues.
        public var group: String?
        /// At most this many issues opened per run; the rest wait in one digest issue.
        public var maxNewIssues: Double?
        /// Whether a `pull_request` run also files issues (default false: they belong to the default branch).
        public var issuesOnPullRequests: Bool?
    }

    public struct Tools: Sendable, Equatable {
        public var terraform: String?
        public var helm: String?
        public var kubectl: String?
        /// Seconds each tool call may take before it is stopped.
        public var timeout: Double?
    }

    /// One scan root of a repository with several (`[[targets]]`).
    public struct Target: Sendable, Equatable {
        public var name: String?
        public var source: String
        public var path: String
        /// A captured plan (`terraform show -json` output, or a binary plan file) to read instead of planning.
        public var plan: String?
        /// `terraform init` before planning: true, false, or absent for "when `.terraform/` is missing".
        public var initialize: Bool?
        public var varFiles: [String]?
        public var vars: [String: String]?
        public var timeout: Double?
        /// Helm: release name, values files, `--set` pairs, namespace, kube version.
        public var release: String?
        public var values: [String]?
        public var set: [String: String]?
        public var namespace: String?
        public var kubeVersion: String?
        public var recursive: Bool?
        /// Terraform: plan against the live objects (see `ScanTarget.refresh`).
        public var refresh: Bool?
        /// Refines `[ci]`'s packs, profile and severity overrides for this target.
        public var rules = Rules()
    }

    public var file: String
    public var defaults = Defaults()
    public var ci = CI()
    /// `[bound]` pairs as written: reversibility name → highest impact allowed unattended.
    public var bound: [String: String] = [:]
    public var github = GitHub()
    public var tools = Tools()
    public var targets: [Target] = []
    public var waivers: [Waiver] = []
    public var discovery = Discovery()
    public var warnings: [ConfigWarning] = []

    public init(file: String) { self.file = file }

    /// Tables the original defines for its other commands; accepted silently so a shared file stays quiet.
    static let originalOnlyTables: Set<String> = ["knowledge", "workflows", "servicenow"]

    /// Parses config.toml text. Type errors throw; unknown keys and tables become warnings.
    public static func parse(_ text: String, file: String) throws(ConfigError) -> ProjectConfig {
        let tree = try TOMLDocument.parse(text, file: file)
        var config = ProjectConfig(file: file)
        var root = try TableReader(file: file, tableName: "top level", value: tree)
        root.accept("defaults", "ci", "bound", "github", "tools", "targets", "suppress", "discovery")
        for table in originalOnlyTables { root.accept(table) }
        config.warnings += root.unknownKeys().map {
            ConfigWarning(file: file, message: "unknown table or key '\($0)' (ignored)")
        }

        var defaults = try TableReader(file: file, tableName: "[defaults]", value: tree["defaults"])
        config.defaults = Defaults(source: try defaults.string("source"), path: try defaults.string("path"))
        config.warnings += defaults.warnings()

        var ci = try TableReader(file: file, tableName: "[ci]", value: tree["ci"])
        config.ci = CI(
            source: try ci.string("source"), path: try ci.string("path"), failOn: try ci.string("fail_on"),
            to: try ci.list("to"), deliver: try ci.list("deliver"), categories: try ci.list("categories"),
            rules: try Rules(reading: &ci), refresh: try ci.bool("refresh"))
        config.warnings += ci.warnings()

        var bound = try TableReader(file: file, tableName: "[bound]", value: tree["bound"])
        for key in bound.members.keys.sorted() {
            config.bound[key] = try bound.string(key) ?? ""
        }

        var github = try TableReader(file: file, tableName: "[github]", value: tree["github"])
        config.github = GitHub(
            labels: try github.list("labels"), severity: try github.string("severity"),
            openIssues: try github.bool("issues"), openFixPRs: try github.bool("fix_prs"),
            base: try github.string("base"), autoMergeLabel: try github.string("auto_merge_label"),
            group: try github.string("group"), maxNewIssues: try github.number("max_new_issues"),
            issuesOnPullRequests: try github.bool("issues_on_pull_requests"))
        config.warnings += github.warnings()

        var tools = try TableReader(file: file, tableName: "[tools]", value: tree["tools"])
        config.tools = Tools(
            terraform: try tools.string("terraform"), helm: try tools.string("helm"),
            kubectl: try tools.string("kubectl"), timeout: try tools.number("timeout"))
        config.warnings += tools.warnings()

        config.targets = try parseTargets(tree["targets"], file: file, warnings: &config.warnings)
        config.waivers = try Waiver.parseSuppress(tree["suppress"], file: file, warnings: &config.warnings)
        config.discovery = try parseDiscovery(tree["discovery"], file: file, warnings: &config.warnings)
        return config
    }

    private static func parseTargets(
        _ value: JSONValue?, file: String, warnings: inout [ConfigWarning]
    ) throws(ConfigError) -> [Target] {
        guard let value, !value.isNull else { return [] }
        guard case .array(let entries) = value else {
            throw .wrongType(file: file, key: "targets", expected: "an array of tables ([[targets]])")
        }
        var targets: [Target] = []
        for (offset, entry) in entries.enumerated() {
            var table = try TableReader(file: file, tableName: "[[targets]] #\(offset + 1)", value: entry)
            guard let source = try table.string("source") else {
                throw .missingKey(file: file, key: table.keyName("source"))
            }
            guard let path = try table.string("path") else {
                throw .missingKey(file: file, key: table.keyName("path"))
            }
            targets.append(
                Target(
                    name: try table.string("name"), source: source, path: path, plan: try table.string("plan"),
                    initialize: try table.bool("init"), varFiles: try table.list("var_files"),
                    vars: try table.stringTable("vars"), timeout: try table.number("timeout"),
                    release: try table.string("release"), values: try table.list("values"),
                    set: try table.stringTable("set"), namespace: try table.string("namespace"),
                    kubeVersion: try table.string("kube_version"), recursive: try table.bool("recursive"),
                    refresh: try table.bool("refresh"), rules: try Rules(reading: &table)))
            warnings += table.warnings()
        }
        return targets
    }
}
