import Core
import Foundation
import Testing

@testable import Scanners

@Suite struct RuleCatalogTests {
    @Test(arguments: RuleCatalog.all.map(\.description.id))
    func examplesBehave(_ id: String) throws {
        let rule = try #require(RuleCatalog.all.first { $0.description.id == id })
        #expect(!rule.examples.triggering.isEmpty && !rule.examples.nonTriggering.isEmpty)
        /// A Kubernetes example is a whole object and is checked as its own kind; the others as every type.
        func violations(_ attributes: JSONValue) -> Int {
            let types = attributes["kind"]?.stringValue.map { [$0] } ?? rule.description.resourceTypes
            return types.map { type in
                #expect(rule.description.resourceTypes.contains(type), "\(id) example of kind \(type)")
                return rule.check(Resource(address: "\(type).example", type: type, name: "example", attributes: attributes))
                    .count
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
            let description = rule.description
            #expect(description.id.hasPrefix(description.pack + "-"), "\(description.id)")
            #expect(description.id == description.id.lowercased())
            #expect(!description.references.isEmpty, "\(description.id) names its benchmark or technique")
            if let checkov = description.checkov {
                #expect(checkov.wholeMatch(of: /CKV2?_(AWS|GCP|AZURE|K8S|DOCKER)_[0-9]+/) != nil, "\(description.id): \(checkov)")
            }
            switch description.pack {
            case "aws", "gcp", "azure":
                // nil where Checkov has no equivalent check; otherwise a real id, never a guess.
                #expect(description.profile == nil)
                #expect(description.remediation.contains("="), "remediation of \(description.id) has HCL")
            default:
                #expect(description.profile != nil, "\(description.id) names the profile that runs it")
                #expect(description.category == .security)
                #expect(description.remediation.contains(":\n"), "remediation of \(description.id) has YAML")
            }
        }
    }

    /// Every rule a PSS control names runs under the profile that control belongs to, or a lower one.
    @Test func pssReferencesMatchTheProfile() {
        for rule in RuleCatalog.all {
            let controls = rule.description.references.filter { $0.hasPrefix("PSS ") }
            guard let profile = rule.description.profile, !controls.isEmpty else { continue }
            if profile == .restricted {
                #expect(controls.allSatisfy { $0.hasPrefix("PSS restricted: ") }, "\(rule.description.id)")
            }
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
