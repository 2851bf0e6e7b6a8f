import Core

/// EC2 instances and their templates: the metadata service, public addresses, and disks.
enum EC2Rules {
    static let launchTypes = ["aws_instance", "aws_launch_template", "aws_launch_configuration"]

    /// Flags instances and templates that still answer IMDSv1.
    ///
    /// Compliant when `metadata_options` requires tokens or turns the endpoint off. An unset block or
    /// `http_tokens` (absent from the plan because the provider computes it) means AWS's default, `optional`.
    static let imdsv2NotRequired = Rule(
        RuleDescription(
            id: "aws-ec2-imdsv2-not-required", title: "Instance metadata service allows IMDSv1 (no session token)",
            severity: .medium, pack: "aws", resourceTypes: launchTypes,
            rationale: "IMDSv1 answers any GET from the instance, so a server-side request forgery in the "
                + "application is enough to read the instance role's credentials from 169.254.169.254: the "
                + "Capital One breach in 2019. IMDSv2 requires a PUT-issued session token that SSRF cannot get. "
                + "An unset `http_tokens` means AWS's default, optional.",
            remediation: """
                Require IMDSv2 session tokens:

                metadata_options {
                  http_endpoint               = "enabled"
                  http_tokens                 = "required"
                  http_put_response_hop_limit = 1
                }
                """,
            references: ["CIS AWS Foundations v3.0 5.6", "MITRE ATT&CK T1552.005"], checkov: "CKV_AWS_79"),
        examples: RuleExamples(
            triggering: [
                ["ami": "ami-1", "metadata_options": [["http_endpoint": "enabled", "http_tokens": "optional"]]],
                ["ami": "ami-1"],
                ["image_id": "ami-1", "metadata_options": []],
                ["image_id": "ami-1", "metadata_options": [["http_endpoint": "enabled"]]],
            ],
            nonTriggering: [
                ["ami": "ami-1", "metadata_options": [["http_endpoint": "enabled", "http_tokens": "required"]]],
                ["ami": "ami-1", "metadata_options": [["http_endpoint": "disabled"]]],
            ]),
        check: { resource in
            let options = AWSSupport.block(resource.attributes["metadata_options"])
            if options?["http_endpoint"]?.stringValue == "disabled" { return [] }
            let tokens = options?["http_tokens"]?.stringValue
            guard tokens != "required" else { return [] }
            return [
                Violation(
                    path: "metadata_options.0.http_tokens", value: tokens.map(JSONValue.string) ?? .null,
                    message: tokens == nil
                        ? "metadata service accepts IMDSv1 (http_tokens unset, AWS's default is optional)"
                        : "metadata service accepts IMDSv1 (http_tokens = \"\(tokens ?? "")\")")
            ]
        })

    /// Reads `associate_public_ip_address` only when the configuration sets it: unset means "the subnet
    /// decides", which `aws-subnet-public-ip-on-launch` judges.
    static let publicIP = Rule(
        RuleDescription(
            id: "aws-ec2-public-ip", title: "Instance gets a public IP address", severity: .medium, pack: "aws",
            resourceTypes: launchTypes,
            rationale: "An instance with a public address is one security-group change away from the internet; "
                + "scanners find exposed services within minutes. Public entry belongs on load balancers and "
                + "bastions. Checkov reports launch configurations under CKV_AWS_389 rather than CKV_AWS_88.",
            remediation: """
                Launch instances in private subnets without a public address:

                resource "aws_instance" "app" {
                  # ...
                  subnet_id                   = aws_subnet.private.id
                  associate_public_ip_address = false
                }
                """,
            references: ["MITRE ATT&CK T1190"], checkov: "CKV_AWS_88"),
        examples: RuleExamples(
            triggering: [
                ["ami": "ami-1", "associate_public_ip_address": true],
                ["image_id": "ami-1", "network_interfaces": [["associate_public_ip_address": "true"]]],
            ],
            nonTriggering: [
                ["ami": "ami-1", "associate_public_ip_address": false],
                ["ami": "ami-1"],
                ["image_id": "ami-1", "network_interfaces": [["associate_public_ip_address": "false"]]],
            ]),
        check: { resource in
            if AWSSupport.bool(resource.attributes["associate_public_ip_address"]) == true {
                return [Violation(path: "associate_public_ip_address", value: true)]
            }
            return (resource.attributes["network_interfaces"]?.elements ?? []).enumerated().compactMap { index, nic in
                guard AWSSupport.bool(nic["associate_public_ip_address"]) == true else { return nil }
                return Violation(
                    path: "network_interfaces.\(index).associate_public_ip_address",
                    value: nic["associate_public_ip_address"],
                    message: "network interface \(index) gets a public IP address")
            }
        })

    /// Flags disks that say `encrypted = false`.
    ///
    /// Disks restored from a snapshot carry the snapshot's encryption and are skipped. Unset disks follow the
    /// AMI and the account default, judged by `aws-ebs-encryption-by-default-off`; flagging them would repeat
    /// that finding on every instance.
    static let blockDeviceUnencrypted = Rule(
        RuleDescription(
            id: "aws-ec2-block-device-unencrypted", title: "Instance disk is explicitly unencrypted",
            severity: .medium, pack: "aws", resourceTypes: launchTypes,
            rationale: "An unencrypted root or data volume leaks through every snapshot and AMI made from it, and "
                + "a snapshot shared by mistake exposes the disk in clear. Checkov also fails instances that "
                + "leave encryption unset; those follow the account default, which aws-ebs-encryption-by-default-off "
                + "checks once instead of on every instance.",
            remediation: """
                Encrypt every block device (and turn on EBS encryption by default):

                root_block_device {
                  encrypted = true
                }
                """,
            references: ["CIS AWS Foundations 2.2.1", "MITRE ATT&CK T1530"], checkov: "CKV_AWS_8"),
        examples: RuleExamples(
            triggering: [
                ["ami": "ami-1", "root_block_device": [["encrypted": false]]],
                [
                    "ami": "ami-1", "root_block_device": [["encrypted": true]],
                    "ebs_block_device": [["device_name": "/dev/sdf", "encrypted": false]],
                ],
                [
                    "image_id": "ami-1",
                    "block_device_mappings": [
                        [
                            "device_name": "/dev/xvda",
                            "ebs": [["encrypted": "false"]],
                        ]
                    ],
                ],
            ],
            nonTriggering: [
                ["ami": "ami-1", "root_block_device": [["encrypted": true]]],
                ["ami": "ami-1"],
                ["ami": "ami-1", "ebs_block_device": [["encrypted": false, "snapshot_id": "snap-1"]]],
                ["image_id": "ami-1", "block_device_mappings": [["ebs": [["encrypted": "true"]]]]],
            ]),
        check: { resource in
            var violations: [Violation] = []
            for key in ["root_block_device", "ebs_block_device"] {
                for (index, disk) in (resource.attributes[key]?.elements ?? []).enumerated() {
                    guard AWSSupport.bool(disk["encrypted"]) == false, !(disk["snapshot_id"]?.isTruthy ?? false)
                    else { continue }
                    let name = disk["device_name"]?.stringValue.map { " \($0)" } ?? ""
                    violations.append(
                        Violation(
                            path: "\(key).\(index).encrypted", value: false,
                            message:
                                "\(key == "root_block_device" ? "root volume" : "EBS volume\(name)") is not encrypted"))
                }
            }
            for (index, mapping) in (resource.attributes["block_device_mappings"]?.elements ?? []).enumerated() {
                guard let ebs = AWSSupport.block(mapping["ebs"]), AWSSupport.bool(ebs["encrypted"]) == false,
                    !(ebs["snapshot_id"]?.isTruthy ?? false)
                else { continue }
                let name = mapping["device_name"]?.stringValue ?? "device \(index)"
                violations.append(
                    Violation(
                        path: "block_device_mappings.\(index).ebs.0.encrypted", value: ebs["encrypted"],
                        message: "EBS volume \(name) is not encrypted"))
            }
            return violations
        })
}
