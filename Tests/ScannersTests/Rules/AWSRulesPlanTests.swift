import Core
import Foundation
import Testing

@testable import Scanners

/// The AWS pack against real plans (Terraform 1.15.5, provider 3.39.0; see each fixture's README): exactly
/// which rule fires on which address.
@Suite struct AWSRulesPlanTests {
    struct PlanCase: Sendable, CustomTestStringConvertible {
        var fixture: String
        var expected: [(rule: String, address: String)]
        var testDescription: String { fixture }
    }

    static let plans: [PlanCase] = [
        PlanCase(
            fixture: "terraform/aws-plan/plan.json",
            expected: [
                ("aws-ebs-unencrypted", "aws_ebs_volume.scratch"),
                ("aws-ebs-unencrypted", "module.storage.aws_ebs_volume.cache"),
                ("aws-iam-policy-wildcard", "aws_iam_policy.admin"),
                ("aws-rds-deletion-protection-off", "aws_db_instance.private"),
                ("aws-rds-deletion-protection-off", "aws_db_instance.public"),
                ("aws-rds-iam-auth-disabled", "aws_db_instance.private"),
                ("aws-rds-iam-auth-disabled", "aws_db_instance.public"),
                ("aws-rds-multi-az-disabled", "aws_db_instance.private"),
                ("aws-rds-multi-az-disabled", "aws_db_instance.public"),
                ("aws-rds-public", "aws_db_instance.public"),
                ("aws-rds-storage-unencrypted", "aws_db_instance.public"),
                ("aws-s3-access-logging-disabled", "aws_s3_bucket.logs"),
                ("aws-s3-access-logging-disabled", "aws_s3_bucket.public_assets"),
                ("aws-s3-access-logging-disabled", "module.storage.aws_s3_bucket.this"),
                ("aws-s3-encryption-missing", "aws_s3_bucket.logs"),
                ("aws-s3-encryption-missing", "aws_s3_bucket.public_assets"),
                ("aws-s3-encryption-missing", "module.storage.aws_s3_bucket.this"),
                ("aws-s3-public-acl", "aws_s3_bucket.public_assets"),
                ("aws-s3-public-acl", "module.storage.aws_s3_bucket.this"),
                ("aws-s3-versioning-disabled", "aws_s3_bucket.logs"),
                ("aws-s3-versioning-disabled", "aws_s3_bucket.public_assets"),
                ("aws-s3-versioning-disabled", "module.storage.aws_s3_bucket.this"),
                ("aws-sg-all-traffic-open", "aws_security_group_rule.all_world"),
                ("aws-sg-rdp-open", "aws_security_group_rule.all_world"),
                ("aws-sg-rdp-open", "aws_security_group_rule.rdp_world"),
                ("aws-sg-ssh-open", "aws_security_group.bastion"),
                ("aws-sg-ssh-open", "aws_security_group_rule.all_world"),
            ])
    ]

    static func findings(_ fixture: String) throws -> [Finding] {
        let data = try Data(contentsOf: URL(fileURLWithPath: TestTools.fixture(fixture)))
        let inventory = ResourceInventory(TerraformPlan.resources(in: try TerraformPlan.decode(data)))
        return RuleEngine.evaluate(AWSRules.all, over: inventory, context: .init(source: .terraform, target: "infra"))
    }

    @Test(arguments: plans)
    func findsExactlyTheOffenders(_ plan: PlanCase) throws {
        let findings = try Self.findings(plan.fixture)
        let found = Set(findings.map { "\($0.ruleID) \($0.resource)" })
        let expected = Set(plan.expected.map { "\($0.rule) \($0.address)" })
        #expect(found.count == findings.count, "one finding per rule and address")
        #expect(found.subtracting(expected).isEmpty, "unexpected: \(found.subtracting(expected).sorted())")
        #expect(expected.subtracting(found).isEmpty, "missing: \(expected.subtracting(found).sorted())")
    }

    @Test(arguments: plans)
    func findingsNeverShowSensitiveValues(_ plan: PlanCase) throws {
        let encoded = String(decoding: try JSONEncoder().encode(try Self.findings(plan.fixture)), as: UTF8.self)
        #expect(!encoded.contains("hunter2-fixture-secret"))
    }
}
