import Core

/// OpenSearch and Elasticsearch domains: encryption at rest, between nodes, and HTTPS for clients.
///
/// `aws_elasticsearch_domain` (all providers) and `aws_opensearch_domain` (4.x+) share these blocks. The
/// blocks are computed when unset (absent from the plan), and AWS's defaults are all off, so absence fires.
enum OpenSearchRules {
    static let types = ["aws_elasticsearch_domain", "aws_opensearch_domain"]

    static func flag(_ resource: Resource, block: String, key: String) -> (value: JSONValue?, isOn: Bool) {
        let value = AWSSupport.block(resource.attributes[block])?[key]
        return (value, AWSSupport.bool(value) == true)
    }

    /// One data node and no dedicated masters: nothing travels between nodes.
    static func isSingleNode(_ resource: Resource) -> Bool {
        guard let cluster = AWSSupport.block(resource.attributes["cluster_config"]),
            AWSSupport.int(cluster["instance_count"]) == 1
        else { return false }
        return AWSSupport.bool(cluster["dedicated_master_enabled"]) != true
            && AWSSupport.bool(cluster["warm_enabled"]) != true
    }

    static let atRestUnencrypted = Rule(
        RuleDescription(
            id: "aws-opensearch-at-rest-unencrypted", title: "OpenSearch domain is not encrypted at rest",
            severity: .medium, pack: "aws", resourceTypes: types,
            rationale: "Search clusters index logs and application data wholesale; unencrypted data nodes and "
                + "snapshots leak all of it, and encryption cannot be turned on for an existing domain on older "
                + "engine versions.",
            remediation: """
                Encrypt the domain at rest:

                encrypt_at_rest {
                  enabled = true
                }
                """,
            references: ["MITRE ATT&CK T1530"], checkov: "CKV_AWS_5"),
        examples: RuleExamples(
            triggering: [["domain_name": "d", "encrypt_at_rest": [["enabled": false]]], ["domain_name": "d"]],
            nonTriggering: [["domain_name": "d", "encrypt_at_rest": [["enabled": true]]]]),
        check: { resource in
            let (value, isOn) = flag(resource, block: "encrypt_at_rest", key: "enabled")
            guard !isOn else { return [] }
            return [
                Violation(
                    path: "encrypt_at_rest.0.enabled", value: value ?? .null,
                    message: "domain does not encrypt data at rest")
            ]
        })

    static let nodeToNodeUnencrypted = Rule(
        RuleDescription(
            id: "aws-opensearch-node-to-node-unencrypted",
            title: "OpenSearch domain does not encrypt node-to-node traffic",
            severity: .medium, pack: "aws", resourceTypes: types,
            rationale: "Without node-to-node encryption, shard replication and query traffic between data nodes "
                + "crosses the network in clear; fine-grained access control also requires it. A single-node "
                + "domain without dedicated masters has no such traffic and is skipped, as Checkov does.",
            remediation: """
                Encrypt traffic between nodes:

                node_to_node_encryption {
                  enabled = true
                }
                """,
            references: ["MITRE ATT&CK T1040"], checkov: "CKV_AWS_6"),
        examples: RuleExamples(
            triggering: [
                ["domain_name": "d", "node_to_node_encryption": [["enabled": false]]],
                ["domain_name": "d", "cluster_config": [["instance_count": 3]]],
            ],
            nonTriggering: [
                ["domain_name": "d", "node_to_node_encryption": [["enabled": true]]],
                ["domain_name": "d", "cluster_config": [["instance_count": 1, "dedicated_master_enabled": false]]],
            ]),
        check: { resource in
            let (value, isOn) = flag(resource, block: "node_to_node_encryption", key: "enabled")
            guard !isOn, !isSingleNode(resource) else { return [] }
            return [
                Violation(
                    path: "node_to_node_encryption.0.enabled", value: value ?? .null,
                    message: "domain does not encrypt node-to-node traffic")
            ]
        })

    static let httpsNotEnforced = Rule(
        RuleDescription(
            id: "aws-opensearch-https-not-enforced", title: "OpenSearch domain accepts plain HTTP",
            severity: .medium, pack: "aws", resourceTypes: types,
            rationale: "A domain that accepts HTTP lets clients send credentials, signed requests and query "
                + "results in clear; one misconfigured client is enough to leak them.",
            remediation: """
                Require HTTPS with a modern TLS policy:

                domain_endpoint_options {
                  enforce_https       = true
                  tls_security_policy = "Policy-Min-TLS-1-2-2019-07"
                }
                """,
            references: ["MITRE ATT&CK T1040", "MITRE ATT&CK T1557"], checkov: "CKV_AWS_83"),
        examples: RuleExamples(
            triggering: [
                ["domain_name": "d", "domain_endpoint_options": [["enforce_https": false]]], ["domain_name": "d"],
            ],
            nonTriggering: [["domain_name": "d", "domain_endpoint_options": [["enforce_https": true]]]]),
        check: { resource in
            let (value, isOn) = flag(resource, block: "domain_endpoint_options", key: "enforce_https")
            guard !isOn else { return [] }
            return [
                Violation(
                    path: "domain_endpoint_options.0.enforce_https", value: value ?? .null,
                    message: "domain does not enforce HTTPS")
            ]
        })
}
