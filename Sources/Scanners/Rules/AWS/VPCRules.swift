import Core

/// VPC-wide settings: flow logs and subnets that hand out public addresses.
enum VPCRules {
    static let flowLogsMissing = Rule(
        RuleDescription(
            id: "aws-vpc-flow-logs-missing", title: "VPC has no flow log", severity: .medium, pack: "aws",
            resourceTypes: ["aws_vpc"],
            rationale: "Without flow logs there is no record of which addresses talked to what: after a breach "
                + "nobody can tell what was exfiltrated or which hosts a compromised instance scanned. The rule "
                + "looks for an `aws_flow_log` whose `vpc_id` refers to the VPC (by configuration reference in a "
                + "plan, by value in a state); a flow log whose target goes through a module output is given the "
                + "benefit of the doubt.",
            remediation: """
                Capture at least rejected traffic for every VPC:

                resource "aws_flow_log" "main" {
                  vpc_id               = aws_vpc.main.id
                  traffic_type         = "ALL"
                  log_destination_type = "s3"
                  log_destination      = aws_s3_bucket.flow_logs.arn
                }
                """,
            references: ["CIS AWS Foundations 3.9", "MITRE ATT&CK T1562.008"], checkov: "CKV2_AWS_11"),
        examples: RuleExamples(
            triggering: [["id": "vpc-2", "cidr_block": "10.2.0.0/16"], ["cidr_block": "10.3.0.0/16"]],
            nonTriggering: [["id": "vpc-1", "cidr_block": "10.1.0.0/16"]],
            context: [
                Resource(
                    address: "aws_flow_log.main", type: "aws_flow_log", name: "main",
                    attributes: ["vpc_id": "vpc-1", "traffic_type": "ALL"]),
                Resource(
                    address: "aws_flow_log.subnet", type: "aws_flow_log", name: "subnet",
                    attributes: ["vpc_id": nil, "subnet_id": "subnet-1", "traffic_type": "ALL"]),
            ]),
        checkInventory: { resource, inventory in
            guard
                case .none = AWSSupport.link(
                    to: resource, from: ["aws_flow_log"], attribute: "vpc_id", targetKeys: ["id"], in: inventory)
            else { return [] }
            return [Violation(path: "id", value: nil, message: "no aws_flow_log records this VPC's traffic")]
        })

    static let subnetPublicIP = Rule(
        RuleDescription(
            id: "aws-subnet-public-ip-on-launch", title: "Subnet gives every instance a public IP address",
            severity: .medium, pack: "aws", resourceTypes: ["aws_subnet"],
            rationale: "With `map_public_ip_on_launch`, every instance, task or node started in the subnet is "
                + "reachable from the internet unless its security group says otherwise, including the ones "
                + "launched by autoscaling or by hand for a quick test.",
            remediation: """
                Keep workloads in private subnets and give public addresses only to load balancers and NAT:

                resource "aws_subnet" "app" {
                  vpc_id                  = aws_vpc.main.id
                  cidr_block              = "10.0.1.0/24"
                  map_public_ip_on_launch = false
                }
                """,
            references: ["MITRE ATT&CK T1190"], checkov: "CKV_AWS_130"),
        examples: RuleExamples(
            triggering: [["cidr_block": "10.0.1.0/24", "map_public_ip_on_launch": true]],
            nonTriggering: [
                ["cidr_block": "10.0.1.0/24", "map_public_ip_on_launch": false], ["cidr_block": "10.0.2.0/24"],
            ]),
        check: { resource in
            guard AWSSupport.bool(resource.attributes["map_public_ip_on_launch"]) == true else { return [] }
            return [Violation(path: "map_public_ip_on_launch", value: true)]
        })
}
