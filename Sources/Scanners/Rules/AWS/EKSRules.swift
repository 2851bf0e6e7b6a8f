import Core

/// EKS control planes: API endpoint exposure, secrets encryption, audit logging.
enum EKSRules {
    /// `endpoint_public_access` defaults to true and `public_access_cidrs` is computed (absent) when unset,
    /// with AWS's default 0.0.0.0/0; both absences therefore count as open.
    static let publicEndpointOpen = Rule(
        RuleDescription(
            id: "aws-eks-public-endpoint-open", title: "EKS API endpoint is open to the whole internet",
            severity: .medium, pack: "aws", resourceTypes: ["aws_eks_cluster"],
            rationale: "A public Kubernetes API reachable from 0.0.0.0/0 is brute-forced and probed for API "
                + "server CVEs and leaked kubeconfigs continuously; restricting it to known ranges (or making it "
                + "private) removes that surface. An unset `public_access_cidrs` means 0.0.0.0/0.",
            remediation: """
                Make the endpoint private, or limit it to your ranges:

                vpc_config {
                  subnet_ids              = var.subnet_ids
                  endpoint_private_access = true
                  endpoint_public_access  = true
                  public_access_cidrs     = ["203.0.113.0/24"]
                }
                """,
            references: ["CIS Amazon EKS 5.4.2", "MITRE ATT&CK T1190"], checkov: "CKV_AWS_38"),
        examples: RuleExamples(
            triggering: [
                ["name": "c", "vpc_config": [["endpoint_public_access": true]]],
                ["name": "c", "vpc_config": [["endpoint_public_access": true, "public_access_cidrs": ["0.0.0.0/0"]]]],
            ],
            nonTriggering: [
                ["name": "c", "vpc_config": [["endpoint_public_access": false, "endpoint_private_access": true]]],
                [
                    "name": "c",
                    "vpc_config": [["endpoint_public_access": true, "public_access_cidrs": ["203.0.113.0/24"]]],
                ],
            ]),
        check: { resource in
            guard let config = AWSSupport.block(resource.attributes["vpc_config"]),
                AWSSupport.bool(config["endpoint_public_access"]) != false
            else { return [] }
            let cidrs = config["public_access_cidrs"].map(AWSSupport.strings) ?? ["0.0.0.0/0"]
            guard cidrs.contains(where: AWSSupport.worldCIDRs.contains) else { return [] }
            return [
                Violation(
                    path: "vpc_config.0.public_access_cidrs", value: config["public_access_cidrs"] ?? .null,
                    message: config["public_access_cidrs"] == nil
                        ? "public API endpoint with no public_access_cidrs (AWS's default is 0.0.0.0/0)"
                        : "public API endpoint open to 0.0.0.0/0")
            ]
        })

    static let secretsUnencrypted = Rule(
        RuleDescription(
            id: "aws-eks-secrets-unencrypted", title: "EKS cluster does not encrypt Kubernetes secrets with KMS",
            severity: .medium, pack: "aws", resourceTypes: ["aws_eks_cluster"],
            rationale: "Without envelope encryption, Secrets are stored in etcd protected only by EBS encryption; "
                + "anyone who gets an etcd backup or snapshot reads every token and password in the cluster.",
            remediation: """
                Envelope-encrypt secrets with a KMS key:

                encryption_config {
                  resources = ["secrets"]
                  provider {
                    key_arn = aws_kms_key.eks.arn
                  }
                }
                """,
            references: ["CIS Amazon EKS 5.3.1", "MITRE ATT&CK T1552.007"], checkov: "CKV_AWS_58"),
        examples: RuleExamples(
            triggering: [["name": "c", "encryption_config": []]],
            nonTriggering: [
                [
                    "name": "c",
                    "encryption_config": [
                        [
                            "resources": ["secrets"],
                            "provider": [["key_arn": "arn:aws:kms:k"]],
                        ]
                    ],
                ],
                ["name": "c"],
            ]),
        check: { resource in
            guard let config = resource.attributes["encryption_config"] else { return [] }
            let covers = config.elements.contains { AWSSupport.strings($0["resources"]).contains("secrets") }
            guard !covers else { return [] }
            return [
                Violation(
                    path: "encryption_config", value: config,
                    message: "cluster does not envelope-encrypt Kubernetes secrets")
            ]
        })

    /// The log types an investigation needs: API calls, the audit log, and who authenticated.
    static let requiredLogTypes = ["api", "audit", "authenticator"]

    static let controlPlaneLogging = Rule(
        RuleDescription(
            id: "aws-eks-control-plane-logging",
            title: "EKS control plane does not log API, audit and authenticator events",
            severity: .low, pack: "aws", resourceTypes: ["aws_eks_cluster"],
            rationale: "Without the audit and authenticator logs nobody can tell who created that privileged pod "
                + "or read those secrets. The rule asks for api, audit and authenticator; Checkov's CKV_AWS_37 "
                + "also asks for controllerManager and scheduler, which carry no security events.",
            remediation: """
                Send the security-relevant control plane logs to CloudWatch:

                resource "aws_eks_cluster" "main" {
                  # ...
                  enabled_cluster_log_types = ["api", "audit", "authenticator"]
                }
                """,
            references: ["CIS Amazon EKS 2.1.1", "MITRE ATT&CK T1562.008"], checkov: "CKV_AWS_37"),
        examples: RuleExamples(
            triggering: [
                ["name": "c", "enabled_cluster_log_types": nil], ["name": "c", "enabled_cluster_log_types": ["api"]],
            ],
            nonTriggering: [
                ["name": "c", "enabled_cluster_log_types": ["api", "audit", "authenticator"]], ["name": "c"],
            ]),
        check: { resource in
            guard let value = resource.attributes["enabled_cluster_log_types"] else { return [] }
            let enabled = Set(AWSSupport.strings(value))
            let missing = requiredLogTypes.filter { !enabled.contains($0) }
            guard !missing.isEmpty else { return [] }
            return [
                Violation(
                    path: "enabled_cluster_log_types", value: value,
                    message: "control plane does not log \(missing.joined(separator: ", "))")
            ]
        })
}
