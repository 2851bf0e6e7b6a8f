import Core

/// ECR repositories: image scanning, tag immutability and public repository policies.
enum ECRRules {
    /// True when the plan's registry-level scanning configuration scans on push (or continuously), which
    /// overrides each repository's own flag.
    static func registryScans(_ inventory: ResourceInventory) -> Bool {
        inventory.resources(ofType: "aws_ecr_registry_scanning_configuration").contains { configuration in
            if configuration.attributes["scan_type"]?.stringValue == "ENHANCED" { return true }
            return (configuration.attributes["rule"]?.elements ?? []).contains {
                ["SCAN_ON_PUSH", "CONTINUOUS_SCAN"].contains($0["scan_frequency"]?.stringValue ?? "")
            }
        }
    }

    static let scanOnPushDisabled = Rule(
        RuleDescription(
            id: "aws-ecr-scan-on-push-disabled", title: "ECR repository does not scan images on push",
            severity: .low, pack: "aws", resourceTypes: ["aws_ecr_repository"],
            rationale: "Images pushed without a scan go to production with whatever known-vulnerable packages "
                + "they carry, and nobody is told. A registry-level scanning configuration in the same plan "
                + "counts.",
            remediation: """
                Scan on push (or configure registry-wide scanning):

                image_scanning_configuration {
                  scan_on_push = true
                }
                """,
            references: ["MITRE ATT&CK T1525"], checkov: "CKV_AWS_163"),
        examples: RuleExamples(
            triggering: [
                ["name": "r", "image_scanning_configuration": []],
                ["name": "r", "image_scanning_configuration": [["scan_on_push": false]]],
            ],
            nonTriggering: [["name": "r", "image_scanning_configuration": [["scan_on_push": true]]], ["name": "r"]]),
        checkInventory: { resource, inventory in
            guard let configuration = resource.attributes["image_scanning_configuration"],
                AWSSupport.bool(AWSSupport.block(configuration)?["scan_on_push"]) != true, !registryScans(inventory)
            else { return [] }
            return [
                Violation(
                    path: "image_scanning_configuration", value: configuration,
                    message: "repository does not scan images on push")
            ]
        })

    static let mutableTags = Rule(
        RuleDescription(
            id: "aws-ecr-tags-mutable", title: "ECR repository allows overwriting image tags", severity: .low,
            pack: "aws", resourceTypes: ["aws_ecr_repository"],
            rationale: "With mutable tags anyone who can push can replace `app:1.4.2` with a different image; "
                + "deployments that pull by tag then run code nobody reviewed (a supply-chain backdoor).",
            remediation: """
                Make tags immutable and deploy by digest where possible:

                resource "aws_ecr_repository" "app" {
                  name                 = "app"
                  image_tag_mutability = "IMMUTABLE"
                }
                """,
            references: ["MITRE ATT&CK T1525", "MITRE ATT&CK T1195.002"], checkov: "CKV_AWS_51"),
        examples: RuleExamples(
            triggering: [["name": "r", "image_tag_mutability": "MUTABLE"]],
            nonTriggering: [["name": "r", "image_tag_mutability": "IMMUTABLE"], ["name": "r"]]),
        check: { resource in
            guard resource.attributes["image_tag_mutability"]?.stringValue == "MUTABLE" else { return [] }
            return [Violation(path: "image_tag_mutability", value: "MUTABLE")]
        })

    static let policyPublic = Rule(
        RuleDescription(
            id: "aws-ecr-policy-public", title: "ECR repository policy allows anyone", severity: .high,
            pack: "aws", resourceTypes: ["aws_ecr_repository_policy"],
            rationale: "A repository policy that allows Principal \"*\" without a narrowing condition lets any AWS "
                + "account pull the images (and the secrets and internal code baked into them), or push "
                + "over them when write actions are included.",
            remediation: """
                Allow named accounts, or your organization:

                Statement = [{
                  Effect    = "Allow"
                  Principal = "*"
                  Action    = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
                  Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-abcdefghij" } }
                }]
                """,
            references: ["MITRE ATT&CK T1530", "MITRE ATT&CK T1525"], checkov: "CKV_AWS_32"),
        examples: RuleExamples(
            triggering: [
                ["repository": "r", "policy": #"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"ecr:*"}]}"#]
            ],
            nonTriggering: [
                [
                    "repository": "r",
                    "policy":
                        #"{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::1:root"},"Action":"ecr:BatchGetImage"}]}"#,
                ],
                [
                    "repository": "r",
                    "policy":
                        #"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"ecr:BatchGetImage","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-1"}}}]}"#,
                ],
            ]),
        check: { AWSSupport.publicStatement($0, what: "repository policy") })
}
