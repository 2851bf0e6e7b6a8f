import Foundation
import Testing

@testable import Core

/// Every operator, with the edge cases: missing paths, type mismatches, lists and wildcards.
struct ConditionTests {
    static let attributes: JSONValue = [
        "name": "web", "replicas": 3, "enabled": true, "nothing": nil, "version": "1.27.3-eks.1",
        "tags": ["env": "prod", "team": "shop"],
        "ingress": [
            ["from_port": 22, "cidr_blocks": ["10.0.0.0/8", "0.0.0.0/0"]],
            ["from_port": 443, "cidr_blocks": ["192.168.1.0/24"]],
        ],
        "ports": [80, 443], "v6": "2001:db8::/32",
    ]

    struct Case: Sendable, CustomTestStringConvertible {
        var path: String
        var op: ConditionOperator
        var value: JSONValue?
        var holds: Bool
        var testDescription: String { "\(path) \(op.rawValue) \(value?.compactText ?? "")" }
    }

    static let cases: [Case] = [
        .init(path: "name", op: .exists, value: nil, holds: true),
        .init(path: "missing", op: .exists, value: nil, holds: false),
        .init(path: "nothing", op: .exists, value: nil, holds: false),
        .init(path: "nothing", op: .absent, value: nil, holds: true),
        .init(path: "tags.owner", op: .absent, value: nil, holds: true),
        .init(path: "name", op: .equals, value: "web", holds: true),
        .init(path: "replicas", op: .equals, value: "3", holds: false),  // no coercion between types
        .init(path: "missing", op: .equals, value: nil, holds: true),
        .init(path: "missing", op: .notEquals, value: "x", holds: true),
        .init(path: "name", op: .notEquals, value: "web", holds: false),
        .init(path: "replicas", op: .lessThan, value: 5, holds: true),
        .init(path: "replicas", op: .greaterOrEqual, value: 3, holds: true),
        .init(path: "name", op: .greaterThan, value: 1, holds: false),  // a string is never ordered against a number
        .init(path: "missing", op: .lessThan, value: 1, holds: false),
        .init(path: "ingress.*.from_port", op: .lessOrEqual, value: 22, holds: true),
        .init(path: "ingress.1.from_port", op: .lessOrEqual, value: 22, holds: false),
        .init(path: "ingress.9.from_port", op: .exists, value: nil, holds: false),
        .init(path: "tags.env", op: .isIn, value: ["prod", "stage"], holds: true),
        .init(path: "tags.env", op: .notIn, value: ["prod"], holds: false),
        .init(path: "missing", op: .notIn, value: ["prod"], holds: true),
        .init(path: "name", op: .matches, value: "^w.b$", holds: true),
        .init(path: "replicas", op: .matches, value: "3", holds: false),  // only strings are searched
        .init(path: "name", op: .contains, value: "eb", holds: true),
        .init(path: "ports", op: .contains, value: 443, holds: true),
        .init(path: "ports", op: .contains, value: 8080, holds: false),
        .init(path: "ingress.*.cidr_blocks", op: .cidrContains, value: "8.8.8.8", holds: true),
        .init(path: "ingress.1.cidr_blocks", op: .cidrContains, value: "8.8.8.8", holds: false),
        .init(path: "ingress.*.cidr_blocks", op: .cidrOverlaps, value: "10.20.0.0/16", holds: true),
        .init(path: "ingress.1.cidr_blocks", op: .cidrOverlaps, value: "192.168.0.0/16", holds: true),
        .init(path: "v6", op: .cidrContains, value: "2001:db8::1", holds: true),
        .init(path: "v6", op: .cidrContains, value: "10.0.0.1", holds: false),  // families never mix
        .init(path: "version", op: .versionLess, value: "1.29", holds: true),
        .init(path: "version", op: .versionGreaterOrEqual, value: "1.27.3", holds: true),
        .init(path: "version", op: .versionEquals, value: "v1.27.3", holds: true),
        .init(path: "name", op: .versionLess, value: "1.0", holds: false),
        .init(path: "tags.*", op: .equals, value: "shop", holds: true),
    ]

    @Test(arguments: cases)
    func leaf(_ example: Case) {
        let condition = Condition.test(path: example.path, op: example.op, value: example.value)
        #expect(ConditionEvaluator.holds(condition, on: Self.attributes) == example.holds)
    }

    @Test func treesCombine() {
        let ssh = Condition.test(path: "ingress.*.from_port", op: .equals, value: 22)
        let rdp = Condition.test(path: "ingress.*.from_port", op: .equals, value: 3389)
        #expect(ConditionEvaluator.holds(.all([ssh, .not(rdp)]), on: Self.attributes))
        #expect(!ConditionEvaluator.holds(.all([ssh, rdp]), on: Self.attributes))
        #expect(ConditionEvaluator.holds(.any([rdp, ssh]), on: Self.attributes))
        #expect(!ConditionEvaluator.holds(.not(.any([rdp, ssh])), on: Self.attributes))
        let witnesses = ConditionEvaluator.evaluate(.all([ssh, .test(path: "tags.env", op: .exists, value: nil)]), on: Self.attributes)
        #expect(witnesses?.map(\.path) == ["ingress.0.from_port", "tags.env"])
    }

    @Test func hostileRegexInACheckFinishesQuickly() {
        let attributes: JSONValue = ["name": .string(String(repeating: "a", count: 4000) + "!")]
        let started = Date()
        #expect(!ConditionEvaluator.holds(.test(path: "name", op: .matches, value: "^(a|a)+$"), on: attributes))
        #expect(Date().timeIntervalSince(started) < 2)
    }

    @Test func resourceChecksFromTheTreeFixtureFireWhereTheyShould() throws {
        let data = try RunbookPaths.fixture("valid-checks-trees.json")
        let (checks, problems) = try ChecksFile.parse(data, file: "checks.json")
        #expect(problems.isEmpty, "\(problems)")
        let resources = [
            Resource(address: "aws_security_group.open", type: "aws_security_group", name: "open", attributes: [
                "ingress": [["from_port": 22, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]]],
            ]),
            Resource(address: "aws_security_group.vpn", type: "aws_security_group", name: "vpn", attributes: [
                "ingress": [["from_port": 22, "protocol": "tcp", "cidr_blocks": ["10.0.0.0/8"]]],
            ]),
            Resource(address: "module.prod.aws_eks_cluster.main", type: "aws_eks_cluster", name: "main", attributes: ["version": "1.28"]),
            Resource(address: "aws_eks_cluster.lab", type: "aws_eks_cluster", name: "lab", attributes: ["version": "1.20"]),
            Resource(address: "aws_instance.big", type: "aws_instance", name: "big", attributes: [
                "instance_type": "x2iedn.32xlarge", "tags": ["env": "prod"],
            ]),
            Resource(address: "aws_instance.dev", type: "aws_instance", name: "dev", attributes: [
                "instance_type": "x2iedn.32xlarge", "tags": ["env": "dev"],
            ]),
        ]
        let findings = CustomChecks.evaluate(
            checks, over: ResourceInventory(resources), context: .init(source: .terraform, target: "infra"))
        #expect(findings.map { "\($0.ruleID) \($0.resource)" }.sorted() == [
            "approved-instance-types aws_instance.big", "no-world-ssh aws_security_group.open",
            "old-kubernetes module.prod.aws_eks_cluster.main",
        ])
        let ssh = try #require(findings.first { $0.ruleID == "no-world-ssh" })
        #expect(ssh.category == .custom)
        #expect(ssh.fingerprint == Fingerprint.sha256Hex("terraform|aws_security_group.open|no-world-ssh"))
        #expect(ssh.evidence.first?.path == "ingress.0.cidr_blocks")
    }

    @Test func liveChecksAreSkippedWithAMessage() throws {
        let data = try RunbookPaths.fixture("valid-checks.json")
        let (checks, _) = try ChecksFile.parse(data, file: "steadystate/checks.json")
        let notices = CustomChecks.liveCheckNotices(checks, file: "steadystate/checks.json")
        #expect(notices.count == 6)
        #expect(notices[0].hasSuffix("(kubectl-cpu) is a live check, not checkable from the repository: skipped"))
    }
}
