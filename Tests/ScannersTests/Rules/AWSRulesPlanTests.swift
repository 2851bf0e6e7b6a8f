import Core
import Foundation
import Testing

@testable import Scanners

/// The AWS pack against real plans (Terraform 1.15.5, provider 3.39.0; see each fixture's README): exactly
/// which rule fires on which address, and that the compliant counterparts stay quiet.
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
            ]),
        PlanCase(
            fixture: "terraform/aws-plan-2/plan.json",
            expected: [
                ("aws-apigateway-access-logging-disabled", "aws_api_gateway_stage.unlogged"),
                ("aws-apigateway-access-logging-disabled", "aws_apigatewayv2_stage.unlogged"),
                ("aws-apigateway-method-no-auth", "aws_api_gateway_method.open_get"),
                ("aws-cloudfront-allows-http", "aws_cloudfront_distribution.api_path_http"),
                ("aws-cloudfront-allows-http", "aws_cloudfront_distribution.http_allowed"),
                ("aws-cloudfront-tls-outdated", "aws_cloudfront_distribution.http_allowed"),
                ("aws-cloudtrail-log-validation-disabled", "aws_cloudtrail.careless"),
                ("aws-cloudtrail-logging-disabled", "aws_cloudtrail.careless"),
                ("aws-cloudtrail-not-kms-encrypted", "aws_cloudtrail.careless"),
                ("aws-cloudtrail-not-multi-region", "aws_cloudtrail.careless"),
                ("aws-dynamodb-no-cmk", "aws_dynamodb_table.plain"),
                ("aws-dynamodb-pitr-disabled", "aws_dynamodb_table.plain"),
                ("aws-ebs-encryption-by-default-off", "aws_ebs_encryption_by_default.off"),
                ("aws-ec2-block-device-unencrypted", "aws_instance.legacy_metadata"),
                ("aws-ec2-block-device-unencrypted", "aws_instance.metadata_optional"),
                ("aws-ec2-block-device-unencrypted", "aws_launch_configuration.plain_disk"),
                ("aws-ec2-imdsv2-not-required", "aws_instance.legacy_metadata"),
                ("aws-ec2-imdsv2-not-required", "aws_instance.metadata_optional"),
                ("aws-ec2-imdsv2-not-required", "aws_launch_template.public_v1"),
                ("aws-ec2-public-ip", "aws_instance.legacy_metadata"),
                ("aws-ec2-public-ip", "aws_launch_template.public_v1"),
                ("aws-ecr-policy-public", "aws_ecr_repository_policy.public"),
                ("aws-ecr-scan-on-push-disabled", "aws_ecr_repository.mutable"),
                ("aws-ecr-tags-mutable", "aws_ecr_repository.mutable"),
                ("aws-efs-unencrypted", "aws_efs_file_system.plain"),
                ("aws-eks-control-plane-logging", "aws_eks_cluster.open"),
                ("aws-eks-public-endpoint-open", "aws_eks_cluster.open"),
                ("aws-eks-secrets-unencrypted", "aws_eks_cluster.open"),
                ("aws-elasticache-at-rest-unencrypted", "aws_elasticache_replication_group.plain"),
                ("aws-elasticache-transit-unencrypted", "aws_elasticache_replication_group.plain"),
                ("aws-elb-access-logs-disabled", "aws_elb.classic_plain"),
                ("aws-iam-access-key", "aws_iam_access_key.ci"),
                ("aws-iam-admin-policy-attached", "aws_iam_group_policy_attachment.admins_admin"),
                ("aws-iam-admin-policy-attached", "aws_iam_policy_attachment.shared_admin"),
                ("aws-iam-admin-policy-attached", "aws_iam_role_policy_attachment.app_admin"),
                ("aws-iam-admin-policy-attached", "aws_iam_user_policy_attachment.ci_admin"),
                ("aws-iam-assume-role-public", "aws_iam_role.anyone"),
                ("aws-iam-password-policy-reuse", "aws_iam_account_password_policy.weak"),
                ("aws-iam-password-policy-short", "aws_iam_account_password_policy.weak"),
                ("aws-iam-policy-star-action", "aws_iam_role_policy.star_on_bucket"),
                ("aws-iam-policy-wildcard", "aws_iam_group_policy.admins"),
                ("aws-iam-user-policy", "aws_iam_user_policy.ci_inline"),
                ("aws-iam-user-policy", "aws_iam_user_policy_attachment.ci_admin"),
                ("aws-kms-policy-public", "aws_kms_key.no_rotation"),
                ("aws-kms-rotation-disabled", "aws_kms_key.no_rotation"),
                ("aws-lambda-env-secrets", "aws_lambda_function.leaky"),
                ("aws-lambda-permission-public", "aws_lambda_permission.public"),
                ("aws-lambda-tracing-disabled", "aws_lambda_function.leaky"),
                ("aws-lb-access-logs-disabled", "aws_lb.public"),
                ("aws-lb-drop-invalid-headers-off", "aws_lb.public"),
                ("aws-lb-http-listener", "aws_lb_listener.http_forward"),
                ("aws-lb-tls-outdated", "aws_lb_listener.https_old_tls"),
                ("aws-nacl-all-traffic-open", "aws_network_acl_rule.all_world"),
                ("aws-nacl-rdp-open", "aws_network_acl.open_admin"),
                ("aws-nacl-rdp-open", "aws_network_acl_rule.all_world"),
                ("aws-nacl-ssh-open", "aws_network_acl.open_admin"),
                ("aws-nacl-ssh-open", "aws_network_acl_rule.all_world"),
                ("aws-opensearch-at-rest-unencrypted", "aws_elasticsearch_domain.plain"),
                ("aws-opensearch-https-not-enforced", "aws_elasticsearch_domain.plain"),
                ("aws-opensearch-node-to-node-unencrypted", "aws_elasticsearch_domain.plain"),
                ("aws-rds-auto-minor-upgrade-disabled", "aws_db_instance.careless"),
                ("aws-rds-auto-minor-upgrade-disabled", "aws_rds_cluster_instance.plain_1"),
                ("aws-rds-backup-disabled", "aws_db_instance.careless"),
                ("aws-rds-cluster-deletion-protection-off", "aws_rds_cluster.plain"),
                ("aws-rds-cluster-unencrypted", "aws_rds_cluster.plain"),
                ("aws-rds-deletion-protection-off", "aws_db_instance.careless"),
                ("aws-rds-deletion-protection-off", "aws_db_instance.defaults"),
                ("aws-rds-iam-auth-disabled", "aws_db_instance.careless"),
                ("aws-rds-iam-auth-disabled", "aws_db_instance.defaults"),
                ("aws-rds-multi-az-disabled", "aws_db_instance.careless"),
                ("aws-rds-multi-az-disabled", "aws_db_instance.defaults"),
                ("aws-rds-multi-az-disabled", "aws_db_instance.sqlserver"),
                ("aws-rds-public", "aws_db_instance.careless"),
                ("aws-rds-public", "aws_rds_cluster_instance.plain_1"),
                ("aws-rds-storage-unencrypted", "aws_db_instance.careless"),
                ("aws-rds-storage-unencrypted", "aws_db_instance.defaults"),
                ("aws-redshift-public", "aws_redshift_cluster.public"),
                ("aws-redshift-unencrypted", "aws_redshift_cluster.public"),
                ("aws-s3-access-logging-disabled", "aws_s3_bucket.bare"),
                ("aws-s3-access-logging-disabled", "aws_s3_bucket.grant_all_users"),
                ("aws-s3-access-logging-disabled", "aws_s3_bucket.public_policy_inline"),
                ("aws-s3-block-public-acls-off", "aws_s3_bucket_public_access_block.policy_only"),
                ("aws-s3-block-public-policy-off", "aws_s3_bucket_public_access_block.acls_only"),
                ("aws-s3-encryption-missing", "aws_s3_bucket.bare"),
                ("aws-s3-encryption-missing", "aws_s3_bucket.grant_all_users"),
                ("aws-s3-encryption-missing", "aws_s3_bucket.public_policy_inline"),
                ("aws-s3-ignore-public-acls-off", "aws_s3_account_public_access_block.account"),
                ("aws-s3-ignore-public-acls-off", "aws_s3_bucket_public_access_block.acls_only"),
                ("aws-s3-public-acl", "aws_s3_bucket.grant_all_users"),
                ("aws-s3-public-policy", "aws_s3_bucket.public_policy_inline"),
                ("aws-s3-public-policy", "aws_s3_bucket_policy.public_aws_star"),
                ("aws-s3-restrict-public-buckets-off", "aws_s3_account_public_access_block.account"),
                ("aws-s3-restrict-public-buckets-off", "aws_s3_bucket_public_access_block.acls_only"),
                ("aws-s3-versioning-disabled", "aws_s3_bucket.bare"),
                ("aws-s3-versioning-disabled", "aws_s3_bucket.grant_all_users"),
                ("aws-s3-versioning-disabled", "aws_s3_bucket.public_policy_inline"),
                ("aws-s3-versioning-disabled", "aws_s3_bucket.versioning_suspended"),
                ("aws-secretsmanager-no-cmk", "aws_secretsmanager_secret.default_key"),
                ("aws-sg-all-traffic-open", "aws_security_group.everything_world"),
                ("aws-sg-all-traffic-open", "aws_security_group_rule.tcp_all_ports_world"),
                ("aws-sg-database-port-open", "aws_security_group.mysql_world"),
                ("aws-sg-database-port-open", "aws_security_group_rule.elasticsearch_world_range"),
                ("aws-sg-database-port-open", "aws_security_group_rule.redis_world"),
                ("aws-sg-default-allows-traffic", "aws_default_security_group.open"),
                ("aws-sg-default-allows-traffic", "aws_vpc.bare"),
                ("aws-sg-default-allows-traffic", "module.network.aws_vpc.spare"),
                ("aws-sg-rdp-open", "aws_security_group.everything_world"),
                ("aws-sg-rdp-open", "aws_security_group_rule.tcp_all_ports_world"),
                ("aws-sg-ssh-open", "aws_security_group.everything_world"),
                ("aws-sg-ssh-open", "aws_security_group_rule.tcp_all_ports_world"),
                ("aws-sns-policy-public", "aws_sns_topic_policy.public"),
                ("aws-sns-unencrypted", "aws_sns_topic.plain"),
                ("aws-sqs-policy-public", "aws_sqs_queue_policy.public"),
                ("aws-ssm-parameter-secret-plaintext", "aws_ssm_parameter.db_password_plain"),
                ("aws-subnet-public-ip-on-launch", "aws_subnet.public_by_default"),
                ("aws-vpc-flow-logs-missing", "aws_vpc.bare"),
                ("aws-vpc-flow-logs-missing", "aws_vpc.unlogged"),
            ]),
    ]

    /// Resources written to pass every AWS rule that reads them: no AWS finding may name them.
    static let compliant = [
        "aws_security_group.internal", "aws_security_group_rule.egress_world", "aws_s3_bucket.hardened",
        "aws_s3_bucket.access_logs", "aws_ebs_volume.data", "aws_iam_policy.read_logs",
        "aws_security_group.app_private", "aws_security_group_rule.redis_from_app",
        "aws_security_group_rule.mongo_egress_world", "aws_default_security_group.closed", "aws_vpc.logged",
        "module.network.aws_vpc.this", "aws_network_acl.deny_first",
        "aws_network_acl_rule.ssh_vpn", "aws_network_acl_rule.all_out", "aws_subnet.private",
        "aws_instance.hardened", "aws_instance.metadata_off", "aws_launch_template.private_v2",
        "aws_launch_configuration.encrypted_disk", "aws_ebs_encryption_by_default.on",
        "aws_ami_launch_permission.partner", "aws_s3_bucket_policy.org_only",
        "aws_s3_bucket_public_access_block.all_on", "aws_db_instance.hardened", "aws_rds_cluster.hardened",
        "aws_rds_cluster_instance.hardened_1", "aws_dynamodb_table.hardened", "aws_efs_file_system.encrypted",
        "aws_elasticache_replication_group.encrypted", "aws_redshift_cluster.private",
        "aws_elasticsearch_domain.hardened", "aws_iam_role.app", "aws_iam_role.partner_with_external_id",
        "aws_iam_role_policy.scoped", "aws_iam_role_policy_attachment.app_readonly",
        "aws_iam_group_policy_attachment.readers_readonly", "aws_iam_account_password_policy.strict",
        "aws_cloudtrail.hardened", "aws_kms_key.rotated", "aws_kms_key.signing", "aws_sqs_queue.encrypted",
        "aws_sqs_queue.plain", "aws_sqs_queue_policy.from_topic", "aws_sns_topic.encrypted",
        "aws_sns_topic_policy.account_events", "aws_secretsmanager_secret.cmk", "aws_ssm_parameter.db_password_secure",
        "aws_ssm_parameter.log_level", "aws_lb.internal_hardened", "aws_lb.network", "aws_lb_listener.http_redirect",
        "aws_lb_listener.https_modern", "aws_elb.classic_logged", "aws_cloudfront_distribution.https_only",
        "aws_api_gateway_stage.logged", "aws_apigatewayv2_stage.logged", "aws_api_gateway_method.iam_post",
        "aws_api_gateway_method.cors_options", "aws_api_gateway_method.keyed_get", "aws_lambda_function.hardened",
        "aws_lambda_permission.from_bucket", "aws_eks_cluster.hardened", "aws_ecr_repository.immutable",
        "aws_ecr_repository_policy.account",
    ]

    /// Rules no real plan can trigger, because provider 3.39 lacks the resource type or attribute.
    ///
    /// Their `RuleExamples` use the shape of the provider version that has it.
    static let exampleOnly: [String: String] = [
        "aws-lambda-url-auth-none": "aws_lambda_function_url is provider 4.x+",
        "aws-ami-public": "aws_ami_launch_permission.group is provider 4.x+ (3.x shares with account ids only)",
        "aws-sqs-unencrypted": "sqs_managed_sse_enabled is provider 4.x+; 3.x queues get SSE-SQS by AWS default",
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
    func compliantCounterpartsStayQuiet(_ plan: PlanCase) throws {
        let flagged = Set(try Self.findings(plan.fixture).map(\.resource))
        #expect(flagged.intersection(Self.compliant).isEmpty, "\(flagged.intersection(Self.compliant).sorted())")
    }

    @Test func everyRuleFiresInARealPlanUnlessTheProviderCannotExpressIt() throws {
        let fired = Set(Self.plans.flatMap { $0.expected.map(\.rule) })
        for rule in AWSRules.all {
            let id = rule.description.id
            #expect(fired.contains(id) != (Self.exampleOnly[id] != nil), "\(id)")
        }
    }

    @Test func everyRuleHasACompliantResourceInARealPlan() throws {
        var resources: [Resource] = []
        for plan in Self.plans {
            let data = try Data(contentsOf: URL(fileURLWithPath: TestTools.fixture(plan.fixture)))
            resources += TerraformPlan.resources(in: try TerraformPlan.decode(data))
        }
        let flagged = Set(
            try Self.plans.flatMap { try Self.findings($0.fixture) }.map { "\($0.ruleID) \($0.resource)" })
        // Function URLs do not exist in provider 3.39; every other type does.
        for rule in AWSRules.all where rule.description.id != "aws-lambda-url-auth-none" {
            let candidates = resources.filter { rule.description.resourceTypes.contains($0.type) }
            #expect(
                candidates.contains { !flagged.contains("\(rule.description.id) \($0.address)") },
                "\(rule.description.id) has no compliant resource in the real plans")
        }
    }

    @Test(arguments: plans)
    func findingsNeverShowSensitiveValues(_ plan: PlanCase) throws {
        let encoded = String(decoding: try JSONEncoder().encode(try Self.findings(plan.fixture)), as: UTF8.self)
        for secret in [
            "hunter2-fixture-secret", "tok-fixture-sensitive-value", "fixture-lambda-password",
            "fixture-plain-parameter", "fixture-password-1",
        ] {
            #expect(!encoded.contains(secret), "\(secret)")
        }
    }
}
