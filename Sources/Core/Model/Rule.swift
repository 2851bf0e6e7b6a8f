/// The documentation and metadata of one rule: what `catalog`, SARIF and issue bodies show.
public struct RuleDescription: Sendable, Codable, Hashable {
    /// Stable lowercase id prefixed by its pack (`aws-…`, `k8s-…`); part of every fingerprint, never reused.
    public var id: String
    public var title: String
    public var severity: Severity
    public var category: FindingCategory
    /// `aws`, `gcp`, `azure`, `k8s`, `docker`, `drift`.
    public var pack: String
    /// The resource types or kinds this rule reads; the engine shows it nothing else.
    public var resourceTypes: [String]
    /// The incident this rule prevents.
    public var rationale: String
    /// What to change, with an HCL or YAML example.
    public var remediation: String
    /// CIS benchmark items, Pod Security Standards controls, ATT&CK techniques.
    public var references: [String]
    /// The equivalent Checkov check, where one exists.
    public var checkov: String?
    /// The lowest profile that runs this rule (`baseline` or `restricted`); `nil` for rules every profile runs.
    /// Absent from catalogs written before profiles existed, so it decodes as `nil`.
    public var profile: RuleProfile?

    public init(
        id: String, title: String, severity: Severity, category: FindingCategory = .security, pack: String,
        resourceTypes: [String], rationale: String, remediation: String, references: [String] = [],
        checkov: String? = nil, profile: RuleProfile? = nil
    ) {
        self.id = id
        self.title = title
        self.severity = severity
        self.category = category
        self.pack = pack
        self.resourceTypes = resourceTypes
        self.rationale = rationale
        self.remediation = remediation
        self.references = references
        self.checkov = checkov
        self.profile = profile
    }
}

/// One offence a rule found in one resource.
public struct Violation: Sendable, Hashable {
    /// Attribute path that holds the offending value (`ingress.0.cidr_blocks`).
    public var path: String
    /// The offending value, as read; redacted by the engine when the tool marks the path sensitive.
    public var value: JSONValue?
    /// A sharper title than the rule's, when the rule can say more (e.g. which port).
    public var message: String?
    /// A severity other than the rule's, for the few rules whose severity depends on what they found (the
    /// original scores added capabilities high only when one of them is host-escape grade).
    public var severity: Severity?

    public init(path: String, value: JSONValue? = nil, message: String? = nil, severity: Severity? = nil) {
        self.path = path
        self.value = value
        self.message = message
        self.severity = severity
    }
}

/// Attribute trees that must and must not trigger a rule: documentation that is also its test.
public struct RuleExamples: Sendable {
    public var triggering: [JSONValue]
    public var nonTriggering: [JSONValue]
    /// Other resources in the inventory while each example runs, for rules that read the inventory (the flow
    /// log that makes one example VPC compliant and leaves another without one).
    public var context: [Resource]

    public init(triggering: [JSONValue], nonTriggering: [JSONValue], context: [Resource] = []) {
        self.triggering = triggering
        self.nonTriggering = nonTriggering
        self.context = context
    }
}

/// A read-only check over one resource: a pure function from attributes to violations.
///
/// Most rules judge a resource by its own attributes. A few need its neighbours (a VPC is compliant when
/// some `aws_flow_log` points at it); those use `init(_:examples:checkInventory:)` and still report on one
/// resource, so findings, fingerprints and the engine's one-pass loop stay as they are.
public struct Rule: Sendable {
    public let description: RuleDescription
    public let examples: RuleExamples
    /// What a rule judges by. The two kinds stay apart, not one wrapped in the other: a wrapping closure copied
    /// every resource it passed on, once per rule and resource.
    private enum Check: Sendable {
        case alone(@Sendable (Resource) -> [Violation])
        case amongInventory(@Sendable (Resource, ResourceInventory) -> [Violation])
    }
    private let evaluate: Check

    public init(
        _ description: RuleDescription, examples: RuleExamples, check: @escaping @Sendable (Resource) -> [Violation]
    ) {
        self.description = description
        self.examples = examples
        self.evaluate = .alone(check)
    }

    /// A rule whose verdict on a resource also depends on the other resources of the same target.
    public init(
        _ description: RuleDescription, examples: RuleExamples,
        checkInventory: @escaping @Sendable (Resource, ResourceInventory) -> [Violation]
    ) {
        self.description = description
        self.examples = examples
        self.evaluate = .amongInventory(checkInventory)
    }

    /// Judges `resource` alone, as if it were the only resource of its target.
    public func check(_ resource: Resource) -> [Violation] {
        switch evaluate {
        case .alone(let check): check(resource)
        case .amongInventory(let check): check(resource, ResourceInventory([resource]))
        }
    }

    /// Judges `resource` among the other resources of its target.
    public func check(_ resource: Resource, in inventory: ResourceInventory) -> [Violation] {
        switch evaluate {
        case .alone(let check): check(resource)
        case .amongInventory(let check): check(resource, inventory)
        }
    }
}
