@testable import Core

/// One fixed report that exercises every branch the renderers have; the golden files are rendered from it.
enum ReportFixture {
    static let toolVersion = "1.2.3"

    static let publicBucketRule = RuleDescription(
        id: "aws-s3-public-acl", title: "S3 bucket ACL grants public access", severity: .critical, pack: "aws",
        resourceTypes: ["aws_s3_bucket"],
        rationale: "A public bucket is the most common IaC data leak.",
        remediation:
            "Set `acl = \"private\"` and add an aws_s3_bucket_public_access_block.\n\n```hcl\nacl = \"private\"\n```",
        references: ["CIS AWS 2.1.5", "MITRE ATT&CK T1530"], checkov: "CKV_AWS_20")

    static let sshRule = RuleDescription(
        id: "aws-sg-ssh-open", title: "Security group allows SSH from anywhere", severity: .high, pack: "aws",
        resourceTypes: ["aws_security_group"],
        rationale: "Port 22 open to 0.0.0.0/0 invites brute-force attempts.",
        remediation: "Restrict cidr_blocks to your bastion's range.")

    static let rules = [sshRule, publicBucketRule]

    static var findings: [Finding] {
        [
            Finding(
                ruleID: "aws-s3-public-acl", category: .security, severity: .critical,
                title: "S3 bucket logs is public", detail: "The bucket ACL is public-read.", source: "terraform",
                fingerprintSource: "terraform", target: "infra/prod", resource: "aws_s3_bucket.logs",
                resourceType: "aws_s3_bucket", identity: "infra/prod/aws_s3_bucket.logs",
                location: SourceLocation(file: "infra/prod/s3.tf", line: 12),
                evidence: [Evidence(path: "acl", value: "public-read")],
                remediation: "Set `acl = \"private\"` and add an aws_s3_bucket_public_access_block.\n\nMore text.",
                references: ["CIS AWS 2.1.5"]),
            Finding(
                ruleID: "aws-sg-ssh-open", category: .security, severity: .high,
                title: "SSH open to the world | see @octo-org/ops and #12 <b>now</b>\u{1B}[31m",
                detail: "Ingress 22/tcp from 0.0.0.0/0.", source: "terraform", fingerprintSource: "terraform",
                target: "infra/prod", resource: "module.net.aws_security_group.web[\"a_b\"]",
                resourceType: "aws_security_group", identity: "infra/prod/module.net.aws_security_group.web",
                location: SourceLocation(file: "infra/prod/modules/net/main.tf"),
                evidence: [Evidence(path: "ingress.0.cidr_blocks", value: "[\"0.0.0.0/0\"]")],
                remediation: "Restrict cidr_blocks to your bastion's range."),
            Finding(
                ruleID: "drift-modified", category: .drift, severity: .high,
                title: "aws_db_instance.main drifted (update)",
                detail: "The plan would change 2 attribute(s) configured outside Terraform.", source: "terraform",
                fingerprintSource: "terraform", target: "infra/prod", resource: "aws_db_instance.main",
                resourceType: "aws_db_instance", identity: "infra/prod/aws_db_instance.main",
                evidence: [
                    Evidence(path: "instance_class", value: "db.t3.large", before: "db.t3.medium"),
                    Evidence(path: "password", value: "hunter2", before: "hunter1", isSensitive: true),
                ],
                changeType: .modified, actions: ["update"]),
            Finding(
                ruleID: "queue-depth", category: .custom, severity: .medium, title: "Queue depth above 100",
                detail: "", source: "custom-check", fingerprintSource: "custom-check", target: "charts/web",
                resource: "custom/queue-depth", resourceType: "CustomCheck", identity: "custom/queue-depth",
                evidence: [Evidence(path: "value", value: "240")]),
            Finding(
                ruleID: "k8s-latest-tag", category: .security, severity: .low, title: "Image uses the latest tag",
                detail: "Unpinned images change under you.", source: "kubernetes", fingerprintSource: "kubernetes",
                target: "k8s", resource: "Deployment/shop/web", resourceType: "Deployment",
                identity: "Deployment/shop/web", location: SourceLocation(file: "k8s/web.yaml", line: 7),
                evidence: [Evidence(path: "spec.template.spec.containers.0.image", value: "nginx:latest")],
                remediation: "Pin the image to a digest."),
        ]
    }

    static var waivedFinding: Finding {
        Finding(
            ruleID: "aws-sg-ssh-open", category: .security, severity: .high, title: "SSH open on the legacy bastion",
            detail: "Ingress 22/tcp from 0.0.0.0/0.", source: "terraform", fingerprintSource: "terraform",
            target: "infra/prod", resource: "aws_security_group.legacy", resourceType: "aws_security_group",
            identity: "infra/prod/aws_security_group.legacy",
            location: SourceLocation(file: "infra/prod/legacy.tf", line: 3))
    }

    static var report: ScanReport {
        ScanReport(
            toolVersion: toolVersion,
            verdict: Verdict(outcome: .error, failOn: .high, gating: 3, total: 5, failedTargets: 1, exitCode: 3),
            findings: findings.sorted(by: Finding.reportOrder),
            waived: [
                WaivedFinding(
                    finding: waivedFinding,
                    waiver: Waiver(
                        rule: "aws-sg-ssh-open", resource: "infra/prod/aws_security_group.legacy",
                        reason: "Bastion retires in Q3", expires: "2099-09-30",
                        origin: "steadystate/config.toml [[suppress]] #1"))
            ],
            expiredWaivers: [
                Waiver(
                    rule: "k8s-latest-tag", reason: "Temporary while migrating", expires: "2024-01-31",
                    origin: "steadystate/config.toml [[suppress]] #2")
            ],
            targets: [
                TargetResult(
                    name: "infra/prod", source: "terraform", path: "infra/prod", status: .scanned, resourceCount: 42,
                    findingCount: 4),
                TargetResult(
                    name: "charts/web", source: "helm", path: "charts/web", status: .failed, resourceCount: 0,
                    findingCount: 1, error: "helm template exited 1: Error: chart requires kubeVersion >=1.28"),
                TargetResult(
                    name: "k8s", source: "kubernetes", path: "k8s", status: .scanned, resourceCount: 9, findingCount: 1),
            ],
            gatingCategories: [.drift, .security],
            warnings: ["steadystate/config.toml: unknown key 'ci.colour' (did you mean 'ci.color'?)"],
            errors: [])
    }
}
