import Testing

@testable import Core

struct RuleEngineTests {
    static let rule = Rule(
        RuleDescription(
            id: "test-open", title: "is open", severity: .high, pack: "test", resourceTypes: ["thing"],
            rationale: "r", remediation: "m"),
        examples: RuleExamples(triggering: [], nonTriggering: []),
        check: { resource in
            ["input", "output"].compactMap { key in
                resource.attributes[key].map { Violation(path: key, value: $0) }
            }
        })

    @Test func redactsMarkedPathsAndValuesDerivedFromThem() {
        let resource = Resource(
            address: "thing.a", type: "thing", name: "a",
            attributes: ["input": "s3cr3t-token", "output": "prefix-s3cr3t-token", "other": "x"],
            sensitivity: ["input": true])
        let findings = RuleEngine.evaluate(
            [Self.rule], over: ResourceInventory([resource]), context: .init(source: .terraform, target: "t"))
        #expect(findings.count == 2)
        for finding in findings {
            #expect(finding.evidence.allSatisfy { $0.isSensitive && $0.value == Evidence.redactedText })
            #expect(!"\(finding)".contains("s3cr3t"))
        }
    }

    @Test func identitiesArePrefixedOnlyForSeveralTargets() {
        let resource = Resource(address: "thing.a", type: "thing", name: "a", attributes: ["input": "x"])
        let single = RuleEngine.evaluate(
            [Self.rule], over: ResourceInventory([resource]), context: .init(source: .terraformState, target: "t"))
        #expect(single.first?.identity == "thing.a")
        #expect(single.first?.fingerprint == Fingerprint.sha256Hex("terraform|thing.a|test-open"))
        let multi = RuleEngine.evaluate(
            [Self.rule], over: ResourceInventory([resource]),
            context: .init(source: .terraform, target: "t", identityPrefix: "infra/prod"))
        #expect(multi.first?.identity == "infra/prod/thing.a")
    }
}
