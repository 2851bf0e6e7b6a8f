import Testing

@testable import Core

/// Which rules run on a target (`packs`, `profile`) and how severe their findings are (`severity`).
struct RulePolicyTests {
    static func rule(_ id: String, pack: String, profile: RuleProfile?, severity: Severity = .low) -> Rule {
        Rule(
            RuleDescription(
                id: id, title: id, severity: severity, pack: pack, resourceTypes: ["thing"], rationale: "",
                remediation: "", profile: profile),
            examples: RuleExamples(triggering: [], nonTriggering: []),
            check: { _ in [Violation(path: "x", severity: id == "k8s-escalates" ? .high : nil)] })
    }

    static let rules = [
        rule("aws-open", pack: "aws", profile: nil, severity: .high),
        rule("k8s-privileged", pack: "k8s", profile: .baseline, severity: .high),
        rule("k8s-escalates", pack: "k8s", profile: .baseline, severity: .medium),
        rule("k8s-no-limits", pack: "k8s", profile: .restricted),
        rule("docker-root", pack: "docker", profile: .baseline),
    ]

    static func ids(_ policy: RulePolicy) -> [String] { policy.apply(to: rules).map(\.description.id) }

    @Test func theDefaultIsTheBaselineProfileWithEveryPack() {
        #expect(RulePolicy().profile == .baseline && RuleProfile.default == .baseline)
        #expect(Self.ids(RulePolicy()) == ["aws-open", "k8s-privileged", "k8s-escalates", "docker-root"])
    }

    @Test func restrictedRunsEverythingAndRulesWithoutAProfileAlwaysRun() {
        #expect(Self.ids(RulePolicy(profile: .restricted)) == Self.rules.map(\.description.id))
        #expect(Self.ids(RulePolicy(packs: ["aws"], profile: .baseline)) == ["aws-open"])
    }

    @Test func packsSelectCaseInsensitively() {
        #expect(
            Self.ids(RulePolicy(packs: ["K8s"], profile: .restricted)) == [
                "k8s-privileged", "k8s-escalates", "k8s-no-limits",
            ])
        #expect(Self.ids(RulePolicy(packs: [])).isEmpty)
    }

    @Test func severityOverridesReplaceEverySeverityTheRuleReports() throws {
        let policy = RulePolicy(severities: ["k8s-escalates": .low, "docker-root": .critical])
        let rules = Dictionary(uniqueKeysWithValues: policy.apply(to: Self.rules).map { ($0.description.id, $0) })
        let resource = Resource(address: "a", type: "thing", name: "a", attributes: [:])
        let escalates = try #require(rules["k8s-escalates"])
        #expect(escalates.description.severity == .low)
        #expect(escalates.check(resource).map(\.severity) == [nil], "the per-finding high is overridden too")
        #expect(rules["docker-root"]?.description.severity == .critical)
        let findings = RuleEngine.evaluate(
            Array(rules.values), over: ResourceInventory([resource]), context: .init(source: .kubernetes, target: "t"))
        #expect(
            Set(findings.map { "\($0.ruleID) \($0.severity)" }) == [
                "aws-open high", "k8s-privileged high", "k8s-escalates low", "docker-root critical",
            ])
    }

    @Test func aViolationMayRaiseItsOwnFinding() {
        let resource = Resource(address: "a", type: "thing", name: "a", attributes: [:])
        let findings = RuleEngine.evaluate(
            [Self.rules[2]], over: ResourceInventory([resource]), context: .init(source: .kubernetes, target: "t"))
        #expect(findings.map(\.severity) == [.high])
    }

    @Test func profilesParseLikeTheOtherSettings() {
        #expect(RuleProfile(parsing: " Restricted ") == .restricted)
        #expect(RuleProfile(parsing: "privileged") == nil)
        #expect(RuleProfile.baseline < .restricted)
    }
}
