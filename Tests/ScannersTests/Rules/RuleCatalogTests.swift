import Core
import Foundation
import Testing

@testable import Scanners

@Suite struct RuleCatalogTests {
    @Test(arguments: RuleCatalog.all.map(\.description.id))
    func examplesBehave(_ id: String) throws {
        let rule = try #require(RuleCatalog.all.first { $0.description.id == id })
        #expect(!rule.examples.triggering.isEmpty && !rule.examples.nonTriggering.isEmpty)
        // Each example is judged as every type the rule reads, among the rule's context resources.
        func violations(_ attributes: JSONValue) -> Int {
            rule.description.resourceTypes.map { type in
                let resource = Resource(address: "\(type).example", type: type, name: "example", attributes: attributes)
                return rule.check(resource, in: ResourceInventory(rule.examples.context + [resource])).count
            }.reduce(0, +)
        }
        for example in rule.examples.triggering {
            #expect(violations(example) >= 1, "\(id) should trigger on \(example.compactText)")
        }
        for example in rule.examples.nonTriggering {
            #expect(violations(example) == 0, "\(id) should not trigger on \(example.compactText)")
        }
    }

    @Test func idsAreUniqueAndCarryTheirPack() {
        let ids = RuleCatalog.all.map(\.description.id)
        #expect(Set(ids).count == ids.count)
        for rule in RuleCatalog.all {
            #expect(rule.description.id.hasPrefix(rule.description.pack + "-"), "\(rule.description.id)")
            #expect(!rule.description.references.isEmpty && rule.description.checkov != nil)
            #expect(rule.description.remediation.contains("="), "remediation of \(rule.description.id) has HCL")
        }
    }

    /// The real AWS plan: each offender is found, each compliant counterpart is not.
    @Test func findsExactlyTheOffendersOfTheCapturedAWSPlan() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: TestTools.fixture("terraform/aws-plan/plan.json")))
        let inventory = ResourceInventory(TerraformPlan.resources(in: try TerraformPlan.decode(data)))
        let findings = RuleEngine.evaluate(
            RuleCatalog.all, over: inventory, context: .init(source: .terraform, target: "infra"))
        let found = Set(findings.map { "\($0.ruleID) \($0.resource)" })
        #expect(
            found == [
                "aws-sg-ssh-open aws_security_group.bastion",
                "aws-sg-ssh-open aws_security_group_rule.all_world",
                "aws-sg-rdp-open aws_security_group_rule.rdp_world",
                "aws-sg-rdp-open aws_security_group_rule.all_world",
                "aws-s3-public-acl aws_s3_bucket.public_assets",
                "aws-s3-public-acl module.storage.aws_s3_bucket.this",
                "aws-ebs-unencrypted aws_ebs_volume.scratch",
                "aws-ebs-unencrypted module.storage.aws_ebs_volume.cache",
                "aws-rds-public aws_db_instance.public",
                "aws-iam-policy-wildcard aws_iam_policy.admin",
            ])
        let encoded = String(decoding: try JSONEncoder().encode(findings), as: UTF8.self)
        #expect(!encoded.contains("hunter2-fixture-secret"))
    }
}
