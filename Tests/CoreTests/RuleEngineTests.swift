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

    /// Large inventories are judged in shares on every core: the findings are still rule by rule, type by
    /// type, resource by resource, as one loop gives them.
    @Test func sharesKeepTheLoopsOrder() {
        let rules = (0..<12).map { number in
            Rule(
                RuleDescription(
                    id: "rule-\(number)", title: "t", severity: .low, pack: "test",
                    resourceTypes: number % 3 == 0 ? ["b", "a"] : ["a"], rationale: "r", remediation: "m"),
                examples: RuleExamples(triggering: [], nonTriggering: []),
                check: { resource in resource.attributes["n"].map { [Violation(path: "n", value: $0)] } ?? [] })
        }
        let resources = (0..<3000).map { index in
            Resource(
                address: "\(index % 2 == 0 ? "a" : "b").r\(index)", type: index % 2 == 0 ? "a" : "b",
                name: "r\(index)", attributes: ["n": .number(Double(index))])
        }
        let inventory = ResourceInventory(resources)
        let findings = RuleEngine.evaluate(rules, over: inventory, context: .init(source: .terraform, target: "t"))
        let expected = rules.flatMap { rule in
            rule.description.resourceTypes.flatMap { type in
                inventory.resources(ofType: type).map { "\(rule.description.id) \($0.address)" }
            }
        }
        #expect(findings.map { "\($0.ruleID) \($0.resource)" } == expected)
    }

    @Test(arguments: [([Int](), 5), ([1, 1, 1, 1, 1], 2), ([10, 1, 1, 10], 5), ([3], 100)])
    func sharesCoverEveryPairOnceInOrder(costs: [Int], target: Int) {
        let shares = Parallel.shares(of: costs, target: target)
        #expect(shares.flatMap { Array($0) } == Array(costs.indices))
        #expect(shares.dropLast().allSatisfy { costs[$0].reduce(0, +) >= target })
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

    /// A rule that reads the inventory sees every resource of the target, and reports on one of them.
    @Test func inventoryRulesSeeTheirNeighbours() {
        let needsPartner = Rule(
            RuleDescription(
                id: "test-lonely", title: "has no partner", severity: .low, pack: "test", resourceTypes: ["thing"],
                rationale: "r", remediation: "m"),
            examples: RuleExamples(triggering: [], nonTriggering: []),
            checkInventory: { resource, inventory in
                let partnered = inventory.resources(ofType: "partner").contains {
                    $0.attributes["of"]?.stringValue == resource.name
                }
                return partnered ? [] : [Violation(path: "name")]
            })
        let inventory = ResourceInventory([
            Resource(address: "thing.a", type: "thing", name: "a", attributes: [:]),
            Resource(address: "thing.b", type: "thing", name: "b", attributes: [:]),
            Resource(address: "partner.x", type: "partner", name: "x", attributes: ["of": "a"]),
        ])
        let findings = RuleEngine.evaluate(
            [needsPartner], over: inventory, context: .init(source: .terraform, target: "t"))
        #expect(findings.map(\.resource) == ["thing.b"])
        // Alone, a resource is judged as the only one of its target.
        #expect(needsPartner.check(Resource(address: "thing.a", type: "thing", name: "a", attributes: [:])).count == 1)
    }

    @Test func configurationAddressesDropInstanceKeys() {
        #expect(Resource.stripInstanceKeys(#"module.a["x.y"].aws_s3_bucket.b[0]"#) == "module.a.aws_s3_bucket.b")
        let resource = Resource(address: "module.n[1].aws_vpc.v", type: "aws_vpc", name: "v", attributes: [:])
        #expect(resource.configurationAddress == "module.n.aws_vpc.v")
    }
}
