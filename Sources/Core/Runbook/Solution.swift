/// One authored fix from `steadystate/solutions.json`: "for problem X, the fix is Y", signed by an author.
///
/// The fields and their JSON keys are the original's, so a committed runbook loads unchanged; the
/// extensions (`rules`, `resource`, `source`, `fix`, `patch`) let an entry target our findings more
/// precisely and are parsed now, acted on later. `Codable` writes the same shape the file uses, but
/// only ``SolutionsFile/parse(_:file:)`` validates: decode through it, not through `JSONDecoder`.
public struct Solution: Sendable, Codable, Equatable {
    /// The unique key; trimmed, as the original trims it before comparing.
    public var name: String
    /// Who vouched for the fix; the audit anchor shown in issues.
    public var author: String
    /// Exact, case-insensitive match on a finding category or custom-check name.
    public var forCategory: String?
    /// A regular expression searched case-insensitively in the alert title (see ``RunbookRegex``).
    public var match: String?
    public var solution: Action
    /// Blast radius if the fix misbehaves; with `reversibility`, the bound an unattended run must fit.
    public var impact: BoundLevel
    public var reversibility: BoundLevel
    public var problem: String?
    /// ISO date the entry was authored; free text, as the original never parses it.
    public var added: String?
    /// Whether the entry is a draft that nobody has vouched for yet.
    ///
    /// The original tests truthiness, so the string `"false"` counts as a draft. We read a boolean as
    /// itself, and a string as a draft only when it is `"true"`, `"yes"` or `"1"` (warning either way),
    /// because a hand-written `"false"` plainly means "not a draft". Numbers and other values keep the
    /// original's truthiness, with a warning.
    public var isProposed: Bool
    /// Written by the original's `vouch`; kept so a round trip does not lose it.
    public var vouchedBy: String?

    /// Our extension: rule ids (`terraform.s3-public-acl`) the fix applies to.
    public var rules: [String]?
    /// Our extension: a glob over the finding's resource address (`module.logs.aws_s3_bucket.*`).
    public var resource: String?
    /// Our extension: the only source whose findings the fix applies to.
    public var source: SourceKind?
    /// Our extension: Markdown shown in the issue body, for fixes a human applies.
    public var fix: String?
    /// Our extension: a structured change to propose; kept opaque until fix delivery defines its shape.
    public var patch: JSONValue?

    /// What to do: the original's open `kind` plus the argv text and/or the thing to act on.
    public struct Action: Sendable, Codable, Equatable {
        /// `command`, `playbook`, `reboot`, `workflow` or anything else; the set is open by design.
        public var kind: String
        /// Argv text (shlex-split, never a shell); for `workflow`, `owner/repo/path.yml[@ref] k=v …`.
        public var run: String?
        public var target: String?

        public init(kind: String, run: String? = nil, target: String? = nil) {
            self.kind = kind
            self.run = run
            self.target = target
        }
    }

    public init(
        name: String, author: String, forCategory: String? = nil, match: String? = nil, solution: Action,
        impact: BoundLevel = .medium, reversibility: BoundLevel = .medium, problem: String? = nil,
        added: String? = nil, isProposed: Bool = false, vouchedBy: String? = nil, rules: [String]? = nil,
        resource: String? = nil, source: SourceKind? = nil, fix: String? = nil, patch: JSONValue? = nil
    ) {
        self.name = name
        self.author = author
        self.forCategory = forCategory
        self.match = match
        self.solution = solution
        self.impact = impact
        self.reversibility = reversibility
        self.problem = problem
        self.added = added
        self.isProposed = isProposed
        self.vouchedBy = vouchedBy
        self.rules = rules
        self.resource = resource
        self.source = source
        self.fix = fix
        self.patch = patch
    }

    enum CodingKeys: String, CodingKey {
        case name, author, match, solution, impact, reversibility, problem, added, rules, resource, source, fix
        case patch
        case forCategory = "for"
        case isProposed = "proposed"
        case vouchedBy = "vouched_by"
    }
}

/// The original's three-step scale for a fix's `impact` and `reversibility`.
public enum BoundLevel: String, Sendable, Codable, CaseIterable, Comparable {
    case low, medium, high

    public static func < (lhs: BoundLevel, rhs: BoundLevel) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }

    public static var allNames: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
